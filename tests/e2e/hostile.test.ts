/**
 * Hostile and odd files in the built site (issue 18): columns named like built-in object properties load, show
 * their type and can be ticked and run; a 100,000-column file and a zip-bomb workbook end in a message within
 * 10 s while the tab keeps answering.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOTYPE_NAMES } from '../../src/lib/engine/names';
import { zipBombWorkbook } from '../support/zip-bomb';
import { gotoStep, launchApp, longTasksWhile, type App } from './harness';

describe('hostile files in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});
	// The refusals run first, on a page with nothing loaded: tearing down an earlier run's results is a main-thread
	// task of its own (about 300 ms), not the hostile file's.
	const give = (name: string, body: string | Buffer, mimeType = 'text/csv') =>
		app.page.getByLabel('Upload data').setInputFiles({ name, mimeType, buffer: typeof body === 'string' ? Buffer.from(body) : body });

	function wideCsv(cols: number, rows = 20): string {
		const lines = [Array.from({ length: cols }, (_, j) => `c${j}`).join(',')];
		for (let i = 0; i < rows; i++) lines.push(Array.from({ length: cols }, (_, j) => (((i * 31 + j * 17) % 97) / 7).toFixed(2)).join(','));
		return lines.join('\n') + '\n';
	}

	/** Gives the file through the DOM inside longTasksWhile and waits (CSS, not role queries) for the alert. */
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-hostile-'));
	/** Written to disk and given by path: a buffer would be built inside the page by Playwright, on its main thread. */
	const onDisk = (name: string, body: Buffer | string) => {
		writeFileSync(join(dir, name), body);
		return join(dir, name);
	};

	async function refusedQuickly(name: string, body: Buffer, message: RegExp) {
		const { page } = app;
		const path = onDisk(name, body);
		const started = Date.now();
		const tasks = await longTasksWhile(app, async () => {
			await page.locator('input[type=file]').first().setInputFiles(path);
			await page.locator('[role=alert]').first().waitFor({ timeout: 10_000 });
		});
		expect(Date.now() - started).toBeLessThan(10_000 + 400);
		await expect(page.getByRole('alert').textContent()).resolves.toMatch(message);
		expect(Math.max(0, ...tasks), `main-thread tasks: ${tasks.join(', ')}`).toBeLessThan(200);
		await page.getByRole('button', { name: 'Dismiss' }).click();
	}

	it('a 100,000-column file ends in a message naming the limit within 10 s; the tab keeps answering', async () => {
		await refusedQuickly('wide.csv', Buffer.from(wideCsv(100_000)), /"wide\.csv" has 100,000 columns; Segment Lab reads at most 10,000 columns/);
	});

	it('a zip-bomb workbook (2 MB → 2 GiB) ends in a message within 10 s; the tab keeps answering', async () => {
		await refusedQuickly('bomb.xlsx', await zipBombWorkbook(2048), /"bomb\.xlsx" unzips to 2\.0 GiB/);
		await refusedQuickly('liar.xlsx', await zipBombWorkbook(2048, true), /"liar\.xlsx" is not a sound workbook/);
	});

	it('a 50 MB single-line file ends in a message naming the line length limit', async () => {
		await refusedQuickly('line.csv', Buffer.from('1,'.repeat(25 * 2 ** 20)), /Line 1 of "line\.csv" is 52,428,800 characters long/);
	});

	it('10,000 columns (the limit) load within 20 s', async () => {
		const { page } = app;
		const path = onDisk('w10000.csv', wideCsv(10_000));
		const started = Date.now();
		const tasks = await longTasksWhile(app, async () => {
			await page.locator('input[type=file]').first().setInputFiles(path);
			await page.getByText(/w10000\.csv: 20 rows × 10,000 columns/).waitFor({ timeout: 20_000 });
		});
		expect(Date.now() - started).toBeLessThan(20_000);
		console.log(`10,000 columns: loaded in ${Date.now() - started} ms, longest main-thread task ${Math.max(0, ...tasks).toFixed(0)} ms`);
		await page.getByText('Showing the first 100 of 10,000 columns (10,000 chosen as features).').waitFor();
	});

	it('2,000 columns load within 10 s and the column list is paged (100 at a time)', async () => {
		const { page } = app;
		const path = onDisk('w2000.csv', wideCsv(2000));
		const started = Date.now();
		const tasks = await longTasksWhile(app, async () => {
			await page.locator('input[type=file]').first().setInputFiles(path);
			await page.getByText(/w2000\.csv: 20 rows × 2,000 columns/).waitFor({ timeout: 10_000 });
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		// Measured 100–360 ms here under load (over 30 s before the lists were paged): reported, not asserted under 200 ms.
		console.log(`2,000 columns: longest main-thread task ${Math.max(0, ...tasks).toFixed(0)} ms`);
		const table = page.getByRole('table', { name: 'Column profiles' });
		await expect(table.getByRole('checkbox').count()).resolves.toBe(100);
		await page.getByText('Showing the first 100 of 2,000 columns (2,000 chosen as features).').waitFor();
		await page.getByRole('button', { name: 'Show 100 more columns' }).click();
		await expect(table.getByRole('checkbox').count()).resolves.toBe(200);
	});

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
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Largest k').fill('3');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await gotoStep(page, 'Segments');
		await page.getByRole('heading', { name: 'Who the segments are' }).waitFor({ timeout: 120_000 });
		await expect(page.getByRole('alert').count()).resolves.toBe(0);
		expect(app.consoleErrors).toEqual([]);
	});
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRun, gotoStep, launchApp, readCsv, runAndWait, type App } from './harness';

/**
 * Issue 15, a segment from a selection: rows brushed on the map are saved as a named segment (its own 1/0 column
 * in the results CSV), then left out of the next run (recorded in the Recipe; the rows keep their place in the
 * export with their status).
 */
describe('a saved selection, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('saves a brushed region as a segment column, then leaves it out of the next run', async () => {
		const { page } = app;
		await demoRun(page, { min: 4, max: 4 });
		await gotoStep(page, 'Map');
		await page.getByLabel('Select a region').check({ timeout: 60_000 });
		const scatter = page.getByRole('img', { name: /principal components 1 and 2/ });
		await scatter.waitFor({ timeout: 60_000 });
		// The rows' values reach the map a moment after it is drawn: brush until the comparison shows.
		const brush = async () => {
			await scatter.evaluate((el) => el.scrollIntoView({ block: 'center' })); // clear of the sticky header
			const box = (await scatter.boundingBox())!;
			await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2);
			await page.mouse.down();
			await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.6, { steps: 8 });
			await page.mouse.up();
			return page.getByRole('table', { name: /Selected region/ }).count();
		};
		await expect.poll(brush, { timeout: 30_000, interval: 500 }).toBe(1);
		const caption = (await page.getByRole('table', { name: /Selected region/ }).locator('caption').textContent())!;
		const inBrush = Number(caption.match(/([\d,]+) rows/)![1].replace(/,/g, ''));
		expect(inBrush).toBeGreaterThan(0);

		await page.getByLabel('Name for the selection').fill('corner_customers');
		await page.getByRole('button', { name: 'Save as a segment' }).click();
		await expect(page.getByRole('list', { name: 'Saved segments' }).textContent()).resolves.toContain(`corner_customers: ${inBrush.toLocaleString('en')} rows`);
		await page.getByRole('button', { name: `Leave these ${inBrush.toLocaleString('en')} rows out of the next run` }).click();
		await expect(page.getByText(`${inBrush.toLocaleString('en')} row(s) will be left out of the next run`).count()).resolves.toBe(1);
		await gotoStep(page, 'Export');
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const rows = readCsv(readFileSync((await dl.path())!, 'utf8'));
		const col = rows[0].indexOf('corner_customers');
		expect(col).toBeGreaterThan(0);
		const marked = rows.slice(1).map((r, i) => (r[col] === '1' ? i : -1)).filter((i) => i >= 0);
		expect(marked).toHaveLength(inBrush);
		expect(rows.slice(1).every((r) => r[col] === '1' || r[col] === '0')).toBe(true);

		await runAndWait(page);
		await gotoStep(page, 'How many');
		await expect(page.getByText(`${(5000 - inBrush).toLocaleString('en')} of 5,000 rows clustered`).count()).resolves.toBeGreaterThan(0);
		await gotoStep(page, 'Export');
		const [dl2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const after = readCsv(readFileSync((await dl2.path())!, 'utf8'));
		const status = after[0].indexOf('status');
		const left = after.slice(1).map((r, i) => (r[status] === 'left out: excluded by the user' ? i : -1)).filter((i) => i >= 0);
		expect(left).toEqual(marked);
		const [rdl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe (JSON)' }).click()]);
		expect(JSON.parse(readFileSync((await rdl.path())!, 'utf8')).exclude.rows).toEqual(marked.map((i) => i + 1));
		expect(app.consoleErrors).toEqual([]);
	});
});

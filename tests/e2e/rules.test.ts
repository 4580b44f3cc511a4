import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRun, gotoStep, launchApp, readCsv, type App } from './harness';

/**
 * Issue 15, rules: on the demo data at k = 6 the rules view shows one rule per segment, the k′ slider adds
 * leaves and lowers the price of explainability, and the SQL, the JSON and the results CSV carry the same rules.
 */
describe('rules for each segment, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('moves k′ with the slider, and downloads SQL and JSON that match the results CSV', async () => {
		const { page } = app;
		await demoRun(page, { min: 6, max: 6 });
		await gotoStep(page, 'Segments');
		await page.getByRole('heading', { name: 'Rules for each segment' }).waitFor({ timeout: 60_000 });
		const table = page.getByRole('table', { name: /Rules at 6 leaves/ });
		await table.waitFor({ timeout: 60_000 });
		await expect(table.getByRole('row').count()).resolves.toBe(7);
		const status = page.getByRole('status').filter({ hasText: 'price of explainability' });
		const ratioAt = async () => Number(/cost ([\d.]+)×/.exec((await status.textContent()) ?? '')![1]);
		const at6 = await ratioAt();
		expect(at6).toBeGreaterThanOrEqual(1);

		const slider = page.getByRole('slider', { name: /Leaves/ });
		await slider.focus();
		await slider.press('ArrowRight');
		await slider.press('ArrowRight');
		await page.getByRole('table', { name: /Rules at 8 leaves/ }).waitFor({ timeout: 30_000 });
		expect(await ratioAt()).toBeLessThanOrEqual(at6);
		await expect(page.getByRole('table', { name: /Rules at 8 leaves/ }).getByRole('row').count()).resolves.toBe(9);

		const [sqlDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download rules (SQL)' }).click()]);
		expect(sqlDl.suggestedFilename()).toBe('customers-rules-k6-8-leaves.sql');
		const sql = readFileSync((await sqlDl.path())!, 'utf8');
		expect(sql).toContain('AS segment_by_rules');
		expect(sql.match(/^-- Segment \d+:/gm)).toHaveLength(6);
		const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download rules (JSON)' }).click()]);
		const json = JSON.parse(readFileSync((await jsonDl.path())!, 'utf8'));
		expect(json.leaves).toBe(8);
		expect(sql).toContain(json.sql);

		await page.getByLabel('Add segment_by_rules (these rules’ segment) to the results CSV').check();
		await gotoStep(page, 'Export');
		const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const rows = readCsv(readFileSync((await csvDl.path())!, 'utf8'));
		const col = rows[0].indexOf('segment_by_rules');
		expect(col).toBeGreaterThan(0);
		expect(rows.slice(1).map((r) => Number(r[col]))).toEqual(json.labels);
		expect(app.consoleErrors).toEqual([]);
	});
});

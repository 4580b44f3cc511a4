import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Issue 15: on a customer table built from a transaction log, the classic RFM segments are one click away as a
 * column to profile by (a cross-tab against the clusters, with χ², Cramér's V and the ARI); the new views (rules,
 * profile by column, tracking) pass axe-core, but for the shared metric chart inside the rules view.
 */
describe('the classic RFM segments against the clusters, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('cross-tabulates rfm_segment against the clusters in one click, and the new views pass axe', async () => {
		const { page } = app;
		await page.getByLabel('Demo dataset').selectOption('retail');
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: 'Build customer features' }).waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Build customer features' }).click();
		await page.getByRole('heading', { name: 'Customer features', exact: true }).waitFor({ timeout: 60_000 });
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('4');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		const run = page.getByRole('button', { name: 'Run', exact: true });
		await run.click();
		await expect.poll(() => run.isEnabled(), { timeout: 120_000 }).toBe(true);
		await gotoStep(page, 'Segments');
		await page.getByRole('button', { name: 'Compare with the classic RFM segments' }).click({ timeout: 60_000 });
		const table = page.getByRole('table', { name: 'Share of each level of rfm_segment per segment' });
		await table.waitFor({ timeout: 30_000 });
		await expect(table.getByRole('row').count()).resolves.toBe(5);
		const status = (await page.getByRole('status').filter({ hasText: 'adjusted Rand index' }).textContent())!;
		expect(status).toMatch(/3,546 clustered rows have a value/);
		expect(status).toMatch(/χ² = [\d.,e+]+ on \d+ degrees of freedom, p (= [\d.e-]+|< 1e-300);\s+Cramér’s V = 0\.\d+; agreement of the segments with “rfm_segment” \(adjusted Rand index\) = -?\d/);
		await page.getByRole('table', { name: /Rules at 4 leaves/ }).waitFor({ timeout: 60_000 });

		await page.addScriptTag({ content: AXE });
		const violations = await page.evaluate(async () => {
			const axe = (window as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
			// The trade-off chart is the shared MetricChart/ChartFigure (as in the evidence panel): checked where those are owned.
			const r = await axe.run({ include: [['section[aria-labelledby="rules-heading"]'], ['section[aria-labelledby="by-column-heading"]'], ['section[aria-labelledby="track-heading"]']], exclude: [['section[aria-labelledby="rules-heading"] figure']] });
			return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		});
		expect(violations).toEqual([]);
	});
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, readCsv, type App } from './harness';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;

/**
 * Issue 7: on the demo data every planted segment gets a persona whose reason cites its planted traits, and a
 * renamed segment carries its name into the results CSV and the Recipe.
 */
describe('personas on the demo data, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('names each planted segment after its planted traits', async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('6');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('6');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), { timeout: 120_000 }).toBe(true);
		await gotoStep(page, 'Segments');
		const cards = page.getByRole('article', { name: /^Persona:/ });
		await cards.first().waitFor({ timeout: 60_000 });
		await expect(cards.count()).resolves.toBe(6);
		const texts = await cards.allTextContents();
		const names = await page.getByRole('article', { name: /^Persona:/ }).getByRole('heading').allTextContents();
		expect(new Set(names).size).toBe(6);
		// The planted traits (scripts/demo/customers.ts): each must be cited by a different card.
		const planted: [string, RegExp][] = [
			['Champions', /(avg_order_value \+[\d.]+ sd.*total_purchases \+|total_purchases \+[\d.]+ sd.*avg_order_value \+)/],
			['New customers', /account_age_days −[\d.]+ sd/],
			['Lapsed', /days_since_last_purchase \+[\d.]+ sd/],
			['Bargain hunters', /avg_order_value −[\d.]+ sd/],
			['Support-heavy', /customer_support_tickets \+[\d.]+ sd/],
			['Loyal regulars', /account_age_days \+[\d.]+ sd|product_categories_purchased \+[\d.]+ sd/]
		];
		const used = new Set<number>();
		for (const [segment, pattern] of planted) {
			const i = texts.findIndex((t, j) => !used.has(j) && pattern.test(t.split('Suggested action')[0]));
			expect(i, `${segment}: ${texts.join('\n')}`).toBeGreaterThanOrEqual(0);
			used.add(i);
		}
		await expect(page.getByRole('img', { name: /How each segment differs from all customers/ }).count()).resolves.toBe(1);
		const [svgDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download heatmap (SVG)' }).click()]);
		expect(svgDl.suggestedFilename()).toBe('segment-differences-k6.svg');
		expect(readFileSync((await svgDl.path())!, 'utf8')).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*xmlns/);
		const [pngDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download heatmap (PNG)' }).click()]);
		expect(readFileSync((await pngDl.path())!).subarray(1, 4).toString()).toBe('PNG');
	});

	it('a renamed segment carries its name into the CSV (neutralised) and the Recipe', async () => {
		const { page } = app;
		const input = page.getByLabel('Name of segment 1');
		await input.fill('=VIP club');
		await input.press('Tab');
		await page.getByRole('heading', { name: '=VIP club' }).waitFor();
		await gotoStep(page, 'Export');
		const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const rows = readCsv(readFileSync((await csvDl.path())!, 'utf8'));
		const nameCol = rows[0].indexOf('segment_name');
		const segCol = rows[0].indexOf('segment');
		const firstSeg = rows.slice(1).find((r) => r[segCol] === '1')!;
		expect(firstSeg[nameCol]).toBe("'=VIP club");
		const [recipeDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe (JSON)' }).click()]);
		const recipe = JSON.parse(readFileSync((await recipeDl.path())!, 'utf8'));
		expect(recipe.segmentNames['6'][0]).toBe('=VIP club');
		expect(app.consoleErrors).toEqual([]);
	});

	it('the HTML report opens from disk with no network and shows every section and the new name', async () => {
		const { page, browser } = app;
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (HTML)' }).click()]);
		const html = readFileSync((await dl.path())!, 'utf8');
		expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
		const file = join(mkdtempSync(join(tmpdir(), 'segment-lab-report-')), 'report.html');
		writeFileSync(file, html);
		const ctx = await browser.newContext({ offline: true });
		const requests: string[] = [];
		ctx.on('request', (r) => requests.push(r.url()));
		const p = await ctx.newPage();
		await p.goto('file://' + file);
		for (const h of ['Summary', 'Personas', 'Segment sizes', 'How the segments differ', 'Profiles', 'Recipe']) {
			await expect(p.getByRole('heading', { name: h, exact: true }).count(), h).resolves.toBe(1);
		}
		await expect(p.getByRole('heading', { name: '=VIP club' }).count()).resolves.toBe(1);
		await expect(p.getByRole('img', { name: /How each segment differs/ }).count()).resolves.toBe(1);
		await expect(p.getByText(/"segmentNames"/).count()).resolves.toBe(1);
		expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
		await ctx.close();
	});

	it('scores the training file with the downloaded model (same segments), and a shifted copy raises the drift warning', async () => {
		const { page } = app;
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download model (JSON)' }).click()]);
		const model = readFileSync((await dl.path())!);
		const [resultsDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const results = readCsv(readFileSync((await resultsDl.path())!, 'utf8'));
		await gotoStep(page, 'Score');
		const demo = readFileSync(DEMO, 'utf8');
		await page.getByLabel('Model file (JSON)').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: model });
		await page.getByLabel('New customers file').setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(demo) });
		await page.getByRole('button', { name: 'Score file' }).click();
		await page.getByText(/5,000 of 5,000 rows of again.csv scored/).waitFor({ timeout: 30_000 });
		const drift = page.getByRole('table', { name: /Drift per feature/ });
		await expect(drift.getByRole('cell', { name: 'stable', exact: true }).count()).resolves.toBe(7);
		const [scoredDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download scored file (CSV)' }).click()]);
		const scored = readCsv(readFileSync((await scoredDl.path())!, 'utf8'));
		const col = (rows: string[][], name: string) => rows.slice(1).filter((r) => r.length > 1).map((r) => r[rows[0].indexOf(name)]);
		expect(col(scored, 'segment')).toEqual(col(results, 'segment'));
		// This session's model, without the round trip through a download: the same segments.
		const scoring = page.getByRole('group', { name: 'Model to score with' });
		await scoring.getByRole('radio', { name: /^This session’s model: k = \d+ on “customers\.csv”/ }).check();
		await page.getByLabel('New customers file').setInputFiles({ name: 'again2.csv', mimeType: 'text/csv', buffer: Buffer.from(demo) });
		await page.getByRole('button', { name: 'Score file' }).click();
		await page.getByText(/5,000 of 5,000 rows of again2.csv scored/).waitFor({ timeout: 30_000 });
		const [sessionDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download scored file (CSV)' }).click()]);
		expect(col(readCsv(readFileSync((await sessionDl.path())!, 'utf8')), 'segment')).toEqual(col(results, 'segment'));
		await scoring.getByRole('radio', { name: 'A saved model file' }).check();
		const lines = demo.trimEnd().split('\n');
		const shifted = [lines[0], ...lines.slice(1).map((l) => l.split(',').map((c, j) => (j === 3 ? String(Number(c) * 3 + 60) : c)).join(','))].join('\n') + '\n';
		await page.getByLabel('New customers file').setInputFiles({ name: 'shifted.csv', mimeType: 'text/csv', buffer: Buffer.from(shifted) });
		await page.getByRole('button', { name: 'Score file' }).click();
		await page.getByText(/Drift: days_since_last_purchase/).waitFor({ timeout: 30_000 });
		expect(app.consoleErrors).toEqual([]);
	});
});

describe('session: autosave, reload, shareable link', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('a reload restores the session (recipe, results, names) once the file is loaded again', async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('5');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('6');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), { timeout: 120_000 }).toBe(true);
		await gotoStep(page, 'Segments');
		await page.getByLabel('Name of segment 2').fill('Keep these');
		await page.getByLabel('Name of segment 2').press('Tab');
		await page.getByRole('heading', { name: 'Keep these' }).waitFor();
		await page.waitForTimeout(1500); // the autosave runs a moment after the change
		await page.reload();
		await page.locator('main[data-hydrated="true"]').waitFor();
		await page.getByText(/Your last session on “customers.csv”/).waitFor();
		// The reload kept the step in the address (?step=segments); the file is loaded from the Data step.
		await page.getByRole('heading', { level: 2, name: 'Segments', exact: true }).waitFor();
		await gotoStep(page, 'Data');
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByText(/Restored your last session/).waitFor({ timeout: 30_000 });
		await gotoStep(page, 'Segments');
		await page.getByRole('heading', { name: 'Keep these' }).waitFor();
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe('6');
		await gotoStep(page, 'Cluster');
		await expect(page.getByLabel('Smallest k').inputValue()).resolves.toBe('5');
	});

	it('the shareable link carries the recipe only and asks for the file', async () => {
		const { page, context } = app;
		await gotoStep(page, 'Export');
		await page.getByRole('button', { name: 'Copy shareable link' }).click();
		const link = await page.getByLabel(/Shareable link/).inputValue();
		expect(link).toMatch(/#recipe=[A-Za-z0-9_-]+$/);
		expect(link.length).toBeLessThan(8000);
		const other = await context.newPage();
		await other.goto(link);
		await other.locator('main[data-hydrated="true"]').waitFor();
		await other.getByText(/This link carries a recipe for “customers.csv” \(no data\)/).waitFor();
		await other.getByRole('button', { name: 'Try the demo data' }).click();
		await other.getByText(/Recipe applied/).waitFor({ timeout: 30_000 });
		await gotoStep(other, 'Cluster');
		await expect(other.getByLabel('Smallest k').inputValue()).resolves.toBe('5');
		await other.close();
		expect(app.consoleErrors).toEqual([]);
	});
});

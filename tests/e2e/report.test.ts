import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';

/**
 * Issue 15, the complete report: downloaded after a run with rules on show and an outcome chosen, opened in
 * Chromium from disk: every section is there, it holds no script (and its CSP allows none), and it prints to a
 * PDF of several pages (a page break between sections).
 */
function customers(): string {
	const lines = ['customer_id,spend,visits,churned'];
	for (let i = 0; i < 300; i++) {
		const g = i % 3;
		lines.push(`C${1000 + i},${[30, 150, 400][g] + ((i * 37) % 50)},${[2, 8, 20][g] + ((i * 13) % 5)},${(i * 7) % 10 < [1, 4, 7][g] ? 1 : 0}`);
	}
	return lines.join('\n') + '\n';
}

describe('the HTML report, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('holds every section, runs no script, and prints to several pages', async () => {
		const { page } = app;
		await page.getByLabel('Upload data').setInputFiles({ name: 'churn.csv', mimeType: 'text/csv', buffer: Buffer.from(customers()) });
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('2');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('5');
		await page.getByLabel('Largest k').press('Tab');
		const run = page.getByRole('button', { name: 'Run', exact: true });
		await run.click();
		await expect.poll(() => run.isEnabled(), { timeout: 120_000 }).toBe(true);
		// The report carries what the Segments step shows: the rules and the outcome chosen there.
		await gotoStep(page, 'Segments');
		await page.getByRole('table', { name: /Rules at \d+ leaves/ }).waitFor({ timeout: 60_000 });
		await page.getByRole('combobox', { name: 'Column to compare across segments' }).selectOption('churned');
		await page.getByRole('table', { name: /Rate of churned = 1 per segment/ }).waitFor({ timeout: 30_000 });
		await gotoStep(page, 'Export');
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download report/ }).click()]);
		expect(dl.suggestedFilename()).toMatch(/\.html$/);
		// Opened from disk under its own name, as a reader would (the download's temporary file has no extension).
		const path = join(mkdtempSync(join(tmpdir(), 'segment-lab-report-')), dl.suggestedFilename());
		copyFileSync((await dl.path())!, path);
		const html = readFileSync(path, 'utf8');
		expect(html).not.toMatch(/<script/i);
		expect(html).toContain("default-src 'none'");

		const report = await app.context.newPage();
		const errors: string[] = [];
		report.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		await report.goto(`file://${path}`);
		for (const name of ['Summary', 'Data and preparation', 'Method and seed', 'Evidence for k', 'Map', 'Rules', 'Outcome: churned', 'Personas', 'Segment sizes', 'How the segments differ', 'Profiles', 'Recipe']) {
			await expect(report.getByRole('heading', { name, exact: true }).count(), name).resolves.toBe(1);
		}
		for (const name of [/Mean silhouette by k/, /Davies–Bouldin by k/, /Calinski–Harabasz by k/, /Inertia \(elbow\) by k/, /Silhouette plot/, /Map of the segments/]) {
			await expect(report.getByRole('img', { name }).count(), String(name)).resolves.toBe(1);
		}
		await expect(report.getByText(/Recommended k = \d/).count()).resolves.toBe(1);
		await expect(report.getByRole('table').filter({ hasText: 'All customers' }).count()).resolves.toBe(1);
		expect(await report.evaluate(() => document.scripts.length)).toBe(0);
		const pdf = await report.pdf({ format: 'A4' });
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
		expect(pages).toBeGreaterThanOrEqual(8);
		expect(errors).toEqual([]);
		await report.close();
	});
});

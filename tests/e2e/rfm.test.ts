import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { foreignRequests, gotoStep, launchApp, readCsv, type App } from './harness';

/** Every row up to the status column: the page may add projection coordinates after it, the command line does not. */
function throughStatus(text: string): string[][] {
	const rows = readCsv(text.replace(/\r\n/g, '\n')).filter((r) => r.length > 1);
	const width = rows[0].indexOf('status') + 1;
	return rows.map((r) => r.slice(0, width));
}

const RETAIL = new URL('../../static/demo/online_retail_sample30k.csv', import.meta.url).pathname;
const REFERENCE = new URL('../fixtures/rfm/online_retail_rfm.csv', import.meta.url).pathname;

describe('Build customer features from the retail transactions, in the built site', () => {
	let app: App;
	let csv = '';
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-rfm-'));

	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('recognises a transaction log and guesses the columns', async () => {
		const { page } = app;
		await page.getByLabel('Demo dataset').selectOption('retail');
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: 'Build customer features' }).waitFor({ timeout: 60_000 });
		await expect(page.getByLabel('Customer id column').inputValue()).resolves.toBe('CustomerID');
		await expect(page.getByLabel('Date column').inputValue()).resolves.toBe('InvoiceDate');
		await expect(page.getByLabel('Invoice column (optional)').inputValue()).resolves.toBe('InvoiceNo');
		await expect(page.getByLabel('Cancellation invoice prefix').inputValue()).resolves.toBe('C');
	});

	it('builds one row per customer in the worker and reports what it left out', async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Build customer features' }).click();
		await page.getByRole('heading', { name: 'Customer features', exact: true }).waitFor({ timeout: 60_000 });
		const panel = page.getByRole('region', { name: 'Customer features', exact: true });
		await expect(panel.textContent()).resolves.toMatch(/Built 3,546 customers from 30,000 transaction rows; reference date 2011-12-10/);
		await expect(panel.textContent()).resolves.toMatch(/2,000 row\(s\) without a customer id/);
		await expect(panel.textContent()).resolves.toMatch(/616 cancellation\/return row\(s\) were left out/);
		await expect(page.getByLabel('Use recency_days as a feature').isChecked()).resolves.toBe(true);
		await expect(page.getByLabel('Use monetary as a feature').isChecked()).resolves.toBe(true);
		await expect(page.getByLabel('Use r_score as a feature').isChecked()).resolves.toBe(false);
	});

	it('clusters the customers; the export carries the pandas figures for every customer', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		// Charts fill in as each k finishes: wait for the whole sweep before reading the results.
		await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), { timeout: 120_000 }).toBe(true);
		await gotoStep(page, 'Export');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		csv = readFileSync((await download.path())!, 'utf8');
		const rows = readCsv(csv).filter((r) => r.length > 1);
		expect(rows[0].slice(0, 14)).toEqual(['customer_id', 'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_order_value', 'r_score', 'f_score', 'm_score', 'rfm_score', 'rfm_segment', 'segment', 'segment_name', 'status']);
		const ref = readCsv(readFileSync(REFERENCE, 'utf8')).filter((r) => r.length > 1).slice(1);
		expect(rows.length - 1).toBe(ref.length);
		ref.forEach(([id, rec, freq, mon, ten, aov, r, f, m], i) => {
			const row = rows[i + 1];
			expect([row[0], row[1], row[2], row[4], row[6], row[7], row[8]]).toEqual([id, rec, freq, ten, r, f, m]);
			expect(Math.abs(Number(row[3]) - Number(mon))).toBeLessThanOrEqual(1e-9);
			expect(Math.abs(Number(row[5]) - Number(aov))).toBeLessThanOrEqual(1e-9);
			expect(row[13]).toBe('clustered');
		});
	});

	it('records the choice in the recipe; the command line rebuilds the same customers and labels from the log', async () => {
		const { page } = app;
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe (JSON)' }).click()]);
		const path = join(dir, 'recipe.json');
		writeFileSync(path, readFileSync((await download.path())!, 'utf8'));
		const recipe = JSON.parse(readFileSync(path, 'utf8'));
		expect(recipe.rfm).toMatchObject({ customer: 'CustomerID', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo', returns: 'exclude' });
		expect(recipe.source.name).toBe('online_retail_sample30k.csv');
		const out = join(dir, 'cli.csv');
		expect(await main(['run', '--input', RETAIL, '--recipe', path, '--out', out])).toBe(0);
		expect(throughStatus(readFileSync(out, 'utf8'))).toEqual(throughStatus(csv));
	});

	it('made no request outside the page’s own origin and logged no errors', () => {
		expect(foreignRequests(app)).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});
});

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

const WHOLESALE = new URL('../../static/demo/wholesale.csv', import.meta.url).pathname;

describe('preparation in the built site', () => {
	let app: App;
	let csv = '';
	let preview = 0;
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-prep-'));

	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('loads the wholesale demo and shows the preview of each step, computed in the worker', async () => {
		const { page } = app;
		await page.getByLabel('Demo dataset').selectOption('wholesale');
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		// Profile: a correlation heatmap with a text alternative naming the strongly correlated pair.
		const heatmap = page.getByRole('img', { name: /Correlation heatmap/ });
		await expect(heatmap.getAttribute('aria-labelledby')).resolves.toBeTruthy();
		await expect(page.locator('svg[role="img"] desc').filter({ hasText: /Grocery and Detergents_Paper, r = 0\.92/ }).count()).resolves.toBe(1);
		// Region's codes are categorical by default (column-roles.ts): ticked as a feature it is one-hot encoded (3 levels).
		await expect(page.getByLabel('Type of Region').inputValue()).resolves.toBe('categorical');
		await page.getByLabel('Use Region as a feature').check();
		await gotoStep(page, 'Prepare');
		await expect(page.getByRole('table', { name: 'Preparation per feature' }).getByRole('row', { name: /Region/ }).textContent()).resolves.toMatch(/one-hot, 3 levels/);
		await gotoStep(page, 'Data');
		await page.getByLabel('Use Channel as a feature').uncheck();
		await page.getByLabel('Use Region as a feature').uncheck();
		await gotoStep(page, 'Prepare');
		await page.getByRole('listitem', { name: 'Step: Outliers' }).waitFor();
		await expect(page.getByRole('listitem', { name: 'Step: Outliers' }).textContent()).resolves.toMatch(/no rows removed/);
		await page.getByRole('img', { name: /Fresh after: Missing values/ }).waitFor();
	});

	it('sets outliers aside by the IQR rule and log-transforms a skewed column; the preview counts the rows removed', async () => {
		const { page } = app;
		await page.getByLabel('Outlier rule').selectOption('iqr');
		await page.getByLabel('Outlier threshold k').fill('3');
		await page.getByLabel('Outlier threshold k').press('Tab');
		await page.getByLabel('Outlier action').selectOption('setAside');
		await page.getByLabel('Scaling for Milk').selectOption('robust');
		await page.getByLabel('log1p for Delicassen').check();
		const step = page.getByRole('listitem', { name: 'Step: Outliers' });
		await page.waitForFunction(() => /\d+ rows removed/.test(document.querySelector('[aria-label="Step: Outliers"]')?.textContent ?? ''));
		preview = Number((await step.textContent())!.match(/([\d,]+) rows removed/)![1].replace(/,/g, ''));
		expect(preview).toBeGreaterThan(0);
		expect(preview).toBeLessThan(440);
		await expect(page.getByRole('status').filter({ hasText: /rows will be clustered/ }).textContent()).resolves.toMatch(new RegExp(`${440 - preview} of 440 rows`));
	});

	it('runs, and the export keeps every row in place with "set aside: outlier" for the rows set aside', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('2');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		// Charts fill in as each k finishes: wait for the whole sweep before reading the results.
		await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), { timeout: 60_000 }).toBe(true);
		await gotoStep(page, 'How many');
		await expect(page.getByText(/outlier row\(s\) were set aside/).count()).resolves.toBeGreaterThan(0);
		await gotoStep(page, 'Segments');
		// The rows set aside are a group of their own beside the segments.
		const asideRow = page.getByRole('table', { name: /Segment sizes/ }).getByRole('row', { name: /Set aside \(outliers\)/ });
		await expect(asideRow.textContent()).resolves.toMatch(new RegExp(`Set aside \\(outliers\\)${preview}not clustered`));
		await gotoStep(page, 'Export');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		csv = readFileSync((await download.path())!, 'utf8');
		const original = readCsv(readFileSync(WHOLESALE, 'utf8').replace(/\r\n/g, '\n'));
		const rows = readCsv(csv.replace(/\r\n/g, '\n')).filter((r) => r.length > 1);
		expect(rows.length).toBe(original.filter((r) => r.length > 1).length);
		// The export may carry more columns after these (projection coordinates): find ours by name.
		const [seg, status] = [rows[0].indexOf('segment'), rows[0].indexOf('status')];
		expect([seg, status]).toEqual([original[0].length, original[0].length + 2]);
		const aside = rows.slice(1).filter((r) => r[status] === 'set aside: outlier');
		expect(aside.length).toBe(preview);
		for (const r of aside) expect(r[seg]).toBe('');
		for (let i = 1; i < rows.length; i++) expect(rows[i].slice(0, seg)).toEqual(original[i]);
	});

	it('downloads a version-2 recipe with the preparation that gives the same file on the command line', async () => {
		const { page } = app;
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe (JSON)' }).click()]);
		const path = join(dir, 'recipe.json');
		writeFileSync(path, readFileSync((await download.path())!, 'utf8'));
		const recipe = JSON.parse(readFileSync(path, 'utf8'));
		expect(recipe.version).toBe(2);
		expect(recipe.prep.outliers).toEqual({ method: 'iqr', threshold: 3, action: 'setAside' });
		expect(recipe.prep.columns.Delicassen).toEqual({ log1p: true });
		// log1p is on by default for the skewed spend columns (default-prep.ts); the robust scaling was chosen here.
		expect(recipe.prep.columns.Milk).toEqual({ log1p: true, scale: 'robust' });
		const out = join(dir, 'cli.csv');
		expect(await main(['run', '--input', WHOLESALE, '--recipe', path, '--out', out])).toBe(0);
		expect(throughStatus(readFileSync(out, 'utf8'))).toEqual(throughStatus(csv));
	});

	it('made no request outside the page’s own origin and logged no errors', () => {
		expect(foreignRequests(app)).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});
});

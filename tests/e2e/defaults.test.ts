/**
 * The page's defaults (issue 13), seen at 1440 px: codes typed as categories with the reason beside the type menu,
 * the log1p chips with their skew before and after (one click removes one; "Apply no transforms" removes all),
 * a k range the rows cannot support refused in the page's words (no browser validation bubble), and a
 * transaction log leading with "Build customer features" before Run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';
import { axe } from './axe';


const TINY = new URL('../fixtures/default-quality/mall_customers_new.csv', import.meta.url).pathname;

describe('defaults in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 1000 } } });
	});
	afterAll(async () => {
		await app?.close();
	});

	it('Wholesale: Channel and Region are categories with their reason; log1p chips on the skewed spend columns', async () => {
		const { page } = app;
		await page.getByLabel('Demo dataset').selectOption('wholesale');
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		await expect(page.getByLabel('Type of Channel').inputValue()).resolves.toBe('categorical');
		await expect(page.getByLabel('Use Channel as a feature').isChecked()).resolves.toBe(false);
		const region = page.getByRole('table', { name: 'Column profiles' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Region', exact: true }) });
		await expect(region.textContent()).resolves.toMatch(/whole-number codes \(3 levels\) and the name "Region" names a category/);
		const chip = page.getByRole('button', { name: 'log1p applied: skew 11.1 → -1.1 to Delicassen: remove it' });
		await expect(chip.textContent()).resolves.toMatch(/log1p applied: skew 11\.1 → -1\.1/);
		await expect(page.getByRole('button', { name: /^log1p applied: .* remove it/ }).count()).resolves.toBe(6);
		await page.screenshot({ path: '/tmp/segment-lab-defaults-wholesale.png', fullPage: false });
		await expect(axe(page)).resolves.toEqual([]);
		await chip.click();
		await page.getByRole('button', { name: /^Apply log1p \(skew 11\.1 → -1\.1\) to Delicassen$/ }).waitFor();
		await gotoStep(page, 'Prepare');
		await expect(page.getByLabel('log1p for Delicassen').isChecked()).resolves.toBe(false);
		await gotoStep(page, 'Data');
		await page.getByRole('button', { name: 'Apply no transforms' }).click();
		await expect.poll(() => page.getByRole('button', { name: /^log1p applied: .* remove it/ }).count()).toBe(0);
		await gotoStep(page, 'Prepare');
		await expect(page.getByLabel('log1p for Milk').isChecked()).resolves.toBe(false);
	});

	it('a tiny file: the largest k is held at what 10 rows support, in the page\u2019s own words', async () => {
		const { page } = app;
		await gotoStep(page, 'Data');
		await page.getByLabel('Upload data').setInputFiles(TINY);
		await page.getByText(/mall_customers_new\.csv: 10 rows/).waitFor({ timeout: 30_000 });
		await gotoStep(page, 'Cluster');
		await expect.poll(() => page.getByLabel('Largest k').inputValue(), { timeout: 30_000 }).toBe('2');
		await page.getByLabel('Largest k').fill('5');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByText('10 rows support at most 2 segments (about 5 rows per segment or more); k = 5 would leave about 2.0 rows per segment. The largest k is set to 2.').waitFor();
		await expect(page.getByLabel('Largest k').inputValue()).resolves.toBe('2');
		// The form does no browser validation: nothing is invalid, and Run goes through.
		await expect(page.locator('form:invalid').count()).resolves.toBe(0);
		await gotoStep(page, 'Data');
		await expect(page.getByLabel('Type of segment', { exact: true }).inputValue()).resolves.toBe('categorical');
	});

	it('missing-value tokens are listed beside the missing count and keep the column numeric; a token header is flagged', async () => {
		const { page } = app;
		const lines = ['id,spend,#N/A'];
		for (let i = 0; i < 30; i++) lines.push(`${i + 1},${['NA', 'NaN', 'inf', '-'][i % 10] ?? (i * 7.5).toFixed(1)},${i % 4}.5`);
		await page.getByLabel('Upload data').setInputFiles({ name: 'tokens.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
		await page.getByText(/tokens\.csv: 30 rows × 3 columns/).waitFor({ timeout: 30_000 });
		await expect(page.getByLabel('Type of spend', { exact: true }).inputValue()).resolves.toBe('numeric');
		const table = page.getByRole('table', { name: 'Column profiles' });
		const spend = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'spend', exact: true }) });
		await expect(spend.textContent()).resolves.toMatch(/NA ×3, NaN ×3, inf ×3, - ×3/);
		const bad = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '#N/A', exact: true }) });
		await expect(bad.textContent()).resolves.toMatch(/reads like a missing or error value: check the file's header row\. Left out of the features by default\./);
		await expect(page.getByLabel('Use #N/A as a feature').isChecked()).resolves.toBe(false);
	});

	it('a skewed column with negative values offers Yeo-Johnson, and a run with it goes through', async () => {
		const { page } = app;
		// Profit with a long right tail and some losses: log1p is undefined there.
		const lines = ['customer,profit,visits'];
		for (let i = 0; i < 120; i++) lines.push(`c${i},${i % 10 === 0 ? -(i % 7) * 13 - 5 : i % 17 === 0 ? 4000 + i * 10 : (i * 37) % 90},${(i * 7) % 11}`);
		await page.getByLabel('Upload data').setInputFiles({ name: 'profit.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
		await page.getByText(/profit\.csv: 120 rows/).waitFor({ timeout: 30_000 });
		await expect(page.getByRole('button', { name: /^log1p applied: .* to profit: remove it/ }).count()).resolves.toBe(0);
		await gotoStep(page, 'Prepare');
		const yj = page.getByLabel('Yeo-Johnson for profit');
		await yj.waitFor({ timeout: 30_000 });
		await expect(page.getByRole('button', { name: /^log1p applied: .* to profit: remove it/ }).count()).resolves.toBe(0);
		await yj.check();
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await gotoStep(page, 'Segments');
		await page.getByRole('heading', { name: 'Who the segments are' }).waitFor({ timeout: 60_000 });
		await expect(page.getByRole('alert').count()).resolves.toBe(0);
	});

	it('Online Retail: the page leads with "Build customer features" and says Run would cluster purchase lines', async () => {
		const { page } = app;
		await gotoStep(page, 'Data');
		await page.getByLabel('Demo dataset').selectOption('retail');
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		const build = page.getByRole('region', { name: 'Build customer features' });
		await build.waitFor({ timeout: 30_000 });
		await expect(build.textContent()).resolves.toMatch(/This file is a transaction log: its 30,000 rows are purchase lines \(customer “CustomerID” repeats/);
		// The Data step leads with it, before the column table.
		const [buildBox, columnsBox] = await Promise.all([build.boundingBox(), page.getByRole('table', { name: 'Column profiles' }).boundingBox()]);
		expect(buildBox!.y).toBeLessThan(columnsBox!.y);
		await expect(page.getByLabel('Type of CustomerID').inputValue()).resolves.toBe('id');
		await expect(page.getByLabel('Type of InvoiceNo').inputValue()).resolves.toBe('id');
		await page.screenshot({ path: '/tmp/segment-lab-defaults-retail.png', fullPage: false });
		await expect(axe(page)).resolves.toEqual([]);
		await gotoStep(page, 'Cluster');
		await page.getByText('This file is a transaction log: Run would cluster its 30,000 purchase lines as they are.', { exact: false }).waitFor();
		await gotoStep(page, 'Data');
		await page.getByRole('button', { name: 'Build customer features' }).click();
		await page.getByRole('heading', { name: 'Customer features', exact: true }).waitFor({ timeout: 60_000 });
		await page.screenshot({ path: '/tmp/segment-lab-defaults-customers.png', fullPage: true });
		await expect.poll(() => page.getByRole('button', { name: /^log1p applied: skew 19\.1 → 0\.2 to monetary: remove it$/ }).count()).toBe(1);
		await expect(page.getByRole('button', { name: /^log1p applied: skew 13\.0 → 1\.4 to frequency: remove it$/ }).count()).resolves.toBe(1);
		expect(app.consoleErrors).toEqual([]);
	});
});

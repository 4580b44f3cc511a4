import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';

/**
 * Issue 15, profile by any column: an outcome column (churned, 0/1) that is not a feature gets its rate per
 * segment with a Wilson interval and lift, sorted highest first; a categorical column gets χ², Cramér's V and shares (here independent of the segments: χ² = 0).
 */
function customers(): string {
	const lines = ['customer_id,spend,visits,churned,plan'];
	for (let i = 0; i < 300; i++) {
		const g = i % 3;
		// Deterministic spread; churn rises with the group (0: 10%, 1: 40%, 2: 70%).
		const spend = [30, 150, 400][g] + ((i * 37) % 50);
		const visits = [2, 8, 20][g] + ((i * 13) % 5);
		const churned = (i * 7) % 10 < [1, 4, 7][g] ? 1 : 0;
		lines.push(`C${1000 + i},${spend},${visits},${churned},${['Basic', 'Pro', 'Team'][Math.floor(i / 3) % 3]}`);
	}
	return lines.join('\n') + '\n';
}

describe('profile by any column, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('shows the churn rate per segment with intervals and lift, highest first, and a cross-tab with its test', async () => {
		const { page } = app;
		await page.getByLabel('Upload data').setInputFiles({ name: 'churn.csv', mimeType: 'text/csv', buffer: Buffer.from(customers()) });
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('3');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('3');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), { timeout: 120_000 }).toBe(true);
		await gotoStep(page, 'Segments');
		const select = page.getByRole('combobox', { name: 'Column to compare across segments' });
		await select.waitFor({ timeout: 60_000 });
		await select.selectOption('churned');
		const table = page.getByRole('table', { name: /Rate of churned = 1 per segment/ });
		await table.waitFor({ timeout: 30_000 });
		const rows = await table.getByRole('row').allTextContents();
		expect(rows).toHaveLength(5);
		expect(rows[1]).toContain('(highest)');
		expect(rows[3]).toContain('(lowest)');
		expect(rows[4]).toMatch(/All customers\s*300\s*40\.0%/);
		const rates = await Promise.all([1, 2, 3].map(async (i) => (await table.getByRole('row').nth(i).getByRole('cell').nth(1).textContent())!.trim()));
		expect(rates).toEqual(['70.0%', '40.0%', '10.0%']);
		expect(rows[1]).toMatch(/1\.75×/);

		await select.selectOption('plan');
		await page.getByRole('table', { name: /Share of each level of plan per segment/ }).waitFor({ timeout: 30_000 });
		await expect(page.getByRole('status').filter({ hasText: 'Cramér’s V' }).textContent()).resolves.toMatch(/χ² = 0 on 4 degrees of freedom, p = 1\.0000;\s+Cramér’s V = 0;/);
		// The plans are spread alike over the three groups (34, 33, 33 of 100 in each).
		const shares = await page.getByRole('table', { name: /Share of each level of plan/ }).getByRole('cell').allTextContents();
		expect(new Set(shares.map((x) => x.trim()))).toEqual(new Set(['34.0%', '33.0%']));
		expect(app.consoleErrors).toEqual([]);
	});
});

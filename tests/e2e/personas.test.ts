import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, readCsv, type App } from './harness';

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
		await page.getByLabel('Smallest k').fill('6');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('6');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isEnabled(), { timeout: 120_000 }).toBe(true);
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
		await expect(page.getByRole('img', { name: /How each segment differs from the rest/ }).count()).resolves.toBe(1);
	});

	it('a renamed segment carries its name into the CSV (neutralised) and the Recipe', async () => {
		const { page } = app;
		const input = page.getByLabel('Name of segment 1');
		await input.fill('=VIP club');
		await input.press('Tab');
		await page.getByRole('heading', { name: '=VIP club' }).waitFor();
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
});

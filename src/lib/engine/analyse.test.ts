import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../../scripts/demo/customers';
import { analyse, assembleResult, clusterOneK, prepareRun } from './analyse';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';
import { adjustedRandIndex } from './metrics/ari';
import { defaultRecipe } from './recipe';

const DEMO = new URL('../../../static/demo/customers.csv', import.meta.url);

describe('the demo dataset', () => {
	it('is exactly what the committed generator produces', () => {
		expect(readFileSync(DEMO, 'utf8')).toBe(generateCustomers().csv);
	});
});

describe('analyse', () => {
	const text = readFileSync(DEMO, 'utf8');
	const table = parseCsv(text, 'customers.csv');
	const recipe = defaultRecipe(fingerprint(table), profileTable(table));
	const result = analyse(table, recipe);

	it('uses the seven numeric columns with default preparation and sweeps k = 2..10', () => {
		expect(recipe.features).toEqual([
			'total_purchases', 'avg_order_value', 'days_since_last_purchase', 'email_open_rate',
			'product_categories_purchased', 'customer_support_tickets', 'account_age_days'
		]);
		expect(result.perK.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(result.rowsClustered).toBe(5000);
		for (const s of result.perK) expect(s.sizes.reduce((a, b) => a + b, 0)).toBe(5000);
	});

	it('recovers the six planted segments at k = 6 (ARI ≥ 0.9), which the silhouette also picks', () => {
		const i6 = result.perK.findIndex((s) => s.k === 6);
		expect(adjustedRandIndex(result.labels[i6], generateCustomers().truth)).toBeGreaterThanOrEqual(0.9);
		expect(result.bestSilhouetteK).toBe(6);
		expect(result.chosenK).toBe(6);
	});

	it('numbers segments by size and reports centres in original units', () => {
		const s6 = result.perK.find((s) => s.k === 6)!;
		for (let i = 1; i < s6.sizes.length; i++) expect(s6.sizes[i]).toBeLessThanOrEqual(s6.sizes[i - 1]);
		// Planted: account age medians 45 days (new customers) and 1800 days (champions).
		const ages = s6.centers.map((c) => c[6]);
		expect(Math.min(...ages)).toBeLessThan(100);
		expect(Math.max(...ages)).toBeGreaterThan(1500);
		// Inertia decreases as k grows (best of 10 restarts).
		for (let i = 1; i < result.perK.length; i++) expect(result.perK[i].inertia).toBeLessThan(result.perK[i - 1].inertia);
	});

	it('is deterministic: the same recipe gives the same labels, another seed may not', () => {
		const again = analyse(table, { ...recipe, kRange: [6, 6] });
		const i6 = result.perK.findIndex((s) => s.k === 6);
		expect(Array.from(again.labels[0])).toEqual(Array.from(result.labels[i6]));
	});

	it('assembles the same result from k values run separately, in any order, or from a subset', () => {
		const { matrix, base } = prepareRun(table, recipe);
		const parts = [6, 2].map((k) => clusterOneK(table, matrix, recipe, k));
		const r = assembleResult(recipe, base, parts);
		expect(r.perK.map((s) => s.k)).toEqual([2, 6]);
		expect(Array.from(r.labels[1])).toEqual(Array.from(result.labels[4]));
		expect(r.perK[1]).toEqual(result.perK[4]);
		expect(r.chosenK).toBe(6);
		expect(() => assembleResult(recipe, base, [])).toThrow(/No value of k/);
	});

	it('projects on two principal components with their explained variance', () => {
		expect(result.pca.coords.length).toBe(2 * 5000);
		expect(result.pca.explainedRatio[0]).toBeGreaterThan(result.pca.explainedRatio[1]);
		expect(result.pca.explainedRatio[0] + result.pca.explainedRatio[1]).toBeLessThan(1);
	});

	it('refuses k larger than the rows with a clear message', () => {
		const tiny = parseCsv('a,b\n1,2\n3,4\n5,7\n', 't.csv');
		const r = defaultRecipe(fingerprint(tiny), profileTable(tiny));
		expect(() => analyse(tiny, { ...r, kRange: [5, 6] })).toThrow(/more segments than there are rows/);
	});
});

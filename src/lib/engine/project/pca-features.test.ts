import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { adjustedRandIndex } from '../metrics/ari';
import { defaultRecipe, validateRecipe } from '../recipe';

const DEMO = new URL('../../../../static/demo/customers.csv', import.meta.url);

describe('clustering on the first m principal components (Recipe.pcaComponents)', () => {
	const table = parseCsv(readFileSync(DEMO, 'utf8'), 'customers.csv');
	const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [4, 4] as [number, number], k: 4 };
	const plain = analyse(table, recipe);

	it('with every component (a rotation) gives the same segments and, mapped back, the same centres', () => {
		const all = analyse(table, { ...recipe, pcaComponents: recipe.features.length });
		expect(adjustedRandIndex(all.labels[0], plain.labels[0])).toBeGreaterThan(0.999);
		all.perK[0].centers.forEach((c, s) => c.forEach((v, j) => expect(v).toBeCloseTo(plain.perK[0].centers[s][j], 6)));
		expect(all.notes.some((n) => /first 7 principal components .*100\.0%/.test(n))).toBe(true);
	});

	it('with two components clusters in that plane, says so, and keeps the full PCA view', () => {
		const two = analyse(table, { ...recipe, pcaComponents: 2 });
		expect(two.notes.some((n) => /first 2 principal components/.test(n))).toBe(true);
		expect(two.pca.explainedRatio.length).toBe(7);
		expect(two.perK[0].centers[0].length).toBe(7);
		expect(adjustedRandIndex(two.labels[0], plain.labels[0])).toBeGreaterThan(0.5);
	});

	it('is validated in the recipe and against the number of features', () => {
		expect(() => validateRecipe({ ...recipe, pcaComponents: 0 })).toThrowError(/pcaComponents/);
		expect(validateRecipe({ ...recipe, pcaComponents: null }).pcaComponents).toBeNull();
		expect(() => analyse(table, { ...recipe, pcaComponents: 9 })).toThrowError(/1 to 7/);
	});
});

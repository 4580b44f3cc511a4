import { describe, expect, it } from 'vitest';
import { parseCsv } from './data/csv';
import { fingerprint, hashText } from './data/fingerprint';
import { profileTable } from './data/profile';
import { defaultRecipe, sourceDifferences, validateRecipe } from './recipe';

const table = parseCsv('customer_id,a,b,c\nx1,1,2,u\nx2,3,4,v\nx3,5,7,u\n', 'r.csv');
const recipe = defaultRecipe(fingerprint(table), profileTable(table));

describe('Recipe', () => {
	it('defaults to numeric features, the id column, z-score, k-means++ with 10 restarts, k 2..10 capped by rows', () => {
		expect(recipe.features).toEqual(['a', 'b']);
		expect(recipe.idColumn).toBe('customer_id');
		expect(recipe.prep).toEqual({ missing: 'median', scale: 'zscore', outliers: { method: 'none', threshold: 1.5, action: 'flag' }, columns: {} });
		expect(recipe.version).toBe(2);
		expect(recipe.rfm).toBeNull();
		expect(recipe.algorithm).toEqual({ name: 'kmeans', nInit: 10, maxIter: 300, tol: 1e-4, refine: 'hartigan', refineMaxRows: 200_000, moreRestarts: true });
		expect(recipe.kRange).toEqual([2, 2]);
		expect(recipe.seed).toBe(0);
	});

	it('carries user-edited segment names per k, and rejects malformed ones', () => {
		const named = { ...recipe, segmentNames: { '2': ['Big spenders', ''] } };
		expect(validateRecipe(JSON.parse(JSON.stringify(named))).segmentNames).toEqual({ '2': ['Big spenders', ''] });
		expect(() => validateRecipe({ ...recipe, segmentNames: { two: ['x'] } })).toThrow(/segmentNames/);
		expect(() => validateRecipe({ ...recipe, segmentNames: { '2': [3] } })).toThrow(/segmentNames/);
		expect(() => validateRecipe({ ...recipe, segmentNames: { '2': ['x'.repeat(201)] } })).toThrow(/segmentNames/);
	});

	it('round-trips through JSON', () => {
		expect(validateRecipe(JSON.parse(JSON.stringify(recipe)))).toEqual(recipe);
	});

	it('rejects malformed recipes with the field named', () => {
		const bad = (patch: object) => () => validateRecipe({ ...recipe, ...patch });
		expect(bad({ version: 3 })).toThrow(/version/);
		expect(bad({ features: [] })).toThrow(/features/);
		expect(bad({ kRange: [5, 3] })).toThrow(/kRange/);
		expect(bad({ k: 9 })).toThrow(/"k"/);
		expect(bad({ seed: -1 })).toThrow(/seed/);
		expect(bad({ prep: { missing: 'zero', scale: 'zscore' } })).toThrow(/prep.missing/);
		expect(() => validateRecipe('nope')).toThrow(/JSON object/);
	});

	it('validates HDBSCAN: minimum cluster size ≥ 2, min samples absent, null or ≥ 1, selection eom or leaf', () => {
		const hd = (a: object) => validateRecipe(JSON.parse(JSON.stringify({ ...recipe, algorithm: { name: 'hdbscan', minClusterSize: 5, ...a } }))).algorithm;
		expect(hd({})).toEqual({ name: 'hdbscan', minClusterSize: 5 });
		expect(hd({ minSamples: null, selection: 'leaf' })).toEqual({ name: 'hdbscan', minClusterSize: 5, minSamples: null, selection: 'leaf' });
		expect(hd({ minSamples: 3 })).toMatchObject({ minSamples: 3 });
		expect(() => hd({ minClusterSize: 1 })).toThrow(/"algorithm.minClusterSize" must be a whole number from 2/);
		expect(() => hd({ minSamples: 0 })).toThrow(/"algorithm.minSamples"/);
		expect(() => hd({ minSamples: 2.5 })).toThrow(/"algorithm.minSamples"/);
		expect(() => hd({ selection: 'max' })).toThrow(/"algorithm.selection" must be "eom" or "leaf"/);
	});

	it('fingerprints content, not just the name', () => {
		expect(hashText('abc')).toBe(hashText('abc'));
		expect(hashText('abc')).not.toBe(hashText('abd'));
		const other = fingerprint(parseCsv('customer_id,a,b,c\nx1,1,2,u\nx2,3,4,v\nx3,5,8,u\n', 'r.csv'));
		expect(sourceDifferences(recipe, other).join()).toMatch(/contents differ/);
		expect(sourceDifferences(recipe, recipe.source)).toEqual([]);
	});
});

describe('Recipe versions', () => {
	it('reads a version-1 recipe as version 2 with the same preparation', () => {
		const v1 = { ...JSON.parse(JSON.stringify(recipe)), version: 1, prep: { missing: 'mean', scale: 'minmax' } };
		delete v1.columnTypes;
		delete v1.rfm;
		const v2 = validateRecipe(v1);
		expect(v2.version).toBe(2);
		expect(v2.prep).toEqual({ missing: 'mean', scale: 'minmax', outliers: { method: 'none', threshold: 1.5, action: 'flag' }, columns: {} });
		expect(v2.columnTypes).toEqual({});
		expect(v2.rfm).toBeNull();
	});
	it('checks per-column settings, types and the RFM spec', () => {
		const bad = (patch: object) => () => validateRecipe({ ...recipe, ...patch });
		expect(bad({ prep: { ...recipe.prep, columns: { a: { weight: 0 } } } })).toThrow(/prep.columns.a.weight/);
		expect(bad({ prep: { ...recipe.prep, columns: { a: { clip: [90, 10] } } } })).toThrow(/clip/);
		expect(bad({ prep: { ...recipe.prep, outliers: { method: 'mad', threshold: 3, action: 'flag' } } })).toThrow(/outliers/);
		expect(bad({ columnTypes: { a: 'money' } })).toThrow(/columnTypes/);
		expect(bad({ rfm: { customer: 'c', date: 'd', amount: null, quantity: null, price: null, invoice: null, referenceDate: null, cancelPrefix: 'C', negativeIsReturn: true, returns: 'exclude' } })).toThrow(/quantity/);
	});
});

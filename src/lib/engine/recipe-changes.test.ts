import { describe, expect, it } from 'vitest';
import { recipeChanges, staleMessage } from './recipe-changes';
import { DEFAULT_ALGORITHMS, defaultRecipe, type Recipe } from './recipe';

const source = { name: 'c.csv', bytes: 100, rows: 50, columns: ['a', 'b', 'c'], hash: 'h1' };
const base = (): Recipe => ({ ...defaultRecipe(source as Recipe['source'], []), features: ['a', 'b'] });

describe('recipeChanges', () => {
	it('nothing changed: not out of date (also when only k, names or key order differ)', () => {
		const r = base();
		expect(recipeChanges(r, base())).toEqual([]);
		expect(recipeChanges(r, { ...base(), k: 4, segmentNames: { '4': ['A'] } })).toEqual([]);
		const reordered = base();
		reordered.prep = { columns: {}, outliers: { ...r.prep.outliers }, scale: r.prep.scale, missing: r.prep.missing };
		expect(recipeChanges(r, reordered)).toEqual([]);
	});
	it('names each kind of change', () => {
		const r = base();
		expect(recipeChanges(r, { ...base(), features: ['a'] })).toEqual(['features']);
		expect(recipeChanges(r, { ...base(), prep: { ...r.prep, scale: 'robust' } })).toEqual(['preparation']);
		expect(recipeChanges(r, { ...base(), prep: { ...r.prep, columns: { a: { log1p: true } } } })).toEqual(['preparation']);
		expect(recipeChanges(r, { ...base(), columnTypes: { a: 'categorical' } })).toEqual(['preparation']);
		expect(recipeChanges(r, { ...base(), algorithm: { ...DEFAULT_ALGORITHMS.gmm } })).toEqual(['algorithm']);
		expect(recipeChanges(r, { ...base(), algorithm: { ...DEFAULT_ALGORITHMS.kmeans, nInit: 3 } })).toEqual(['algorithm']);
		expect(recipeChanges(r, { ...base(), kRange: [2, 6] })).toEqual(['k range']);
		expect(recipeChanges(r, { ...base(), seed: 7 })).toEqual(['seed']);
		expect(recipeChanges(r, { ...base(), evidence: { gapB: 20 } })).toEqual(['evidence']);
		expect(recipeChanges(r, { ...base(), evidence: { gapB: null, stabilityB: null } })).toEqual([]);
		expect(recipeChanges(r, { ...base(), source: { ...source, hash: 'h2' } })).toEqual(['data']);
		expect(recipeChanges(r, { ...base(), exclude: { rows: [3, 9] } })).toEqual(['rows left out']);
		expect(recipeChanges(r, { ...base(), exclude: { rows: [] } })).toEqual([]);
		expect(recipeChanges(r, { ...base(), algorithm: { ...DEFAULT_ALGORITHMS.gmm }, kRange: [3, 9] })).toEqual(['algorithm', 'k range']);
		expect(staleMessage(['algorithm', 'k range'])).toBe('Settings changed since this run: algorithm, k range. Run again to update the results.');
	});
	it('a k range does not matter to DBSCAN or HDBSCAN', () => {
		const r = { ...base(), algorithm: { ...DEFAULT_ALGORITHMS.dbscan } };
		expect(recipeChanges(r, { ...r, kRange: [2, 4] })).toEqual([]);
	});
});

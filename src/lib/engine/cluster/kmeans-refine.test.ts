import { describe, expect, it } from 'vitest';
import { HARTIGAN_DEFAULT_MAX_ROWS, kmeansRefine, refineNote } from './kmeans-refine';
import { clusterAtK } from '../cluster-k';
import { DEFAULT_ALGORITHMS, defaultRecipe, validateRecipe } from '../recipe';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { describeAlgorithm } from '../describe-algorithm';

describe('Hartigan moves by data size', () => {
	const spec = { refine: 'hartigan' as const, refineMaxRows: HARTIGAN_DEFAULT_MAX_ROWS };
	it('makes them up to the limit, not above; always without a limit; never when off', () => {
		expect(DEFAULT_ALGORITHMS.kmeans.refineMaxRows).toBe(200_000);
		expect(kmeansRefine(spec, 200_000)).toBe('hartigan');
		expect(kmeansRefine(spec, 200_001)).toBe('none');
		expect(kmeansRefine({ refine: 'hartigan', refineMaxRows: null }, 5_000_000)).toBe('hartigan');
		expect(kmeansRefine({ refine: 'hartigan' }, 5_000_000)).toBe('hartigan');
		expect(kmeansRefine({ refine: 'none', refineMaxRows: 10 }, 5)).toBe('none');
	});
	it('says so in a run note with the way back, only when the limit turned them off', () => {
		expect(refineNote(spec, 200_000)).toBeNull();
		expect(refineNote({ refine: 'none', refineMaxRows: 10 }, 50)).toBeNull();
		const note = refineNote(spec, 1_000_000)!;
		expect(note).toMatch(/No Hartigan single-row moves: on 1,000,000 rows \(more than 200,000\)/);
		expect(note).toMatch(/Also on more than 200,000 rows/);
		expect(note).toMatch(/--kmeans-refine hartigan-all/);
		expect(describeAlgorithm(DEFAULT_ALGORITHMS.kmeans)).toMatch(/then Hartigan single-row moves on up to 200,000 rows/);
	});
	it('a recipe may carry a limit or none; anything else is refused', () => {
		const table = parseCsv('a,b\n1,2\n3,5\n4,4\n', 'r.csv');
		const base = defaultRecipe(fingerprint(table), profileTable(table));
		for (const refineMaxRows of [null, 1000]) expect(() => validateRecipe({ ...base, algorithm: { ...DEFAULT_ALGORITHMS.kmeans, refineMaxRows } })).not.toThrow();
		expect(() => validateRecipe({ ...base, algorithm: { ...DEFAULT_ALGORITHMS.kmeans, refineMaxRows: -3 } })).toThrow(/refineMaxRows/);
	});
	it('the limit changes what a run does: below it the moves lower the inertia, above it the run is Lloyd only', () => {
		// Rows where Lloyd stops at a point Hartigan's moves improve (seeded; k = 4 on skewed 2-D data).
		let seed = 5;
		const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const rows = 400;
		const X = Float64Array.from({ length: rows * 2 }, () => Math.exp(2 * r()));
		const alg = { ...DEFAULT_ALGORITHMS.kmeans, nInit: 1, moreRestarts: false };
		const on = clusterAtK(X, rows, 2, { ...alg, refineMaxRows: rows }, 4, 1);
		const off = clusterAtK(X, rows, 2, { ...alg, refineMaxRows: rows - 1 }, 4, 1);
		const lloyd = clusterAtK(X, rows, 2, { ...alg, refine: 'none' }, 4, 1);
		expect(off.inertia).toBe(lloyd.inertia);
		expect(on.inertia!).toBeLessThan(lloyd.inertia!);
	});
});

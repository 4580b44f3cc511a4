import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, contingency } from './ari';
import { loadCsv, reference } from '../../../../tests/fixtures/sklearn/load';

const I = (v: number[]) => Int32Array.from(v);

describe('adjustedRandIndex', () => {
	it('works a small case by hand', () => {
		// a = [0,0,1,1], b = [0,0,1,2]: table [[2,0,0],[0,1,1]]; Σ C(n_ij,2) = 1, Σ C(a_i,2) = 2, Σ C(b_j,2) = 1,
		// C(4,2) = 6, expected = 2·1/6 = 1/3, max = (2+1)/2 = 1.5, ARI = (1 − 1/3)/(1.5 − 1/3) = 4/7.
		expect(adjustedRandIndex(I([0, 0, 1, 1]), I([0, 0, 1, 2]))).toBeCloseTo(4 / 7, 15);
	});

	it('is 1 for the same partition under renaming and symmetric', () => {
		expect(adjustedRandIndex(I([0, 0, 1, 1, 2]), I([7, 7, -1, -1, 3]))).toBe(1);
		const a = I([0, 0, 1, 2, 2, 2, 3]);
		const b = I([1, 1, 0, 0, 2, 2, 2]);
		expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 15);
	});

	it('handles the special cases (one cluster, all singletons, empty)', () => {
		expect(adjustedRandIndex(I([0, 0, 0]), I([1, 1, 1]))).toBe(1);
		expect(adjustedRandIndex(I([0, 1, 2]), I([2, 0, 1]))).toBe(1);
		expect(adjustedRandIndex(I([]), I([]))).toBe(1);
		expect(adjustedRandIndex(I([0, 0, 0, 0]), I([0, 1, 2, 3]))).toBe(0);
	});

	it('rejects labellings of different lengths', () => {
		expect(() => adjustedRandIndex(I([0, 1]), I([0]))).toThrowError(/different lengths/);
	});

	it.each(reference.ari.map((r, i) => [i, r] as const))('matches sklearn adjusted_rand_score, case %i', (_i, r) => {
		expect(Math.abs(adjustedRandIndex(I(r.a), I(r.b)) - r.ari)).toBeLessThan(1e-12);
	});

	it('matches sklearn ARI between the iris/wine targets and sklearn k-means labels (k = 2..6)', () => {
		for (const name of ['iris', 'wine'] as const) {
			const { target } = loadCsv(name);
			reference[name].kmeans.forEach((km, i) => {
				expect(Math.abs(adjustedRandIndex(target, I(km.labels!)) - reference[name].ariTargetVsKmeans[i])).toBeLessThan(1e-12);
			});
		}
	});
});

describe('contingency', () => {
	it('cross-tabulates with sorted labels', () => {
		const c = contingency(I([2, 2, 0, 0, 0]), I([5, -1, 5, 5, -1]));
		expect(c.rowsLabels).toEqual([0, 2]);
		expect(c.colLabels).toEqual([-1, 5]);
		expect(c.table).toEqual([[1, 2], [1, 1]]);
	});
});

import { describe, expect, it } from 'vitest';
import { daviesBouldin } from './davies-bouldin';
import { calinskiHarabasz } from './calinski-harabasz';
import { normalizedMutualInfo } from './nmi';
import { adjustedRandIndex } from './ari';
import { silhouetteScore } from './silhouette';
import { loadCsv } from '../../../../tests/fixtures/sklearn/load';
import { metricsReference } from '../../../../tests/fixtures/metrics/load';

const I = (v: number[]) => Int32Array.from(v);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('Davies–Bouldin and Calinski–Harabasz: worked by hand', () => {
	// Points 0, 2 | 10, 14 on a line: centroids 1 and 12, S = (1, 2), M = 11 → DB = (3/11 + 3/11) / 2.
	const X = new Float64Array([0, 2, 10, 14]);
	const L = I([0, 0, 1, 1]);
	it('DB', () => expect(daviesBouldin(X, 4, 1, L, 2)).toBeCloseTo(3 / 11, 15));
	it('CH', () => {
		// mean 6.5; B = 2·5.5² + 2·5.5² = 121; W = 1 + 1 + 4 + 4 = 10; CH = 121·(4−2) / (10·1) = 24.2.
		expect(calinskiHarabasz(X, 4, 1, L, 2)).toBeCloseTo(24.2, 12);
	});
	it('ignores unclustered rows (−1) and unused label values', () => {
		const X2 = new Float64Array([0, 2, 999, 10, 14]);
		expect(daviesBouldin(X2, 5, 1, I([0, 0, -1, 3, 3]), 4)).toBeCloseTo(3 / 11, 15);
		expect(calinskiHarabasz(X2, 5, 1, I([0, 0, -1, 3, 3]), 4)).toBeCloseTo(24.2, 12);
	});
	it('edge cases as sklearn: zero spread gives DB 0 and CH 1; one cluster or NaN is an error', () => {
		const D = new Float64Array([1, 1, 5, 5]);
		expect(daviesBouldin(D, 4, 1, L, 2)).toBe(0);
		expect(calinskiHarabasz(D, 4, 1, L, 2)).toBe(1);
		expect(() => daviesBouldin(X, 4, 1, I([0, 0, 0, 0]), 1)).toThrow(/between 2 and/);
		expect(() => calinskiHarabasz(X, 4, 1, I([0, 1, 2, 3]), 4)).toThrow(/between 2 and/);
		expect(() => daviesBouldin(new Float64Array([0, NaN, 1, 2]), 4, 1, L, 2)).toThrow(/missing/);
	});
});

describe('against scikit-learn 1.2.1 on the same labels (tests/fixtures/metrics/make_reference.py)', () => {
	for (const name of ['iris', 'wine', 'blobs10k'] as const) {
		const d = loadCsv(name);
		for (const c of metricsReference.datasets[name]) {
			it(`${name}, ${c.kind}: DB, CH${c.silhouette !== undefined ? ', silhouette' : ''} within 1e-9 relative`, () => {
				const labels = I(c.labels);
				expect(rel(daviesBouldin(d.X, d.rows, d.cols, labels, c.k), c.daviesBouldin)).toBeLessThan(1e-9);
				expect(rel(calinskiHarabasz(d.X, d.rows, d.cols, labels, c.k), c.calinskiHarabasz)).toBeLessThan(1e-9);
				if (c.silhouette !== undefined) expect(rel(silhouetteScore(d.X, d.rows, d.cols, labels, c.k), c.silhouette)).toBeLessThan(1e-9);
			});
		}
	}
	it('ARI and NMI equal sklearn (to the last couple of bits) on random pairs and edge cases', () => {
		for (const p of metricsReference.pairs) {
			expect(adjustedRandIndex(I(p.a), I(p.b))).toBeCloseTo(p.ari, 14);
			expect(normalizedMutualInfo(I(p.a), I(p.b))).toBeCloseTo(p.nmi, 14);
		}
	});
});

describe('NMI: worked by hand', () => {
	it('is 1 for the same partition under renaming, 0 for independent ones, symmetric', () => {
		expect(normalizedMutualInfo(I([0, 0, 1, 1]), I([7, 7, 3, 3]))).toBeCloseTo(1, 15);
		expect(normalizedMutualInfo(I([0, 0, 1, 1]), I([0, 1, 0, 1]))).toBe(0);
		const a = I([0, 0, 1, 1, 2, 2]), b = I([0, 0, 1, 2, 2, 2]);
		expect(normalizedMutualInfo(a, b)).toBeCloseTo(normalizedMutualInfo(b, a), 15);
	});
	it('one cluster each is 1; one against many is 0', () => {
		expect(normalizedMutualInfo(I([0, 0, 0]), I([1, 1, 1]))).toBe(1);
		expect(normalizedMutualInfo(I([0, 0, 0]), I([0, 1, 2]))).toBe(0);
	});
});

import { compareSolutions } from './compare';
describe('compareSolutions', () => {
	it('matches rows through the table row and skips rows missing from either run', () => {
		// Run A clustered table rows 0..3, run B rows 1..4 (row 0 dropped, row 4 added).
		const c = compareSolutions(I([0, 1, 2, 3]), I([0, 0, 1, 1]), 2, I([1, 2, 3, 4]), I([1, 0, 0, 0]), 2);
		expect(c.rows).toBe(3);
		expect(c.table).toEqual([[0, 1], [2, 0]]);
		expect(c.ari).toBe(adjustedRandIndex(I([0, 1, 1]), I([1, 0, 0])));
		expect(c.nmi).toBeCloseTo(1, 15);
	});
});

import { describe, expect, it } from 'vitest';
import { pca, pcaTransform, covariance } from './pca';
import { EngineError } from '../errors';
import { loadCsv, reference } from '../../../../tests/fixtures/sklearn/load';

describe('pca: exact small cases', () => {
	it('finds the diagonal of points on y = x by hand', () => {
		// (0,0),(1,1),(2,2),(3,3): all variance (2 × var(0..3) = 2 × 5/3) on (1,1)/√2.
		const X = new Float64Array([0, 0, 1, 1, 2, 2, 3, 3]);
		const m = pca(X, 4, 2, 2);
		expect(m.explainedVariance[0]).toBeCloseTo(10 / 3, 13);
		expect(m.explainedVariance[1]).toBeCloseTo(0, 13);
		expect(m.explainedVarianceRatio[0]).toBeCloseTo(1, 13);
		expect(m.components[0]).toBeCloseTo(Math.SQRT1_2, 13);
		expect(m.components[1]).toBeCloseTo(Math.SQRT1_2, 13);
		expect(Array.from(m.mean)).toEqual([1.5, 1.5]);
		const Z = pcaTransform(m, X, 4, 2);
		expect(Z[0]).toBeCloseTo(-1.5 * Math.SQRT2, 13);
		expect(Z[6]).toBeCloseTo(1.5 * Math.SQRT2, 13);
		expect(m.totalVariance).toBeCloseTo(10 / 3, 13);
	});

	it('computes the sample covariance with divisor n − 1', () => {
		const X = new Float64Array([1, 2, 3, 6, 5, 10]);
		const C = covariance(X, 3, 2, new Float64Array([3, 6]));
		expect(Array.from(C)).toEqual([4, 8, 8, 16]);
	});

	it('makes the largest-|value| entry of every component positive', () => {
		const { X, rows, cols } = loadCsv('wine');
		const m = pca(X, rows, cols, cols);
		for (let r = 0; r < m.nComponents; r++) {
			const row = Array.from(m.components.subarray(r * cols, r * cols + cols));
			const big = row.reduce((b, v, j) => (Math.abs(v) > Math.abs(row[b]) ? j : b), 0);
			expect(row[big]).toBeGreaterThan(0);
		}
	});

	it('accepts a constant column (zero variance, no NaN) and caps components', () => {
		const X = new Float64Array([1, 5, 2, 5, 4, 5]);
		const m = pca(X, 3, 2, 5);
		expect(m.nComponents).toBe(2);
		expect(Array.from(m.explainedVarianceRatio)).toEqual([1, 0]);
		expect(Math.abs(m.components[0])).toBeCloseTo(1, 14);
		expect(m.components[1]).toBe(0);
		const flat = pca(new Float64Array([3, 3, 3]), 3, 1, 1);
		expect(Array.from(flat.explainedVarianceRatio)).toEqual([0]);
	});

	it('rejects too few rows, no columns, NaN and bad component counts with EngineError', () => {
		expect(() => pca(new Float64Array([1, 2]), 1, 2, 1)).toThrowError(/at least 2 rows/);
		expect(() => pca(new Float64Array([]), 3, 0, 1)).toThrowError(/at least one numeric feature/);
		expect(() => pca(new Float64Array([1, NaN, 2, 3]), 2, 2, 1)).toThrowError(EngineError);
		expect(() => pca(new Float64Array([1, 2, 3, 4]), 2, 2, 0)).toThrowError(/whole number/);
	});
});

describe('pca vs scikit-learn 1.2.1 PCA(svd_solver="full")', () => {
	for (const name of ['iris', 'wine', 'blobs10k'] as const) {
		it(`${name}: ratios within 1e-9 absolute, components equal up to sign within 1e-6`, () => {
			const ref = reference[name === 'blobs10k' ? 'blobs' : name].pca;
			const { X, rows, cols } = loadCsv(name);
			const m = pca(X, rows, cols, cols);
			m.explainedVarianceRatio.forEach((v, i) => expect(Math.abs(v - ref.explainedVarianceRatio[i])).toBeLessThan(1e-9));
			m.explainedVariance.forEach((v, i) =>
				expect(Math.abs(v - ref.explainedVariance[i])).toBeLessThan(1e-9 * Math.max(1, ref.explainedVariance[i])));
			m.mean.forEach((v, i) => expect(Math.abs(v - ref.mean[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref.mean[i]))));
			for (let r = 0; r < cols; r++) {
				let dot = 0;
				for (let j = 0; j < cols; j++) dot += m.components[r * cols + j] * ref.components[r * cols + j];
				const s = Math.sign(dot);
				for (let j = 0; j < cols; j++) expect(Math.abs(m.components[r * cols + j] - s * ref.components[r * cols + j])).toBeLessThan(1e-6);
			}
		});
	}
});

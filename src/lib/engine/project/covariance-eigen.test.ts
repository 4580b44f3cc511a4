/**
 * The dual (Gram) path for wide data gives the covariance path's answer: the same eigenvalues, components equal up
 * to sign, orthonormal — including the components past the data's rank, completed to an orthonormal set.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { covariance, covarianceEigen } from './covariance-eigen';
import { eigenSymmetric } from './eigen-symmetric';
import { pca } from './pca';

function data(rows: number, cols: number, seed: number): { X: Float64Array; mean: Float64Array } {
	const rng = new Rng(seed);
	const X = new Float64Array(rows * cols);
	for (let i = 0; i < X.length; i++) X[i] = rng.next() * (1 + (i % cols) / cols);
	const mean = new Float64Array(cols);
	for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += X[i * cols + j] / rows;
	return { X, mean };
}

describe('covarianceEigen', () => {
	it('more columns than rows: the Gram path equals the eigen-decomposition of the covariance', () => {
		const rows = 9, cols = 40, nc = 9;
		const { X, mean } = data(rows, cols, 5);
		const dual = covarianceEigen(X, rows, cols, mean, nc);
		const full = eigenSymmetric(covariance(X, rows, cols, mean), cols);
		let trace = 0;
		const cov = covariance(X, rows, cols, mean);
		for (let j = 0; j < cols; j++) trace += cov[j * cols + j];
		expect(dual.trace).toBeCloseTo(trace, 10);
		// Rank ≤ rows − 1 = 8: the first 8 components agree up to sign; the 9th has variance 0.
		for (let r = 0; r < rows - 1; r++) {
			expect(dual.values[r]).toBeCloseTo(full.values[r], 10);
			let dot = 0;
			for (let j = 0; j < cols; j++) dot += dual.vectors[r * cols + j] * full.vectors[r * cols + j];
			expect(Math.abs(dot)).toBeCloseTo(1, 8);
		}
		expect(dual.values[rows - 1]).toBe(0);
		for (let a = 0; a < nc; a++) {
			for (let b = a; b < nc; b++) {
				let dot = 0;
				for (let j = 0; j < cols; j++) dot += dual.vectors[a * cols + j] * dual.vectors[b * cols + j];
				expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
			}
		}
	});

	it('pca on a 20 × 2,000 matrix takes well under a second (the cubic path took minutes)', () => {
		const { X } = data(20, 2000, 9);
		const t0 = performance.now();
		const m = pca(X, 20, 2000, 20);
		expect(performance.now() - t0).toBeLessThan(1500);
		expect(m.explainedVarianceRatio.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
	});
});

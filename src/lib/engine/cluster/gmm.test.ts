import { describe, expect, it } from 'vitest';
import { gmm, gmmFromInitialParams, gmmSteps, assignGmm, nParameters, type CovarianceType } from './gmm';
import { choleskyLower, precisionCholesky, upperCholesky } from './cholesky';
import { EngineError } from '../errors';
import { loadData, scipyReference } from '../../../../tests/fixtures/scipy/load';

const f64 = (a: number[]) => Float64Array.from(a);

describe('cholesky helpers', () => {
	const A = f64([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);
	it('lower factor reproduces A', () => {
		const L = A.slice();
		expect(choleskyLower(L, 3)).toBe(true);
		for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
			let s = 0;
			for (let t = 0; t < 3; t++) s += L[i * 3 + t] * L[j * 3 + t];
			expect(s).toBeCloseTo(A[i * 3 + j], 13);
		}
		expect(choleskyLower(f64([1, 2, 2, 1]), 2)).toBe(false);
	});
	it('precision factor U is upper with U·Uᵀ = A⁻¹, and upperCholesky inverts that', () => {
		const U = new Float64Array(9);
		expect(precisionCholesky(A, 3, U)).toBe(true);
		expect([U[3], U[6], U[7]]).toEqual([0, 0, 0]);
		const P = new Float64Array(9);
		for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let t = 0; t < 3; t++) P[i * 3 + j] += U[i * 3 + t] * U[j * 3 + t];
		for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
			let s = 0;
			for (let t = 0; t < 3; t++) s += P[i * 3 + t] * A[t * 3 + j];
			expect(s).toBeCloseTo(i === j ? 1 : 0, 13);
		}
		const V = new Float64Array(9);
		expect(upperCholesky(P, 3, V)).toBe(true);
		for (let t = 0; t < 9; t++) expect(V[t]).toBeCloseTo(U[t], 12);
	});
});

describe('gmm: hand-worked and edge cases', () => {
	it('one component is the Gaussian MLE (mean, biased variance + reg_covar) and its log-likelihood', () => {
		const X = f64([0, 2, 4]);
		const r = gmm(X, 3, 1, 1, { covarianceType: 'full' }, { seed: 1 });
		expect(r.means[0]).toBeCloseTo(2, 14);
		expect(r.covariances[0]).toBeCloseTo(8 / 3 + 1e-6, 12);
		const v = 8 / 3 + 1e-6;
		const ll = -1.5 * Math.log(2 * Math.PI * v) - (8 / v) / 2;
		expect(r.logLikelihood).toBeCloseTo(ll, 10);
		expect(r.nParameters).toBe(2);
		expect(r.bic).toBeCloseTo(-2 * ll + 2 * Math.log(3), 10);
		expect(r.aic).toBeCloseTo(-2 * ll + 4, 10);
		expect(Array.from(r.labels)).toEqual([0, 0, 0]);
		expect(r.degenerate).toEqual([]);
	});
	it('parameter counts match sklearn _n_parameters', () => {
		const p = (covarianceType: CovarianceType) => nParameters({ k: 3, cols: 4, covarianceType });
		expect([p('full'), p('diag'), p('spherical'), p('tied')]).toEqual([3 * 10 + 12 + 2, 12 + 12 + 2, 3 + 12 + 2, 10 + 12 + 2]);
	});
	it('reports duplicate points and a constant column as degenerate, does not throw', () => {
		const X = f64([1, 1, 1, 1, 1, 1, 5, 5, 5.5, 5, 6, 5]);
		const r = gmm(X, 6, 2, 2, {}, { seed: 3 });
		expect(r.degenerate.length).toBeGreaterThan(0);
		expect(r.degenerate.join(' ')).toMatch(/near-singular/);
		const l = Array.from(r.labels);
		expect(l).toEqual([l[0], l[0], l[0], 1 - l[0], 1 - l[0], 1 - l[0]]);
		expect(Number.isFinite(r.logLikelihood)).toBe(true);
		const tied = gmm(X, 6, 2, 2, { covarianceType: 'tied' }, { seed: 3 });
		expect(tied.degenerate.some((m) => m.startsWith('Shared covariance: a near-singular'))).toBe(true);
	});
	it('is deterministic for a seed and validates parameters', () => {
		const { X, rows, cols } = loadData('iris');
		const a = gmm(X, rows, cols, 3, { nInit: 2 }, { seed: 7 });
		const b = gmm(X, rows, cols, 3, { nInit: 2 }, { seed: 7 });
		expect(Array.from(a.means)).toEqual(Array.from(b.means));
		expect(() => gmm(X, rows, cols, 151, {}, { seed: 1 })).toThrow(EngineError);
		expect(() => gmm(X, rows, cols, 2, { covarianceType: 'weird' as CovarianceType }, { seed: 1 })).toThrow(/covariance type/);
	});
	it('assignGmm scores new rows like the fit, and the step form reaches the same model', () => {
		const { X, rows, cols } = loadData('iris');
		const ref = scipyReference.gmm.find((c) => c.name === 'iris-classes' && c.covarianceType === 'full')!;
		const init = { weights: f64(ref.weightsInit), means: f64(ref.meansInit), precisions: f64(ref.precisionsInit) };
		const r = gmmFromInitialParams(X, rows, cols, init, { covarianceType: 'full' });
		const a = assignGmm(r, X, rows, cols);
		expect(Array.from(a.labels)).toEqual(Array.from(r.labels));
		expect(a.logLikelihood.reduce((s, v) => s + v, 0)).toBeCloseTo(r.logLikelihood, 8);
		const steps = [...gmmSteps(X, rows, cols, init, { covarianceType: 'full' })];
		expect(steps.length).toBe(r.iterations);
		expect(steps[steps.length - 1].lowerBound).toBe(r.lowerBound);
		expect(() => assignGmm(r, X, rows / 2, cols * 2)).toThrow(/features/);
	});
});

describe('gmm: scikit-learn references from the same initial parameters', () => {
	for (const ref of scipyReference.gmm) {
		it(`${ref.name} ${ref.covarianceType}: lower bound, score, BIC, AIC, iterations, labels`, () => {
			const { X, rows, cols } = loadData(ref.dataset);
			const init = { weights: f64(ref.weightsInit), means: f64(ref.meansInit), precisions: f64(ref.precisionsInit) };
			const r = gmmFromInitialParams(X, rows, cols, init, { covarianceType: ref.covarianceType, maxIter: ref.maxIter });
			const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
			// Acceptance is 0.5%; we are far inside it.
			expect(rel(r.lowerBound, ref.lowerBound)).toBeLessThan(1e-9);
			expect(rel(r.meanLogLikelihood, ref.score)).toBeLessThan(1e-9);
			expect(r.nParameters).toBe(ref.nParameters);
			expect(rel(r.bic, ref.bic)).toBeLessThan(1e-9);
			expect(rel(r.aic, ref.aic)).toBeLessThan(1e-9);
			expect(r.iterations).toBe(ref.nIter);
			expect(r.converged).toBe(ref.converged);
			expect(Array.from(r.labels)).toEqual(ref.labels);
			for (let t = 0; t < ref.means.length; t++) expect(Math.abs(r.means[t] - ref.means[t])).toBeLessThan(1e-8);
			for (let t = 0; t < ref.covariances.length; t++) expect(Math.abs(r.covariances[t] - ref.covariances[t])).toBeLessThan(1e-8);
			for (let t = 0; t < ref.probsHead.length; t++) expect(Math.abs(r.probs[t] - ref.probsHead[t])).toBeLessThan(1e-8);
		});
	}
});

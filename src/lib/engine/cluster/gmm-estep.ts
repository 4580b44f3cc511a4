/**
 * E-step of EM for Gaussian mixtures, as scikit-learn's `_estimate_log_gaussian_prob` +
 * `_estimate_log_prob_resp`: log N(x | μₖ, Σₖ) + log wₖ for every row and component from the Cholesky factors of
 * the precisions, normalised per row with log-sum-exp. Writes responsibilities (not their logs) and returns the
 * mean of the per-row log-likelihoods, which is sklearn's lower bound for GaussianMixture.
 */
import type { CovarianceType } from './gmm-types';
import { logProbTriangular8 } from './gmm-kernels8';

const LOG_2PI = Math.log(2 * Math.PI);

/** Σ log of the factor's diagonal per component: half the log-determinant of each precision. */
export function logDetCholesky(pc: Float64Array, type: CovarianceType, k: number, d: number): Float64Array {
	const out = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		let s = 0;
		if (type === 'full') for (let j = 0; j < d; j++) s += Math.log(pc[c * d * d + j * d + j]);
		else if (type === 'tied') for (let j = 0; j < d; j++) s += Math.log(pc[j * d + j]);
		else if (type === 'diag') for (let j = 0; j < d; j++) s += Math.log(pc[c * d + j]);
		else s = d * Math.log(pc[c]);
		out[c] = s;
	}
	return out;
}

/**
 * resp (rows × k) ← posterior probabilities; rowLogLik (optional, rows) ← log p(xᵢ). Returns mean log p(xᵢ).
 * Component-major first pass (one component's factor stays hot in cache), then a row-wise log-sum-exp that
 * computes each exponential once.
 */
export function eStep(
	X: Float64Array, rows: number, d: number, k: number, type: CovarianceType,
	weights: Float64Array, means: Float64Array, pc: Float64Array,
	resp: Float64Array, rowLogLik: Float64Array | null = null
): number {
	const logDet = logDetCholesky(pc, type, k, d);
	const triangular = type === 'full' || type === 'tied';
	for (let c = 0; c < k; c++) {
		const base = -0.5 * d * LOG_2PI + logDet[c] + Math.log(weights[c]);
		const mu = means.subarray(c * d, c * d + d);
		if (triangular) (d <= 8 ? logProbTriangular8 : logProbTriangular)(X, rows, d, k, c, mu, pc, type === 'full' ? c * d * d : 0, base, resp);
		else logProbScaled(X, rows, d, k, c, mu, type === 'diag' ? pc.subarray(c * d, c * d + d) : new Float64Array(d).fill(pc[c]), base, resp);
	}
	let total = 0;
	for (let i = 0; i < rows; i++) {
		const ro = i * k;
		let mx = -Infinity;
		for (let c = 0; c < k; c++) if (resp[ro + c] > mx) mx = resp[ro + c];
		let s = 0;
		for (let c = 0; c < k; c++) {
			const e = Math.exp(resp[ro + c] - mx);
			resp[ro + c] = e;
			s += e;
		}
		const inv = 1 / s;
		for (let c = 0; c < k; c++) resp[ro + c] *= inv;
		const norm = mx + Math.log(s);
		if (rowLogLik) rowLogLik[i] = norm;
		total += norm;
	}
	return total / rows;
}

/** out[i·k + c] ← base − ½‖(xᵢ − μ)·U‖² with U upper triangular at pc[uo ..]. */
function logProbTriangular(
	X: Float64Array, rows: number, d: number, k: number, c: number, mu: Float64Array, pc: Float64Array, uo: number,
	base: number, out: Float64Array
): void {
	// ut holds Uᵀ's lower triangle packed by rows, so each yⱼ = Σ_{t ≤ j} diff_t U_tj reads contiguously.
	// (Measured on 100,000 × 8, k = 8: this component-major row loop beat a column-major and a dense all-components
	// variant by 1.1–1.8×.)
	const ut = new Float64Array((d * (d + 1)) / 2);
	for (let j = 0, p = 0; j < d; j++) for (let t = 0; t <= j; t++) ut[p++] = pc[uo + t * d + j];
	const diff = new Float64Array(d);
	for (let i = 0; i < rows; i++) {
		const xo = i * d;
		for (let j = 0; j < d; j++) diff[j] = X[xo + j] - mu[j];
		let q = 0;
		let p = 0;
		for (let j = 0; j < d; j++) {
			let y = 0;
			for (let t = 0; t <= j; t++) y += diff[t] * ut[p++];
			q += y * y;
		}
		out[i * k + c] = base - 0.5 * q;
	}
}

/** out[i·k + c] ← base − ½ Σⱼ ((xᵢⱼ − μⱼ)·sⱼ)² for per-feature scales s (diag, or spherical repeated). */
function logProbScaled(
	X: Float64Array, rows: number, d: number, k: number, c: number, mu: Float64Array, s: Float64Array,
	base: number, out: Float64Array
): void {
	for (let i = 0; i < rows; i++) {
		const xo = i * d;
		let q = 0;
		for (let j = 0; j < d; j++) {
			const y = (X[xo + j] - mu[j]) * s[j];
			q += y * y;
		}
		out[i * k + c] = base - 0.5 * q;
	}
}

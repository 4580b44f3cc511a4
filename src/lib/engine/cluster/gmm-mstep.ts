/**
 * M-step of EM for Gaussian mixtures, as scikit-learn's `_estimate_gaussian_parameters` and
 * `_compute_precision_cholesky` (`sklearn/mixture/_gaussian_mixture.py`): nₖ = Σ rᵢₖ + 10·ε, μₖ = Σ rᵢₖ xᵢ / nₖ,
 * and the covariance per type with reg_covar added to its diagonal. 'full' and 'diag' accumulate centred
 * products (as sklearn's full estimator does; sklearn's diag expands E[x²] − 2μE[x] + μ², which differs only by
 * rounding), 'tied' uses sklearn's XᵀX − Σ nₖ μₖμₖᵀ form, 'spherical' is the mean of the diagonal variances.
 *
 * `illDefined` lists the components where sklearn's `_compute_precision_cholesky` raises "ill-defined empirical
 * covariance": no Cholesky factor ('full', 'tied': the same matrices as sklearn's), or a variance ≤ 0 as sklearn
 * computes it for 'diag' / 'spherical' (its expanded form, whose rounding decides the sign of a collapsed
 * component's variance: checked with sklearn's order of operations, while the fit keeps the centred values).
 */
import type { CovarianceType } from './gmm-types';
import { precisionCholesky } from './cholesky';

const EPS10 = 10 * Number.EPSILON;
/** Smallest variance, and first diagonal raise, given to a collapsed component when reg_covar is 0. */
const MIN_JITTER = 1e-10;

export interface MStepOut {
	/** Normalised weights. */
	weights: Float64Array;
	means: Float64Array;
	covariances: Float64Array;
	precisionsCholesky: Float64Array;
	/** Components whose covariance needed more than reg_covar to be positive definite. */
	jittered: number[];
	/** Components (0 for 'tied') where scikit-learn would stop with "ill-defined empirical covariance". */
	illDefined: number[];
}

export function mStep(
	X: Float64Array, rows: number, d: number, k: number, type: CovarianceType, resp: Float64Array, regCovar: number,
	XtX: Float64Array | null
): MStepOut {
	const nk = new Float64Array(k);
	const means = new Float64Array(k * d);
	for (let i = 0; i < rows; i++) {
		const ro = i * k;
		const xo = i * d;
		for (let c = 0; c < k; c++) {
			const r = resp[ro + c];
			nk[c] += r;
			const mo = c * d;
			for (let j = 0; j < d; j++) means[mo + j] += r * X[xo + j];
		}
	}
	const sums = type === 'diag' || type === 'spherical' ? means.slice() : null;
	for (let c = 0; c < k; c++) {
		nk[c] += EPS10;
		for (let j = 0; j < d; j++) means[c * d + j] /= nk[c];
	}
	let cov: Float64Array;
	if (type === 'tied') cov = tiedCovariance(XtX!, nk, means, k, d, regCovar);
	else if (type === 'full') cov = fullCovariances(X, rows, d, k, resp, nk, means, regCovar);
	else {
		const diag = diagCovariances(X, rows, d, k, resp, nk, means, regCovar);
		if (type === 'diag') cov = diag;
		else {
			cov = new Float64Array(k);
			for (let c = 0; c < k; c++) {
				let s = 0;
				for (let j = 0; j < d; j++) s += diag[c * d + j];
				cov[c] = s / d;
			}
		}
	}
	let total = 0;
	for (let c = 0; c < k; c++) total += nk[c];
	const weights = nk.map((v) => v / total);
	const { pc, jittered } = precisionsFromCovariances(cov, type, k, d, regCovar);
	const illDefined = sums ? sklearnNonPositive(X, rows, d, k, type, resp, nk, means, sums, regCovar) : jittered;
	return { weights, means, covariances: cov, precisionsCholesky: pc, jittered, illDefined };
}

/**
 * Components whose 'diag' / 'spherical' variance, computed as sklearn 1.2's `_estimate_gaussian_covariances_diag`
 * does (avg_X2 − 2·avg_X_means + avg_means2 + reg_covar, avg_X_means = means·(Σ r·x) / nk, spherical: their mean),
 * is ≤ 0.
 */
function sklearnNonPositive(
	X: Float64Array, rows: number, d: number, k: number, type: CovarianceType, resp: Float64Array, nk: Float64Array,
	means: Float64Array, sums: Float64Array, reg: number
): number[] {
	const sq = new Float64Array(k * d);
	for (let i = 0; i < rows; i++) {
		for (let c = 0; c < k; c++) {
			const r = resp[i * k + c];
			for (let j = 0; j < d; j++) sq[c * d + j] += r * (X[i * d + j] * X[i * d + j]);
		}
	}
	const out: number[] = [];
	for (let c = 0; c < k; c++) {
		let total = 0;
		let bad = false;
		for (let j = 0; j < d; j++) {
			const t = c * d + j;
			const m = means[t];
			const v = sq[t] / nk[c] - 2 * ((m * sums[t]) / nk[c]) + m ** 2 + reg;
			if (!(v > 0)) bad = true;
			total += v;
		}
		if (type === 'diag' ? bad : !(total / d > 0)) out.push(c);
	}
	return out;
}

function fullCovariances(
	X: Float64Array, rows: number, d: number, k: number, resp: Float64Array, nk: Float64Array, means: Float64Array,
	reg: number
): Float64Array {
	const cov = new Float64Array(k * d * d);
	// Blocks of B rows, transposed into feature columns (W1 = r·(x − μ), W2 = x − μ): each covariance entry is then
	// a dot product over the block with its sum in a register. Measured on 100,000 × 8, k = 8: 1.5× faster than
	// accumulating d(d+1)/2 entries in memory row by row.
	const B = 128;
	const W1 = new Float64Array(d * B);
	const W2 = new Float64Array(d * B);
	const acc = new Float64Array((d * (d + 1)) / 2);
	for (let c = 0; c < k; c++) {
		acc.fill(0);
		const mo = c * d;
		for (let s = 0; s < rows; s += B) {
			const m = Math.min(rows, s + B) - s;
			for (let i = 0; i < m; i++) {
				const r = resp[(s + i) * k + c];
				const xo = (s + i) * d;
				for (let j = 0; j < d; j++) {
					const v = X[xo + j] - means[mo + j];
					W2[j * B + i] = v;
					W1[j * B + i] = r * v;
				}
			}
			let p = 0;
			for (let a = 0; a < d; a++) {
				const oa = a * B;
				for (let b = a; b < d; b++) {
					const ob = b * B;
					let sum = 0;
					for (let i = 0; i < m; i++) sum += W1[oa + i] * W2[ob + i];
					acc[p++] += sum;
				}
			}
		}
		const co = c * d * d;
		let p = 0;
		for (let a = 0; a < d; a++) {
			for (let b = a; b < d; b++) {
				const v = acc[p++] / nk[c];
				cov[co + a * d + b] = v;
				cov[co + b * d + a] = v;
			}
			cov[co + a * d + a] += reg;
		}
	}
	return cov;
}

function diagCovariances(
	X: Float64Array, rows: number, d: number, k: number, resp: Float64Array, nk: Float64Array, means: Float64Array,
	reg: number
): Float64Array {
	const v = new Float64Array(k * d);
	for (let i = 0; i < rows; i++) {
		const xo = i * d;
		for (let c = 0; c < k; c++) {
			const r = resp[i * k + c];
			const mo = c * d;
			for (let j = 0; j < d; j++) {
				const t = X[xo + j] - means[mo + j];
				v[mo + j] += r * t * t;
			}
		}
	}
	for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) v[c * d + j] = v[c * d + j] / nk[c] + reg;
	return v;
}

function tiedCovariance(XtX: Float64Array, nk: Float64Array, means: Float64Array, k: number, d: number, reg: number): Float64Array {
	const cov = XtX.slice();
	let n = 0;
	for (let c = 0; c < k; c++) n += nk[c];
	for (let c = 0; c < k; c++) {
		for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= nk[c] * means[c * d + a] * means[c * d + b];
	}
	for (let t = 0; t < d * d; t++) cov[t] /= n;
	for (let a = 0; a < d; a++) cov[a * d + a] += reg;
	return cov;
}

/**
 * Precision Cholesky factors for covariances. Where sklearn raises ("ill-defined empirical covariance"), a
 * collapsed component gets its diagonal raised by 10×, 100×, … reg_covar until it factorises, and is reported.
 */
export function precisionsFromCovariances(
	cov: Float64Array, type: CovarianceType, k: number, d: number, reg: number
): { pc: Float64Array; jittered: number[] } {
	const pc = new Float64Array(cov.length);
	const jittered: number[] = [];
	if (type === 'diag' || type === 'spherical') {
		for (let t = 0; t < cov.length; t++) {
			let v = cov[t];
			if (!(v > 0)) {
				v = Math.max(reg, MIN_JITTER);
				cov[t] = v;
				const c = type === 'diag' ? Math.floor(t / d) : t;
				if (!jittered.includes(c)) jittered.push(c);
			}
			pc[t] = 1 / Math.sqrt(v);
		}
		return { pc, jittered };
	}
	const blocks = type === 'tied' ? 1 : k;
	for (let c = 0; c < blocks; c++) {
		const off = c * d * d;
		// With reg_covar = 0 the first step is MIN_JITTER (10·0 would never grow).
		let extra = Math.max(reg * 10, MIN_JITTER);
		while (!precisionCholesky(cov, d, pc, off)) {
			if (!jittered.includes(c)) jittered.push(c);
			for (let a = 0; a < d; a++) cov[off + a * d + a] += extra;
			extra *= 10;
			if (!Number.isFinite(extra)) throw new RangeError('covariance cannot be made positive definite');
		}
	}
	return { pc, jittered };
}

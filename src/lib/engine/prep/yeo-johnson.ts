/**
 * The Yeo-Johnson power transform (Yeo & Johnson 2000), for skewed columns that also hold negative values, where
 * log1p is undefined. Fitted and applied exactly as scikit-learn 1.2's PowerTransformer(method="yeo-johnson"):
 * lambda maximises the profile log-likelihood −n/2·log(var(y)) + (λ−1)·Σ sign(x)·log1p(|x|), by
 * scipy.optimize.brent from the bracket (−2, 2), over the present values; variance and sums in numpy's order.
 * Checked against scikit-learn 1.2.1 (tests/fixtures/yeo-johnson/): the transform to 1e-9 at its lambda; the fitted
 * lambda within scipy's Brent tolerance (numpy's SIMD log/power differ from V8's by ulps, so paths can part).
 */
import { brent } from './brent';
import { numpyVar, pairwiseSum } from './pairwise-sum';

const EPS = 2.220446049250313e-16; // np.spacing(1.0)
const TINY = 2.2250738585072014e-308; // np.finfo(float64).tiny

/** y = ((x+1)^λ − 1)/λ for x ≥ 0, −((1−x)^(2−λ) − 1)/(2−λ) for x < 0, with the log limits at λ = 0 and λ = 2. */
export function yeoJohnson(x: number, lambda: number): number {
	if (x !== x) return x;
	if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
	return Math.abs(lambda - 2) > EPS ? -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

/** The maximum-likelihood lambda of the present (non-NaN) values of `x`. */
export function fitYeoJohnson(x: Float64Array): number {
	let n = 0;
	for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
	const v = new Float64Array(n);
	for (let i = 0, r = 0; i < x.length; i++) if (x[i] === x[i]) v[r++] = x[i];
	const signedLog = new Float64Array(n);
	for (let i = 0; i < n; i++) signedLog[i] = Math.sign(v[i]) * Math.log1p(Math.abs(v[i]));
	const slSum = pairwiseSum(signedLog);
	const y = new Float64Array(n);
	const negLogLik = (lambda: number): number => {
		for (let i = 0; i < n; i++) y[i] = yeoJohnson(v[i], lambda);
		const variance = numpyVar(y);
		if (!(variance >= TINY)) return Infinity;
		let loglike = (-n / 2) * Math.log(variance);
		loglike += (lambda - 1) * slSum;
		return -loglike;
	};
	return brent(negLogLik, -2, 2);
}

/** Applies the transform in place over the rows in `use`. */
export function applyYeoJohnson(x: Float64Array, use: Uint8Array, lambda: number): void {
	for (let i = 0; i < x.length; i++) if (use[i]) x[i] = yeoJohnson(x[i], lambda);
}

/** The inverse, for reporting centres in original units. */
export function invertYeoJohnson(y: number, lambda: number): number {
	if (y >= 0) return Math.abs(lambda) < EPS ? Math.expm1(y) : Math.pow(y * lambda + 1, 1 / lambda) - 1;
	return Math.abs(lambda - 2) > EPS ? 1 - Math.pow(-(2 - lambda) * y + 1, 1 / (2 - lambda)) : -Math.expm1(-y);
}

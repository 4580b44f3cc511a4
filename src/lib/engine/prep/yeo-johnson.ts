/**
 * The Yeo-Johnson power transform (Yeo & Johnson 2000), for skewed columns that also hold negative values, where
 * log1p is undefined. Fitted and applied exactly as scikit-learn 1.2's PowerTransformer(method="yeo-johnson"):
 * lambda maximises the profile log-likelihood −n/2·log(var(y)) + (λ−1)·Σ sign(x)·log1p(|x|), by
 * scipy.optimize.brent from the bracket (−2, 2), over the present values; variance and sums in numpy's order.
 * The fit rounds powers and logarithms to the nearest double (exact-pow.ts), as the C library numpy calls does, so
 * Brent takes scikit-learn's steps: lambda and the transform agree with scikit-learn 1.2.1 to 1e-9
 * (tests/fixtures/yeo-johnson/; numpy's AVX-512 kernels move scikit-learn's own lambda within Brent's 1.48e-8).
 */
import { brent } from './brent';
import { numpyVar, pairwiseSum } from './pairwise-sum';
import { lnDD, lnExact, powFromLn } from './exact-pow';

const EPS = 2.220446049250313e-16; // np.spacing(1.0)
const TINY = 2.2250738585072014e-308; // np.finfo(float64).tiny

/** y = ((x+1)^λ − 1)/λ for x ≥ 0, −((1−x)^(2−λ) − 1)/(2−λ) for x < 0, with the log limits at λ = 0 and λ = 2. */
export function yeoJohnson(x: number, lambda: number): number {
	if (x !== x) return x;
	if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
	return Math.abs(lambda - 2) > EPS ? -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

/**
 * Present values up to which the fit uses correctly rounded powers and logarithms (exact-pow.ts, about 4× the time
 * of Math.pow); above it, Math.pow and Math.log, whose last-ulp differences can move lambda within Brent's
 * tolerance (1.48e-8) on a likelihood that large samples make smooth anyway.
 */
export const EXACT_FIT_MAX = 100_000;

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
	const exact = n <= EXACT_FIT_MAX;
	// ln(1 + |x|) as double-doubles, once: every power below is exp(exponent · this), correctly rounded.
	const lnHi = new Float64Array(exact ? n : 0), lnLo = new Float64Array(exact ? n : 0);
	if (exact) {
		for (let i = 0; i < n; i++) {
			const [h, l] = lnDD(1 + Math.abs(v[i]));
			lnHi[i] = h;
			lnLo[i] = l;
		}
	}
	const transform = (lambda: number): void => {
		if (!exact) {
			for (let i = 0; i < n; i++) y[i] = yeoJohnson(v[i], lambda);
			return;
		}
		// yeoJohnson() with powers rounded to nearest: (x+1) and (1−x) are 1 + |x| exactly as numpy forms them.
		const logPos = Math.abs(lambda) < EPS, logNeg = !(Math.abs(lambda - 2) > EPS);
		for (let i = 0; i < n; i++) {
			const a = v[i];
			if (a >= 0) y[i] = logPos ? Math.log1p(a) : (powFromLn(a + 1, lnHi[i], lnLo[i], lambda) - 1) / lambda;
			else y[i] = logNeg ? -Math.log1p(-a) : -(powFromLn(-a + 1, lnHi[i], lnLo[i], 2 - lambda) - 1) / (2 - lambda);
		}
	};
	const negLogLik = (lambda: number): number => {
		transform(lambda);
		const variance = numpyVar(y);
		if (!(variance >= TINY)) return Infinity;
		let loglike = (-n / 2) * (exact ? lnExact(variance) : Math.log(variance));
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

/**
 * 95% intervals for a segment's outcome. A rate: the Wilson score interval (Wilson 1927), as statsmodels'
 * proportion_confint(method="wilson") — good near 0 and 1 and for small segments, where the normal interval is
 * not. A mean: mean ± t(0.975, n − 1) · s/√n with the sample standard deviation (ddof = 1).
 */

/** The 0.975 quantile of the standard normal (scipy.stats.norm.ppf(0.975)). */
export const Z975 = 1.959963984540054;

export function wilson(successes: number, n: number, z = Z975): [number, number] {
	if (n === 0) return [NaN, NaN];
	const p = successes / n, z2 = z * z;
	const denom = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denom;
	const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
	return [centre - half, centre + half];
}

/**
 * Student t 0.975 quantile: scipy.stats.t.ppf's values up to 30 degrees of freedom, above them the Cornish–Fisher
 * expansion in 1/df (Abramowitz & Stegun 26.7.5), within 3e-8 there.
 */
const T = [12.706204736432095, 4.302652729911275, 3.182446305284263, 2.7764451051977987, 2.5705818366147395, 2.4469118487916806, 2.3646242510102993, 2.3060041350333704, 2.2621571627409915, 2.2281388519649385, 2.200985160082949, 2.1788128296634177, 2.1603686564610127, 2.1447866879169273, 2.131449545559323, 2.1199052992210112, 2.1098155778331806, 2.10092204024096, 2.093024054408263, 2.0859634472658364, 2.079613844727662, 2.0738730679040147, 2.0686576104190406, 2.0638985616280205, 2.059538552753294, 2.055529438642871, 2.0518305164802833, 2.048407141795244, 2.045229642132703, 2.0422724563012373];

export function t975(df: number): number {
	if (df < 1) return NaN;
	if (df <= 30 && Number.isInteger(df)) return T[df - 1];
	const z = Z975, z3 = z ** 3, z5 = z ** 5, z7 = z ** 7, z9 = z ** 9;
	return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4);
}

/** Mean and its 95% interval of the values (two passes, so a large common offset costs no precision). */
export function meanInterval(values: ArrayLike<number>): { mean: number; lo: number; hi: number } {
	const n = values.length;
	let sum = 0;
	for (let i = 0; i < n; i++) sum += values[i];
	const mean = n ? sum / n : NaN;
	if (n < 2) return { mean, lo: NaN, hi: NaN };
	let ss = 0;
	for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
	const half = (t975(n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
	return { mean, lo: mean - half, hi: mean + half };
}

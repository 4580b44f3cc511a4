/**
 * Quantiles of sorted data by linear interpolation, numpy's default (`np.percentile(..., method="linear")`, also
 * Hyndman & Fan 1996 type 7), with numpy's two-sided lerp so results match it to the last bit. RobustScaler,
 * the IQR rule and percentile clipping all use it, as scikit-learn does.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	const v = q * (n - 1);
	const f = Math.floor(v);
	if (f >= n - 1) return sorted[n - 1];
	const t = v - f;
	const a = sorted[f], b = sorted[f + 1];
	const d = b - a;
	return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** The present (non-NaN) values of x at the rows where `use` is true (all rows when null), sorted ascending. */
export function sortedPresent(x: Float64Array, use: Uint8Array | null = null): Float64Array {
	let n = 0;
	for (let i = 0; i < x.length; i++) if (x[i] === x[i] && (!use || use[i])) n++;
	const out = new Float64Array(n);
	for (let i = 0, j = 0; i < x.length; i++) if (x[i] === x[i] && (!use || use[i])) out[j++] = x[i];
	return out.sort();
}

export function median(sorted: Float64Array): number {
	return quantileSorted(sorted, 0.5);
}

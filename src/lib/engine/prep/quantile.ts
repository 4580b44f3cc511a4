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

/** np.median: the middle value, or the mean of the two middle values (not the 0.5 lerp, which can differ by an ulp). */
export function median(sorted: Float64Array): number {
	const n = sorted.length;
	if (n === 0) return NaN;
	return n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** np.median without sorting (x holds present values only and is permuted). */
export function medianInPlace(x: Float64Array): number {
	const n = x.length;
	if (n === 0) return NaN;
	const h = (n - 1) >> 1;
	const a = select(x, h);
	if (n % 2) return a;
	let b = Infinity;
	for (let i = h + 1; i < n; i++) if (x[i] < b) b = x[i];
	return (a + b) / 2;
}

/** Below this many rows a copy and a quickselect cost less than sampling. */
const SAMPLED_FROM = 20_000;
const SAMPLE = 8192;

/**
 * np.median of the present (non-NaN) values of x at the rows where `use` is 1 (all rows when null), without copying
 * them all: a sorted stride sample of 8,192 values gives a bracket [lo, hi] around the middle ranks (±4 standard
 * deviations of a sample rank); one pass counts the values below lo and in the bracket, a second copies the bracket's
 * values (a few percent of the rows) and a quickselect finds the middle among them. Exact: the same order statistics
 * as a sort. When the bracket misses (a sample that does not represent the data), a full copy and quickselect run.
 */
export function medianOfPresent(x: Float64Array, use: Uint8Array | null = null): number {
	const len = x.length;
	if (len < SAMPLED_FROM) return medianInPlace(presentValues(x, use));
	const sample: number[] = [];
	for (let t = 0; t < SAMPLE; t++) {
		const i = Math.floor((t * len) / SAMPLE);
		if (x[i] === x[i] && (!use || use[i])) sample.push(x[i]);
	}
	if (sample.length < SAMPLE / 4) return medianInPlace(presentValues(x, use));
	const m = sample.length;
	Float64Array.from(sample).sort().forEach((v, t) => (sample[t] = v));
	const margin = Math.ceil(4 * Math.sqrt(m));
	const lo = sample[Math.max(0, (m >> 1) - margin)], hi = sample[Math.min(m - 1, (m >> 1) + margin)];
	// One pass counts the values below lo and in [lo, hi] and copies the bracket's values while they fit a buffer of
	// twice the bracket's expected share; a second pass copies them only when they do not (many ties at the middle).
	const cap = Math.min(len, 2 * Math.ceil(((2 * margin + 1) * len) / m) + 1024);
	let mid = new Float64Array(cap);
	let n = 0, below = 0, inside = 0;
	for (let i = 0; i < len; i++) {
		const v = x[i];
		if (v !== v || (use && !use[i])) continue;
		n++;
		if (v < lo) below++;
		else if (v <= hi) {
			if (inside < cap) mid[inside] = v;
			inside++;
		}
	}
	const h = (n - 1) >> 1, last = n % 2 ? h : h + 1;
	if (h < below || last >= below + inside) return medianInPlace(presentValues(x, use));
	// A bracket of one value (a middle of ties): the middle ranks hold that value, bit for bit unless it is zero and
	// a −0 is among them (then which zero a selection returns depends on their order: selected as before).
	if (lo === hi && (lo !== 0 || !hasNegativeZero(x, use))) return n % 2 ? lo : (lo + lo) / 2;
	if (inside > cap) {
		mid = new Float64Array(inside);
		for (let i = 0, j = 0; i < len; i++) {
			const v = x[i];
			if (v >= lo && v <= hi && (!use || use[i])) mid[j++] = v;
		}
	} else mid = mid.subarray(0, inside);
	const r = h - below;
	const a = select(mid, r);
	if (n % 2) return a;
	let b = Infinity;
	for (let i = r + 1; i < inside; i++) if (mid[i] < b) b = mid[i];
	return (a + b) / 2;
}

function hasNegativeZero(x: Float64Array, use: Uint8Array | null): boolean {
	for (let i = 0; i < x.length; i++) if (x[i] === 0 && 1 / x[i] < 0 && (!use || use[i])) return true;
	return false;
}

/**
 * The same linear quantiles without sorting: quickselect (Hoare 1961, "Algorithm 65: Find") puts the needed order
 * statistics in place in expected O(n), about 15× faster than a sort at a million values. Exact: it returns the
 * very elements a sort would have at those positions. `x` holds present values only and is permuted.
 */
export function quantilesInPlace(x: Float64Array, qs: number[]): number[] {
	const n = x.length;
	if (n === 0) return qs.map(() => NaN);
	return qs.map((q) => {
		const v = q * (n - 1);
		const f = Math.floor(v);
		if (f >= n - 1) return select(x, n - 1);
		const a = select(x, f);
		// After selecting f, everything right of f is ≥ a: the next order statistic is their minimum.
		let b = Infinity;
		for (let i = f + 1; i < n; i++) if (x[i] < b) b = x[i];
		const t = v - f;
		const d = b - a;
		return t >= 0.5 ? b - d * (1 - t) : a + d * t;
	});
}

/** Moves the k-th smallest value to x[k] (smaller left, larger right) and returns it. */
function select(x: Float64Array, k: number): number {
	let lo = 0, hi = x.length - 1;
	while (hi > lo) {
		// Median of three as pivot keeps sorted and reversed input linear.
		const mid = (lo + hi) >> 1;
		const p = med3(x[lo], x[mid], x[hi]);
		let i = lo, j = hi;
		while (i <= j) {
			while (x[i] < p) i++;
			while (x[j] > p) j--;
			if (i <= j) {
				const t = x[i];
				x[i] = x[j];
				x[j] = t;
				i++;
				j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else break;
	}
	return x[k];
}

function med3(a: number, b: number, c: number): number {
	return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/** Present values at the rows in `use` (all when null), unsorted, as a fresh array for quantilesInPlace. */
export function presentValues(x: Float64Array, use: Uint8Array | null = null): Float64Array {
	let n = 0;
	for (let i = 0; i < x.length; i++) if (x[i] === x[i] && (!use || use[i])) n++;
	const out = new Float64Array(n);
	for (let i = 0, j = 0; i < x.length; i++) if (x[i] === x[i] && (!use || use[i])) out[j++] = x[i];
	return out;
}

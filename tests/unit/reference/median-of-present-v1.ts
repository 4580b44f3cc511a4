/**
 * Frozen copy of prep/quantile.ts's medianOfPresent before its single pass and its shortcut for a middle of ties
 * (2026-12-07), with the helpers it used. tests/unit/median-of-present-equivalence.test.ts checks that the current
 * one returns the same bits (−0 included). Do not edit.
 */
function medianInPlace(x: Float64Array): number {
	const n = x.length;
	if (n === 0) return NaN;
	const h = (n - 1) >> 1;
	const a = select(x, h);
	if (n % 2) return a;
	let b = Infinity;
	for (let i = h + 1; i < n; i++) if (x[i] < b) b = x[i];
	return (a + b) / 2;
}

const SAMPLED_FROM = 20_000;
const SAMPLE = 8192;

export function medianOfPresentV1(x: Float64Array, use: Uint8Array | null = null): number {
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
	let n = 0, below = 0, inside = 0;
	for (let i = 0; i < len; i++) {
		const v = x[i];
		if (v !== v || (use && !use[i])) continue;
		n++;
		if (v < lo) below++;
		else if (v <= hi) inside++;
	}
	const h = (n - 1) >> 1, last = n % 2 ? h : h + 1;
	if (h < below || last >= below + inside) return medianInPlace(presentValues(x, use));
	const mid = new Float64Array(inside);
	for (let i = 0, j = 0; i < len; i++) {
		const v = x[i];
		if (v >= lo && v <= hi && (!use || use[i])) mid[j++] = v;
	}
	const r = h - below;
	const a = select(mid, r);
	if (n % 2) return a;
	let b = Infinity;
	for (let i = r + 1; i < inside; i++) if (mid[i] < b) b = mid[i];
	return (a + b) / 2;
}

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

function presentValues(x: Float64Array, use: Uint8Array | null = null): Float64Array {
	let n = 0;
	for (let i = 0; i < x.length; i++) if (x[i] === x[i] && (!use || use[i])) n++;
	const out = new Float64Array(n);
	for (let i = 0, j = 0; i < x.length; i++) if (x[i] === x[i] && (!use || use[i])) out[j++] = x[i];
	return out;
}

/**
 * Dictionary codes of a numeric column keyed by value, in order of first appearance (−0 counts as 0, NaN is −1),
 * or null as soon as there are more than `cap` distinct values. An open-addressing table of typed arrays: a Map of
 * boxed doubles cost about 30 ns a cell, the better part of a parse for a low-cardinality column of a million rows.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export interface ValueCodes {
	codes: Int32Array;
	/** The distinct values, by code. */
	values: Float64Array;
}

/** `into`, when long enough, receives the codes (a caller's scratch array); the result's codes may be a view of it. */
export function valueCodes(x: Float64Array, cap: number, into?: Int32Array): ValueCodes | null {
	const n = x.length;
	let size = 16;
	while (size < cap * 2) size *= 2;
	const bits = Math.log2(size);
	const mask = size - 1;
	const keys = new Float64Array(size);
	const slot = new Int32Array(size).fill(-1);
	const values = new Float64Array(cap);
	const codes = into && into.length >= n ? into.subarray(0, n) : new Int32Array(n);
	let count = 0;
	for (let i = 0; i < n; i++) {
		let v = x[i];
		if (v !== v) {
			codes[i] = -1;
			continue;
		}
		if (v === 0) v = 0;
		f64[0] = v;
		let h = Math.imul(u32[0] ^ Math.imul(u32[1], 0x9e3779b1), 0x85ebca6b) >>> (32 - bits);
		for (;;) {
			const c = slot[h];
			if (c < 0) {
				if (count === cap) return null;
				keys[h] = v;
				slot[h] = count;
				values[count] = v;
				codes[i] = count++;
				break;
			}
			if (keys[h] === v) {
				codes[i] = c;
				break;
			}
			h = (h + 1) & mask;
		}
	}
	return { codes, values: values.subarray(0, count) };
}

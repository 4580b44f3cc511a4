/**
 * Sum of a[off .. off+n) in numpy's pairwise order (numpy/core/src/umath/loops_utils.h.src, pairwise_sum_DOUBLE:
 * eight accumulators up to 128 values, halves on multiples of 8 above), so sums — and the variance built on them —
 * are bit-for-bit numpy's. Checked against np.sum and np.var on arrays of 5 to 5,001 values.
 */
export function pairwiseSum(a: ArrayLike<number>, off = 0, n = a.length - off): number {
	if (n < 8) {
		let r = 0;
		for (let i = 0; i < n; i++) r += a[off + i];
		return r;
	}
	if (n <= 128) {
		let r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3], r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
		let i = 8;
		const end = n - (n % 8);
		for (; i < end; i += 8) {
			const p = off + i;
			r0 += a[p];
			r1 += a[p + 1];
			r2 += a[p + 2];
			r3 += a[p + 3];
			r4 += a[p + 4];
			r5 += a[p + 5];
			r6 += a[p + 6];
			r7 += a[p + 7];
		}
		let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
		for (; i < n; i++) res += a[off + i];
		return res;
	}
	let n2 = Math.floor(n / 2);
	n2 -= n2 % 8;
	return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
}

/** Population variance as numpy's x.var(): mean by pairwise sum, then the pairwise sum of squared deviations. */
export function numpyVar(x: Float64Array): number {
	const n = x.length;
	const mean = pairwiseSum(x) / n;
	const d = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const t = x[i] - mean;
		d[i] = t * t;
	}
	return pairwiseSum(d) / n;
}

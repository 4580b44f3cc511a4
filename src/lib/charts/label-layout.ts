/**
 * Label placement along one axis: labels wanted at `want` (centres, px), each `size` px tall, moved apart as
 * little as possible so no two overlap, and kept inside [lo, hi]. Labels keep their order. The classic
 * two-sweep approach: push each label down past its predecessor, then pull the stack back up from the bottom
 * limit, then (if it still overflows the top) the room is too small and the labels are spread evenly.
 * Returns the new centres, in input order.
 */
export function dodge(want: number[], size: number, lo: number, hi: number): number[] {
	const n = want.length;
	if (!n) return [];
	const order = want.map((_, i) => i).sort((a, b) => want[a] - want[b]);
	const at = order.map((i) => Math.min(hi - size / 2, Math.max(lo + size / 2, want[i])));
	for (let j = 1; j < n; j++) at[j] = Math.max(at[j], at[j - 1] + size);
	if (at[n - 1] > hi - size / 2) {
		at[n - 1] = hi - size / 2;
		for (let j = n - 2; j >= 0; j--) at[j] = Math.min(at[j], at[j + 1] - size);
	}
	if (at[0] < lo + size / 2) {
		const step = n > 1 ? (hi - lo - size) / (n - 1) : 0;
		for (let j = 0; j < n; j++) at[j] = lo + size / 2 + j * step;
	}
	const out = new Array<number>(n);
	order.forEach((i, j) => (out[i] = at[j]));
	return out;
}

/** True when two boxes [x, y, w, h] overlap by more than `tol` px in both directions. */
export function overlaps(a: [number, number, number, number], b: [number, number, number, number], tol = 0.5): boolean {
	return a[0] + a[2] - tol > b[0] && b[0] + b[2] - tol > a[0] && a[1] + a[3] - tol > b[1] && b[1] + b[3] - tol > a[1];
}

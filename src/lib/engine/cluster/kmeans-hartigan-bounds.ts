/**
 * Bounds that let the Hartigan pass (kmeans-hartigan.ts) skip rows without changing its outcome. With the centres
 * c and counts n frozen at a pass start, row x of segment a gets
 *     upper = √(g(n_a)·‖x − c_a‖²),   lower = min over b ≠ a of √(f(n_b)·‖x − c_b‖²),
 * with g(n) = n/(n − 1) and f(n) = n/(n + 1), the factors of the transfer test (move iff f(n_b)‖x − c_b‖² <
 * g(n_a)‖x − c_a‖²). These are per-row and independent of each other, so the rows' blocks can run on any thread
 * (kmeans-blocks.ts OP_MARGINS) with the same values. Later in the pass, after moves have shifted the centres by at
 * most δ and changed the counts, the triangle inequality gives
 *     √(f(n_b')) ‖x − c_b'‖ ≥ ρ·lower − δ_max,   √(g(n_a')) ‖x − c_a'‖ ≤ σ_a·upper + √2·δ_a,
 * ρ = min_b √(f(n_b')/f(n_b)), σ_a = √(g(n_a')/g(n_a)) (and √g ≤ √2, √f ≤ 1 for n_a' ≥ 2). When the first exceeds the
 * second (with a margin far above rounding), no b passes the exact test, so the pass may skip the row.
 */

/** g(n) = n/(n − 1): the cost factor of removing a row from a segment of n (Infinity for n ≤ 1: never removed). */
export const removeFactor = (n: number) => (n > 1 ? n / (n - 1) : Infinity);
/** f(n) = n/(n + 1): the cost factor of adding a row to a segment of n. */
export const addFactor = (n: number) => n / (n + 1);

/**
 * upper[i], lower[i] for rows [from, from + n) of X (row stride `stride`, `cols` real features), from the labels,
 * the k centres (k × stride) and the k counts.
 */
export function hartiganBounds(
	X: Float64Array, from: number, n: number, stride: number, cols: number, k: number,
	centers: Float64Array, counts: Float64Array, labels: Int32Array, upper: Float64Array, lower: Float64Array
): void {
	const f = new Float64Array(k), g = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		f[c] = addFactor(counts[c]);
		g[c] = removeFactor(counts[c]);
	}
	for (let i = from; i < from + n; i++) {
		const a = labels[i], o = i * stride;
		let low = Infinity;
		for (let b = 0; b < k; b++) {
			const p = b * stride;
			let s = 0;
			for (let j = 0; j < cols; j++) {
				const d = X[o + j] - centers[p + j];
				s += d * d;
			}
			if (b === a) upper[i] = g[a] === Infinity ? Infinity : Math.sqrt(g[a] * s);
			else if (f[b] * s < low) low = f[b] * s;
		}
		lower[i] = Math.sqrt(low);
	}
}

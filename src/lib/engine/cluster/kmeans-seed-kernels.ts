/**
 * The per-block kernels of k-means++ on many rows (kmeans-seed-blocks.ts): for a block of rows, each candidate's
 * share of the potential Σ min(closest_i, ‖x_i − c‖²) without writing anything, and the update of the closest
 * distances for the chosen centre. Eight features run in WebAssembly when the rows are in an arena (kmeans-wasm.ts
 * `pots` and `closest`), which computes each distance and each running total exactly as the JavaScript below,
 * so the result is the same bit for bit either way.
 */
import { arenaOf, TRIAL_PAIRS_MAX } from './kmeans-wasm';

/** ‖X_o − c‖² as k-means++ computes it: the pairing of distancesToRow for 8 features, left to right otherwise. */
function sqTo(X: Float64Array, o: number, c: Float64Array, cols: number): number {
	if (cols === 8) {
		const d0 = X[o] - c[0], d1 = X[o + 1] - c[1], d2 = X[o + 2] - c[2], d3 = X[o + 3] - c[3];
		const d4 = X[o + 4] - c[4], d5 = X[o + 5] - c[5], d6 = X[o + 6] - c[6], d7 = X[o + 7] - c[7];
		return d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + (d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7);
	}
	let s = 0;
	for (let j = 0; j < cols; j++) {
		const d = X[o + j] - c[j];
		s += d * d;
	}
	return s;
}

/**
 * parts[t] = Σ over the n rows of X of min(closest[i], ‖X_i − cand_t‖²), for the k candidates in cands (k × cols),
 * summed row by row from zero.
 */
export function seedPotentials(X: Float64Array, n: number, cols: number, cands: Float64Array, k: number, closest: Float64Array, parts: Float64Array): void {
	const arena = cols === 8 ? arenaOf(X) : undefined;
	if (arena && arena.holds(closest)) {
		const group = 2 * TRIAL_PAIRS_MAX;
		for (let t0 = 0; t0 < k; t0 += group) {
			const m = Math.min(group, k - t0);
			const pots = arena.pots(X, n, Array.from({ length: m }, (_, t) => cands.subarray((t0 + t) * 8, (t0 + t) * 8 + 8)), closest);
			for (let t = 0; t < m; t++) parts[t0 + t] = pots[t];
		}
		return;
	}
	for (let t = 0; t < k; t++) {
		const c = cands.subarray(t * cols, (t + 1) * cols);
		let total = 0;
		for (let i = 0, o = 0; i < n; i++, o += cols) {
			const s = sqTo(X, o, c, cols);
			total += closest[i] < s ? closest[i] : s;
		}
		parts[t] = total;
	}
}

/** closest[i] = min(closest[i], ‖X_i − cand‖²) over the n rows, in place; returns their sum (row by row from zero). */
export function seedClosest(X: Float64Array, n: number, cols: number, cand: Float64Array, closest: Float64Array): number {
	const arena = cols === 8 ? arenaOf(X) : undefined;
	if (arena && arena.holds(closest)) return arena.closest(X, n, cand.subarray(0, 8), closest);
	let total = 0;
	for (let i = 0, o = 0; i < n; i++, o += cols) {
		let s = sqTo(X, o, cand, cols);
		if (closest[i] < s) s = closest[i];
		closest[i] = s;
		total += s;
	}
	return total;
}

/**
 * Condensed pairwise Euclidean distances, as `scipy.spatial.distance.pdist(X, 'euclidean')`: the upper triangle
 * of the n × n matrix stored row by row, pair (i, j) with i < j at `condensedIndex(n, i, j)`.
 *
 * The squared differences are summed feature by feature in order and then square-rooted, exactly as SciPy's
 * `pdist` does, so every stored value is bit-identical to SciPy's (this is what makes tie-breaking in the
 * linkage algorithms agree with SciPy's).
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

/** Rows up to which distances are stored as Float64 (8 bytes a pair: 400 MB at 10,000 rows). */
export const FLOAT64_CONDENSED_MAX_ROWS = 10_000;

/** Position of pair (i, j), i ≠ j, in a condensed matrix of n points (SciPy's `condensed_index`). */
export function condensedIndex(n: number, i: number, j: number): number {
	if (i > j) {
		const t = i;
		i = j;
		j = t;
	}
	return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * All pairwise distances. Above FLOAT64_CONDENSED_MAX_ROWS rows they are stored in a Float32Array (half the
 * memory: 800 MB at 20,000 rows instead of 1.6 GB), which limits merge heights to about 1e-7 relative precision.
 */
export function pdistCondensed(
	X: Float64Array, rows: number, cols: number, control: RunControl = {}
): Float64Array | Float32Array {
	const size = (rows * (rows - 1)) / 2;
	const D = rows <= FLOAT64_CONDENSED_MAX_ROWS ? new Float64Array(size) : new Float32Array(size);
	const report = throttle(control.onProgress);
	let p = 0;
	for (let i = 0; i < rows - 1; i++) {
		if ((i & 63) === 0) {
			throwIfAborted(control.signal);
			// Row i has rows − i − 1 pairs: the fraction done is quadratic in i.
			report?.({ stage: 'pairwise distances', fraction: 1 - ((rows - i) / rows) ** 2 });
		}
		const a = i * cols;
		for (let j = i + 1; j < rows; j++) {
			const b = j * cols;
			let s = 0;
			for (let f = 0; f < cols; f++) {
				const d = X[a + f] - X[b + f];
				s += d * d;
			}
			D[p++] = Math.sqrt(s);
		}
	}
	return D;
}

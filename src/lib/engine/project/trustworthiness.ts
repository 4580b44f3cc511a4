/**
 * Trustworthiness of an embedding (Venna & Kaski 2001), exactly as scikit-learn 1.2's
 * `sklearn.manifold.trustworthiness` computes it: each row's k nearest neighbours in the embedding are looked up
 * in its ranking of all rows by distance in the input space, and ranks beyond k are penalised:
 *   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k(i)} max(0, r(i, j) − k).
 * O(n²) time and O(n) memory per row: for tests and reports on a few thousand rows, not for the hot path.
 * Ties in input distance are ranked by row index (sklearn's argsort leaves their order unspecified).
 */
import { EngineError } from '../errors';

export function trustworthiness(X: Float64Array, E: Float64Array | Float32Array, rows: number, cols: number, dims: number, k = 5): number {
	if (!(k >= 1 && k < rows / 2)) {
		throw new EngineError('bad-parameter', `Trustworthiness needs 1 ≤ k < rows / 2 (k = ${k}, rows = ${rows}).`, 'Use a smaller k.');
	}
	const dX = new Float64Array(rows);
	const dE = new Float64Array(rows);
	const nearest = new Int32Array(k);
	let total = 0;
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < rows; j++) {
			let s = 0;
			for (let c = 0; c < cols; c++) {
				const d = X[i * cols + c] - X[j * cols + c];
				s += d * d;
			}
			dX[j] = j === i ? Infinity : s;
			let t = 0;
			for (let c = 0; c < dims; c++) {
				const d = E[i * dims + c] - E[j * dims + c];
				t += d * d;
			}
			dE[j] = j === i ? Infinity : t;
		}
		// The k nearest in the embedding (ties by index, as sklearn's NearestNeighbors), by insertion into a short list.
		let m = 0;
		for (let j = 0; j < rows; j++) {
			if (j === i) continue;
			const d = dE[j];
			if (m === k && !(d < dE[nearest[k - 1]])) continue;
			let p = m < k ? m++ : k - 1;
			while (p > 0 && dE[nearest[p - 1]] > d) {
				nearest[p] = nearest[p - 1];
				p--;
			}
			nearest[p] = j;
		}
		// Rank of each in the input space (1 = nearest): one counting pass instead of sorting every row.
		for (let t = 0; t < k; t++) {
			const j = nearest[t], dj = dX[j];
			let r = 1;
			for (let q = 0; q < rows; q++) if (dX[q] < dj || (dX[q] === dj && q < j)) r++;
			if (r > k) total += r - k;
		}
	}
	return 1 - total * (2 / (rows * k * (2 * rows - 3 * k - 1)));
}

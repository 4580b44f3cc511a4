/**
 * Davies–Bouldin index (Davies & Bouldin 1979, "A cluster separation measure"), with scikit-learn 1.2 semantics
 * (`sklearn/metrics/cluster/_unsupervised.py::davies_bouldin_score`): S_i = mean Euclidean distance of cluster i's
 * members to its centroid, M_ij = distance between centroids, R_i = max_{j≠i} (S_i + S_j) / M_ij, DB = mean R_i.
 * Lower is better (0 = perfectly compact, well separated). As sklearn: 0 when every S_i or every M_ij is ~0
 * (np.allclose with atol 1e-8), and coincident centroids are treated as infinitely far apart.
 */
import { clusterCentroids, type Centroids } from './cluster-centroids';

/** `known`: the centroids of these same X and labels (clusterCentroids), when the caller has them already. */
export function daviesBouldin(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, known?: Centroids): number {
	const { nLabels: L, code, counts, centroids } = known ?? clusterCentroids(X, rows, cols, labels, k, 'The Davies–Bouldin index');
	const intra = new Float64Array(L);
	for (let i = 0; i < rows; i++) {
		const c = code[i];
		if (c < 0) continue;
		let s = 0;
		for (let j = 0; j < cols; j++) {
			const d = X[i * cols + j] - centroids[c * cols + j];
			s += d * d;
		}
		intra[c] += Math.sqrt(s);
	}
	for (let c = 0; c < L; c++) intra[c] /= counts[c];
	const between = new Float64Array(L * L);
	for (let a = 0; a < L; a++) {
		for (let b = a + 1; b < L; b++) {
			let s = 0;
			for (let j = 0; j < cols; j++) {
				const d = centroids[a * cols + j] - centroids[b * cols + j];
				s += d * d;
			}
			between[a * L + b] = between[b * L + a] = Math.sqrt(s);
		}
	}
	const nearZero = (v: Float64Array) => v.every((x) => Math.abs(x) <= 1e-8);
	if (nearZero(intra) || nearZero(between)) return 0;
	let total = 0;
	for (let a = 0; a < L; a++) {
		let worst = -Infinity;
		for (let b = 0; b < L; b++) {
			const m = between[a * L + b];
			// The diagonal and coincident centroids: sklearn sets distance 0 to inf, so the ratio is 0.
			const r = m === 0 ? 0 : (intra[a] + intra[b]) / m;
			if (r > worst) worst = r;
		}
		total += worst;
	}
	return total / L;
}

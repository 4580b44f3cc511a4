/**
 * Calinski–Harabasz index (Caliński & Harabasz 1974, "A dendrite method for cluster analysis"), the variance
 * ratio criterion, with scikit-learn 1.2 semantics (`sklearn/metrics/cluster/_unsupervised.py::
 * calinski_harabasz_score`): [B / (L − 1)] / [W / (n − L)], B = Σ n_c‖μ_c − μ‖², W = Σ‖x − μ_c‖². Higher is
 * better; 1 when W = 0, as sklearn.
 */
import { clusterCentroids, type Centroids } from './cluster-centroids';

/** `known`: the centroids of these same X and labels (clusterCentroids), when the caller has them already. */
export function calinskiHarabasz(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, known?: Centroids): number {
	const { nLabels: L, n, code, counts, centroids, mean } = known ?? clusterCentroids(X, rows, cols, labels, k, 'The Calinski–Harabasz index');
	let extra = 0;
	for (let c = 0; c < L; c++) {
		let s = 0;
		for (let j = 0; j < cols; j++) {
			const d = centroids[c * cols + j] - mean[j];
			s += d * d;
		}
		extra += counts[c] * s;
	}
	let intra = 0;
	for (let i = 0; i < rows; i++) {
		const c = code[i];
		if (c < 0) continue;
		for (let j = 0; j < cols; j++) {
			const d = X[i * cols + j] - centroids[c * cols + j];
			intra += d * d;
		}
	}
	return intra === 0 ? 1 : (extra * (n - L)) / (intra * (L - 1));
}

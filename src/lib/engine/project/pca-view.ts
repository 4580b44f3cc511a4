/**
 * What the projection view needs of PCA: the explained variance of every component (the scree chart), the
 * scores of the first few components (so any two can be put on the axes), and the loadings for a biplot.
 * Loadings follow the usual correlation-biplot convention (Gabriel 1971; as in R's `prcomp` / sklearn docs):
 * component vector × √(explained variance), i.e. the covariance of each (prepared) feature with the component.
 */
import { pca, pcaTransform } from './pca';

export interface PcaView {
	/** Every component's explained variance and share of the total (descending): the scree chart. */
	explainedVariance: number[];
	explainedRatio: number[];
	/** dims × cols unit vectors (dims = the components kept below). */
	components: number[][];
	/** dims × cols: components[c][j] · √explainedVariance[c]. */
	loadings: number[][];
	/** rows × dims scores, row-major, Float32 (memory: 1,000,000 rows × 6 dims = 24 MB). */
	scores: Float32Array;
	dims: number;
}

/** PCA of the prepared matrix, keeping the scores of the first `maxDims` components. */
export function pcaView(X: Float64Array, rows: number, cols: number, maxDims = 6): PcaView {
	const all = pca(X, rows, cols, Math.min(cols, rows));
	const dims = Math.min(maxDims, all.nComponents);
	const kept = { ...all, nComponents: dims, components: all.components.subarray(0, dims * cols) };
	const t = pcaTransform(kept, X, rows, cols);
	const scores = new Float32Array(rows * dims);
	for (let i = 0; i < scores.length; i++) scores[i] = t[i];
	const components = Array.from({ length: dims }, (_, c) => Array.from(all.components.subarray(c * cols, (c + 1) * cols)));
	return {
		explainedVariance: Array.from(all.explainedVariance),
		explainedRatio: Array.from(all.explainedVarianceRatio),
		components,
		loadings: components.map((row, c) => row.map((v) => v * Math.sqrt(all.explainedVariance[c]))),
		scores,
		dims
	};
}

/** Columns a and b of the scores as an n × 2 array for the scatter. */
export function scorePair(view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number): Float32Array {
	const { scores, dims } = view;
	const n = scores.length / dims;
	const out = new Float32Array(2 * n);
	for (let i = 0; i < n; i++) {
		out[2 * i] = scores[i * dims + a];
		out[2 * i + 1] = b < dims ? scores[i * dims + b] : 0;
	}
	return out;
}

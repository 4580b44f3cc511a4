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
	/**
	 * rows × dims scores, row-major, in full double precision: they are written to files (1,000,000 rows × 6 dims =
	 * 48 MB). The page's copy is empty: it asks the engine worker for the columns it needs (scoreInto, same numbers).
	 */
	scores: Float64Array;
	/** The prepared features' means the scores are centred on (with the components: any score again, scoreInto). */
	mean: number[];
	dims: number;
}

/**
 * PCA of the prepared matrix, keeping the scores of the first `maxDims` components; with `rowScores` false, none
 * (scores empty, dims as with them): the command line reports only the explained variance, and 22M rows × 3
 * scores are 0.5 GB.
 */
export function pcaView(X: Float64Array, rows: number, cols: number, maxDims = 6, rowScores = true): PcaView {
	const all = pca(X, rows, cols, Math.min(cols, rows));
	const dims = Math.min(maxDims, all.nComponents);
	const kept = { ...all, nComponents: dims, components: all.components.subarray(0, dims * cols) };
	const scores = rowScores ? pcaTransform(kept, X, rows, cols) : new Float64Array(0);
	const components = Array.from({ length: dims }, (_, c) => Array.from(all.components.subarray(c * cols, (c + 1) * cols)));
	return {
		explainedVariance: Array.from(all.explainedVariance),
		explainedRatio: Array.from(all.explainedVarianceRatio),
		components,
		loadings: components.map((row, c) => row.map((v) => v * Math.sqrt(all.explainedVariance[c]))),
		scores,
		mean: Array.from(all.mean),
		dims
	};
}

/**
 * The rows' scores on one component, with pcaTransform's arithmetic in the same order (so the same numbers bit
 * for bit as `scores`), written to out[offset + i·stride]; a component past the last one (c ≥ dims) gives 0, as
 * pairRows does.
 */
export function scoreInto<T extends Float32Array | Float64Array>(
	out: T,
	X: Float64Array,
	rows: number,
	cols: number,
	view: Pick<PcaView, 'mean' | 'components'>,
	c: number,
	stride = 1,
	offset = 0
): T {
	const w = view.components[c], mean = view.mean;
	for (let i = 0; i < rows; i++) {
		let s = 0;
		if (w) for (let j = 0; j < cols; j++) s += (X[i * cols + j] - mean[j]) * w[j];
		out[offset + i * stride] = s;
	}
	return out;
}

/** Columns a and b of the scores as an n × 2 array for the scatter (Float32: screen positions). */
export function scorePair(view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number): Float32Array {
	return pairInto(new Float32Array(2 * (view.scores.length / view.dims)), view, a, b);
}

/** The same pair in full double precision, for files. */
export function scorePairExact(view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number): Float64Array {
	return pairInto(new Float64Array(2 * (view.scores.length / view.dims)), view, a, b);
}

function pairInto<T extends Float32Array | Float64Array>(out: T, view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number): T {
	return pairRows(out, view, a, b, 0, view.scores.length / view.dims);
}

/** Rows [from, to) of the pair of columns a, b into out (x, y per row; y 0 when b is past the last column). */
export function pairRows<T extends Float32Array | Float64Array>(out: T, view: Pick<PcaView, 'scores' | 'dims'>, a: number, b: number, from: number, to: number): T {
	const { scores, dims } = view;
	for (let i = from; i < to; i++) {
		out[2 * i] = scores[i * dims + a];
		out[2 * i + 1] = b < dims ? scores[i * dims + b] : 0;
	}
	return out;
}

/**
 * Clustering on the first m principal components (Recipe.pcaComponents): the prepared matrix is replaced by
 * its scores on the first m components, fitted on the same rows (so the reduction is a fitted parameter of
 * the run, like the scaler). Centres found in component space go back to the prepared feature space through
 * the components (x = mean + c · W), which is exact for the part of the data the m components keep.
 */
import { EngineError } from '../errors';
import type { FeatureMatrix } from '../types';
import { pca, pcaTransform, type PcaModel } from './pca';

const reduced = new WeakMap<FeatureMatrix, PcaModel>();

/** The matrix of scores on the first m components (m ≤ features), and the share of the variance they keep. */
export function pcaFeatures(matrix: FeatureMatrix, m: number): { matrix: FeatureMatrix; kept: number } {
	if (!Number.isInteger(m) || m < 1 || m > matrix.cols) {
		throw new EngineError('bad-parameter', `Clustering on ${m} principal components needs 1 to ${matrix.cols} (the prepared features).`, `Choose at most ${matrix.cols} components.`);
	}
	const model = pca(matrix.data, matrix.rows, matrix.cols, m);
	const data = pcaTransform(model, matrix.data, matrix.rows, matrix.cols);
	const out: FeatureMatrix = { ...matrix, data, cols: model.nComponents };
	reduced.set(out, model);
	let kept = 0;
	for (const r of model.explainedVarianceRatio) kept += r;
	return { matrix: out, kept };
}

/** Centres (k × matrix.cols) in the prepared feature space: unchanged unless the matrix holds PC scores. */
export function toPreparedSpace(matrix: FeatureMatrix, centers: Float64Array, k: number): Float64Array {
	const model = reduced.get(matrix);
	if (!model) return centers;
	const { mean, components, nComponents: m, cols } = model;
	const out = new Float64Array(k * cols);
	for (let s = 0; s < k; s++) {
		for (let j = 0; j < cols; j++) {
			let v = mean[j];
			for (let c = 0; c < m; c++) v += centers[s * m + c] * components[c * cols + j];
			out[s * cols + j] = v;
		}
	}
	return out;
}

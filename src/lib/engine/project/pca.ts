/**
 * Principal component analysis as scikit-learn 1.2 `PCA(svd_solver='full')` defines it
 * (`sklearn/decomposition/_pca.py::_fit_full`): centred data, explained variance = eigenvalues of the covariance
 * matrix with divisor n − 1 (= S²/(n − 1) of the SVD), ratios over the total variance (the trace). We form the
 * covariance (cols × cols) and eigen-decompose it (eigen-symmetric.ts) instead of an SVD of the n × cols data:
 * the same numbers for the well-conditioned, low-dimensional matrices segmentation uses, at a fraction of the
 * cost. Signs: the largest-|value| entry of every component is made positive (sklearn uses svd_flip instead, so
 * compare components up to sign).
 */
import { EngineError } from '../errors';
import { throttle, throwIfAborted, type ProgressFn } from '../progress';
import { covarianceEigen } from './covariance-eigen';

export { covariance } from './covariance-eigen';

export interface PcaModel {
	mean: Float64Array;
	/** nComponents × cols, row-major, unit vectors. */
	components: Float64Array;
	nComponents: number;
	cols: number;
	explainedVariance: Float64Array;
	/** Length nComponents. */
	explainedVarianceRatio: Float64Array;
	totalVariance: number;
}

/** Fits PCA; nComponents is capped at min(rows, cols) as sklearn allows. */
export function pca(
	X: Float64Array, rows: number, cols: number, nComponents: number,
	control: { onProgress?: ProgressFn; signal?: AbortSignal } = {}
): PcaModel {
	if (!Number.isInteger(cols) || cols < 1) {
		throw new EngineError('bad-parameter', 'PCA needs at least one numeric feature.', 'Choose one or more feature columns.');
	}
	if (!Number.isInteger(rows) || rows < 2) {
		throw new EngineError('bad-parameter', `PCA needs at least 2 rows (got ${rows}).`, 'Use a table with more rows, or check what preparation removed.');
	}
	if (X.length !== rows * cols) throw new EngineError('bad-parameter', `Expected ${rows} × ${cols} values, got ${X.length}.`, 'Pass the feature matrix with its own shape.');
	if (!Number.isInteger(nComponents) || nComponents < 1) {
		throw new EngineError('bad-parameter', `The number of components must be a whole number ≥ 1 (got ${nComponents}).`, 'Use 2 for a scatter plot.');
	}
	const nc = Math.min(nComponents, cols, rows);
	const report = throttle(control.onProgress);
	const mean = new Float64Array(cols);
	for (let i = 0; i < X.length; i++) {
		const v = X[i];
		if (!Number.isFinite(v)) {
			throw new EngineError('bad-parameter', `Row ${Math.floor(i / cols) + 1} has a missing or infinite value; PCA needs finite numbers.`,
				'Impute or drop missing values before projecting.');
		}
		mean[i % cols] += v;
	}
	for (let j = 0; j < cols; j++) mean[j] /= rows;
	// The cols × cols covariance, or with more features than rows the rows × rows Gram matrix (covariance-eigen.ts).
	const { values, vectors, trace: totalVariance } = covarianceEigen(X, rows, cols, mean, nc, (f) => {
		throwIfAborted(control.signal);
		report?.({ stage: 'PCA: covariance', fraction: 0.95 * f });
	});
	const components = new Float64Array(nc * cols);
	const explainedVariance = new Float64Array(nc);
	const explainedVarianceRatio = new Float64Array(nc);
	for (let r = 0; r < nc; r++) {
		// Rounding can leave a zero eigenvalue slightly negative; a variance cannot be.
		explainedVariance[r] = Math.max(0, values[r]);
		explainedVarianceRatio[r] = totalVariance > 0 ? explainedVariance[r] / totalVariance : 0;
		let big = 0;
		for (let j = 1; j < cols; j++) if (Math.abs(vectors[r * cols + j]) > Math.abs(vectors[r * cols + big])) big = j;
		const sign = vectors[r * cols + big] < 0 ? -1 : 1;
		for (let j = 0; j < cols; j++) components[r * cols + j] = sign * vectors[r * cols + j] + 0; // + 0 turns −0 into 0
	}
	report?.({ stage: 'PCA', fraction: 1 });
	return { mean, components, nComponents: nc, cols, explainedVariance, explainedVarianceRatio, totalVariance };
}

/** Scores of rows of X on the model's components: (X − mean) · componentsᵀ, rows × nComponents. */
export function pcaTransform(model: PcaModel, X: Float64Array, rows: number, cols: number): Float64Array {
	if (cols !== model.cols || X.length !== rows * cols) {
		throw new EngineError('bad-parameter', `This PCA was fitted on ${model.cols} features; got ${rows} × ${cols} values.`,
			'Project data prepared with the same features as the fitted model.');
	}
	const { mean, components, nComponents: nc } = model;
	const out = new Float64Array(rows * nc);
	const z = new Float64Array(cols);
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) z[j] = X[i * cols + j] - mean[j];
		for (let r = 0; r < nc; r++) {
			let s = 0;
			for (let j = 0; j < cols; j++) s += z[j] * components[r * cols + j];
			out[i * nc + r] = s;
		}
	}
	return out;
}

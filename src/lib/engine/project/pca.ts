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
import { eigenSymmetric } from './eigen-symmetric';

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
	const cov = covariance(X, rows, cols, mean, (f) => {
		throwIfAborted(control.signal);
		report?.({ stage: 'PCA: covariance', fraction: 0.95 * f });
	});
	const { values, vectors } = eigenSymmetric(cov, cols);
	let totalVariance = 0;
	for (let j = 0; j < cols; j++) totalVariance += cov[j * cols + j];
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

/**
 * Centred covariance (divisor rows − 1), two-pass for accuracy. Rows are processed in blocks copied transposed
 * (feature-major), so each of the cols·(cols+1)/2 dot products runs over contiguous memory that stays in cache.
 */
export function covariance(
	X: Float64Array, rows: number, cols: number, mean: Float64Array, tick?: (fraction: number) => void
): Float64Array {
	const B = 512;
	const T = new Float64Array(cols * B);
	const C = new Float64Array(cols * cols);
	for (let r0 = 0; r0 < rows; r0 += B) {
		const nb = Math.min(B, rows - r0);
		for (let i = 0; i < nb; i++) {
			const o = (r0 + i) * cols;
			for (let j = 0; j < cols; j++) T[j * B + i] = X[o + j] - mean[j];
		}
		for (let a = 0; a < cols; a++) {
			const pa = a * B;
			let b = a;
			for (; b + 3 < cols; b += 4) {
				const p0 = b * B, p1 = p0 + B, p2 = p1 + B, p3 = p2 + B;
				let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
				for (let i = 0; i < nb; i++) {
					const x = T[pa + i];
					s0 += x * T[p0 + i];
					s1 += x * T[p1 + i];
					s2 += x * T[p2 + i];
					s3 += x * T[p3 + i];
				}
				C[a * cols + b] += s0;
				C[a * cols + b + 1] += s1;
				C[a * cols + b + 2] += s2;
				C[a * cols + b + 3] += s3;
			}
			for (; b < cols; b++) {
				const pb = b * B;
				let s = 0;
				for (let i = 0; i < nb; i++) s += T[pa + i] * T[pb + i];
				C[a * cols + b] += s;
			}
		}
		if (tick && (r0 / B) % 256 === 0) tick(r0 / rows);
	}
	for (let a = 0; a < cols; a++) {
		for (let b = a; b < cols; b++) {
			const v = C[a * cols + b] / (rows - 1);
			C[a * cols + b] = v;
			C[b * cols + a] = v;
		}
	}
	return C;
}

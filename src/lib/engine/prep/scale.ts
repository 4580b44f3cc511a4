import type { ScaleParams } from '../types';

/**
 * Fits per-column scaling on a row-major matrix. z-score uses the population standard deviation (ddof = 0) as
 * scikit-learn's StandardScaler; min-max maps to [0, 1] as MinMaxScaler. A constant column gets scale 1, as
 * scikit-learn does, so it becomes all zeros instead of NaN.
 */
export function fitScale(X: Float64Array, rows: number, cols: number, method: ScaleParams['method']): ScaleParams {
	const center = new Float64Array(cols);
	const scale = new Float64Array(cols).fill(1);
	if (method === 'none' || rows === 0) return { method, center, scale };
	if (method === 'zscore') {
		for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) center[j] += X[i * cols + j];
		for (let j = 0; j < cols; j++) center[j] /= rows;
		const ss = new Float64Array(cols);
		for (let i = 0; i < rows; i++) {
			for (let j = 0; j < cols; j++) {
				const d = X[i * cols + j] - center[j];
				ss[j] += d * d;
			}
		}
		for (let j = 0; j < cols; j++) {
			const sd = Math.sqrt(ss[j] / rows);
			scale[j] = sd > 10 * Number.EPSILON * Math.max(1, Math.abs(center[j])) ? sd : 1;
		}
	} else {
		const lo = new Float64Array(cols).fill(Infinity);
		const hi = new Float64Array(cols).fill(-Infinity);
		for (let i = 0; i < rows; i++) {
			for (let j = 0; j < cols; j++) {
				const v = X[i * cols + j];
				if (v < lo[j]) lo[j] = v;
				if (v > hi[j]) hi[j] = v;
			}
		}
		for (let j = 0; j < cols; j++) {
			center[j] = lo[j];
			scale[j] = hi[j] > lo[j] ? hi[j] - lo[j] : 1;
		}
	}
	return { method, center, scale };
}

/** Applies fitted scaling in place. */
export function applyScale(X: Float64Array, rows: number, cols: number, p: ScaleParams): void {
	if (p.method === 'none') return;
	for (let i = 0; i < rows; i++) {
		const o = i * cols;
		for (let j = 0; j < cols; j++) X[o + j] = (X[o + j] - p.center[j]) / p.scale[j];
	}
}

/** Maps points (e.g. centres) from the scaled space back to original units. */
export function unscale(Y: Float64Array, rows: number, cols: number, p: ScaleParams): Float64Array {
	const out = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) out[i * cols + j] = Y[i * cols + j] * p.scale[j] + p.center[j];
	}
	return out;
}

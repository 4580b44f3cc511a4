import type { ScaleMethod, ScaleParams } from '../types';
import { medianInPlace, quantilesInPlace } from './quantile';

/**
 * Fits per-column scaling on a row-major matrix, with scikit-learn's semantics: z-score uses the population
 * standard deviation (StandardScaler, ddof = 0); min-max maps to [0, 1] (MinMaxScaler); robust subtracts the
 * median and divides by the interquartile range (RobustScaler, linear percentiles). A column whose spread is
 * (numerically) zero gets scale 1, as sklearn's `_handle_zeros_in_scale`, so it becomes constant, not NaN.
 */
export function fitScale(X: Float64Array, rows: number, cols: number, methods: ScaleMethod | ScaleMethod[]): ScaleParams {
	const m: ScaleMethod[] = Array.isArray(methods) ? [...methods] : new Array<ScaleMethod>(cols).fill(methods);
	const center = new Float64Array(cols);
	const scale = new Float64Array(cols).fill(1);
	if (rows === 0) return { methods: m, center, scale };
	const column = new Float64Array(rows);
	for (let j = 0; j < cols; j++) {
		if (m[j] === 'none') continue;
		for (let i = 0; i < rows; i++) column[i] = X[i * cols + j];
		const [c, s] = fitOne(column, m[j]);
		center[j] = c;
		scale[j] = s;
	}
	return { methods: m, center, scale };
}

/** One column's [centre, scale] as fitScale fits it ([0, 1] for "none" or no rows); x is not changed. */
export function fitColumnScale(x: Float64Array, method: ScaleMethod): [number, number] {
	return method === 'none' || x.length === 0 ? [0, 1] : fitOne(x, method);
}

function fitOne(x: Float64Array, method: ScaleMethod): [number, number] {
	const n = x.length;
	if (method === 'zscore') {
		let mean = 0;
		for (let i = 0; i < n; i++) mean += x[i];
		mean /= n;
		let ss = 0;
		for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
		const sd = Math.sqrt(ss / n);
		return [mean, sd > 10 * Number.EPSILON * Math.max(1, Math.abs(mean)) ? sd : 1];
	}
	if (method === 'minmax') {
		let lo = Infinity, hi = -Infinity;
		for (let i = 0; i < n; i++) {
			if (x[i] < lo) lo = x[i];
			if (x[i] > hi) hi = x[i];
		}
		return [lo, hi > lo ? hi - lo : 1];
	}
	const work = Float64Array.from(x);
	const [q1, q3] = quantilesInPlace(work, [0.25, 0.75]);
	const iqr = q3 - q1;
	return [medianInPlace(work), iqr > 10 * Number.EPSILON ? iqr : 1];
}

/** Maps points (e.g. centres) from the scaled space back to original units. */
export function unscale(Y: Float64Array, rows: number, cols: number, p: ScaleParams): Float64Array {
	const out = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) out[i * cols + j] = Y[i * cols + j] * p.scale[j] + p.center[j];
	}
	return out;
}

import type { OutlierMethod } from '../types';
import { presentValues, quantilesInPlace } from './quantile';

/**
 * Univariate outlier bounds over the rows in `use`:
 * - IQR (Tukey 1977, the box-plot fences): [Q1 − k·IQR, Q3 + k·IQR], k = 1.5 by convention;
 * - z-score: [mean − k·sd, mean + k·sd] with the population sd, k = 3 by convention.
 * Values outside are outliers; what happens to them (flag, clip, set aside) is the pipeline's choice.
 */
export function fitOutlierBounds(x: Float64Array, use: Uint8Array, method: OutlierMethod, k: number): [number, number] | null {
	if (method === 'none') return null;
	const s = presentValues(x, use);
	if (s.length === 0) return null;
	if (method === 'iqr') {
		const [q1, q3] = quantilesInPlace(s, [0.25, 0.75]);
		return [q1 - k * (q3 - q1), q3 + k * (q3 - q1)];
	}
	let mean = 0;
	for (let i = 0; i < s.length; i++) mean += s[i];
	mean /= s.length;
	let ss = 0;
	for (let i = 0; i < s.length; i++) ss += (s[i] - mean) * (s[i] - mean);
	const sd = Math.sqrt(ss / s.length);
	return [mean - k * sd, mean + k * sd];
}

export function isOutside(v: number, b: [number, number]): boolean {
	return v < b[0] || v > b[1];
}

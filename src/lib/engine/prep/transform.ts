import { EngineError } from '../errors';
import { presentValues, quantilesInPlace } from './quantile';

/** Percentile clip bounds of a column over the rows in `use` (linear percentiles, as np.percentile). */
export function fitClip(x: Float64Array, use: Uint8Array, pct: [number, number]): [number, number] {
	const [lo, hi] = quantilesInPlace(presentValues(x, use), [pct[0] / 100, pct[1] / 100]);
	return [lo, hi];
}

/** Clamps every value into [lo, hi] in place (NaN stays NaN). */
export function applyClip(x: Float64Array, [lo, hi]: [number, number]): void {
	for (let i = 0; i < x.length; i++) {
		if (x[i] < lo) x[i] = lo;
		else if (x[i] > hi) x[i] = hi;
	}
}

/**
 * log(1 + x) in place over the rows in `use`. It compresses a long right tail (spend, counts) so a few big
 * customers do not decide the segments; it is only defined for x > −1 and meant for non-negative columns, so a
 * negative value is refused with its column named rather than turned into NaN.
 */
export function applyLog1p(x: Float64Array, use: Uint8Array, column: string): void {
	for (let i = 0; i < x.length; i++) {
		if (!use[i]) continue;
		if (x[i] < 0) {
			throw new EngineError('bad-parameter', `log1p cannot be applied to "${column}": it has negative values (such as ${x[i]}).`, `Turn off log1p for "${column}", or clip it at 0 first.`);
		}
		x[i] = Math.log1p(x[i]);
	}
}

/** Inverse of log1p, for reporting centres in original units. */
export function expm1(v: number): number {
	return Math.expm1(v);
}

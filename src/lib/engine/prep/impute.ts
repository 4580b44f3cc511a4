import type { MissingStrategy } from '../recipe';

/**
 * The value that replaces missing cells of one column (NaN for "drop": rows with a missing value are set aside).
 * Mean and median are fitted on the present values, as scikit-learn's SimpleImputer does.
 */
export function fitFill(x: Float64Array, strategy: MissingStrategy): number {
	if (strategy === 'drop') return NaN;
	const present: number[] = [];
	for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) present.push(x[i]);
	if (present.length === 0) return NaN;
	if (strategy === 'mean') {
		let s = 0;
		for (const v of present) s += v;
		return s / present.length;
	}
	const sorted = Float64Array.from(present).sort();
	const n = sorted.length;
	return n % 2 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

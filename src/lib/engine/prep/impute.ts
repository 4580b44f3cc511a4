import type { MissingStrategy } from '../types';
import { medianOfPresent, sortedPresent } from './quantile';

/**
 * The value that replaces missing cells of a numeric column, fitted on the present values as scikit-learn's
 * SimpleImputer does: mean, median, most frequent (ties → the smallest value, as SimpleImputer), or a constant.
 * null under "drop": rows with a missing value are not clustered. NaN when nothing is present to fit on.
 */
export function fitFill(x: Float64Array, strategy: MissingStrategy, constant: number | string = 0): number | null {
	if (strategy === 'drop') return null;
	if (strategy === 'constant') {
		const v = typeof constant === 'number' ? constant : Number(constant);
		return Number.isFinite(v) ? v : NaN;
	}
	if (strategy === 'median') return medianOfPresent(x);
	if (strategy === 'mean') {
		let n = 0;
		for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
		if (n === 0) return NaN;
		let s = 0;
		for (let i = 0; i < x.length; i++) if (x[i] === x[i]) s += x[i];
		return s / n;
	}
	const sorted = sortedPresent(x);
	const n = sorted.length;
	if (n === 0) return NaN;
	let best = sorted[0], bestCount = 0;
	for (let i = 0; i < n; ) {
		let j = i;
		while (j < n && sorted[j] === sorted[i]) j++;
		if (j - i > bestCount) (best = sorted[i]), (bestCount = j - i);
		i = j;
	}
	return best;
}

/** The fill level for a categorical column: the most frequent level (ties → the smallest, as SimpleImputer), or a constant text. */
export function fitCategoricalFill(codes: Int32Array, levels: string[], strategy: MissingStrategy, constant: number | string = 'missing'): string | null {
	if (strategy === 'drop') return null;
	if (strategy === 'constant') return String(constant);
	const counts = new Float64Array(levels.length);
	for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
	let best: string | null = null, bestCount = 0;
	for (let l = 0; l < levels.length; l++) {
		if (counts[l] > bestCount || (counts[l] === bestCount && counts[l] > 0 && best !== null && levels[l] < best)) {
			best = levels[l];
			bestCount = counts[l];
		}
	}
	return best;
}

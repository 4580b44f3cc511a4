/**
 * A feature's values at the profile's fixed stride sample of the clustered rows, ranked once and kept for every k
 * of a sweep: the sample, the values and so the ranks, the sorted order and the overall median do not depend on
 * the labels, only their grouping does (segment-profile.ts). Kept per (rowIndex, column) while that run's rowIndex
 * lives.
 */
import { rankPresent, type Ranked } from './kruskal';

export interface FeatureSample {
	/** The column's value at each sampled row (NaN = missing). */
	values: Float64Array;
	/** Mid-ranks among the present sampled values (NaN for missing). */
	ranked: Ranked;
	/** Sample positions of the present values, in ascending order of value. */
	order: Int32Array;
}

const kept = new WeakMap<Int32Array, WeakMap<Float64Array, FeatureSample>>();

export function featureSample(x: Float64Array, rowIndex: Int32Array, sampleRows: number[]): FeatureSample {
	let byColumn = kept.get(rowIndex);
	if (!byColumn) kept.set(rowIndex, (byColumn = new WeakMap()));
	const known = byColumn.get(x);
	if (known && known.values.length === sampleRows.length) return known;
	const values = Float64Array.from(sampleRows, (r) => x[rowIndex[r]]);
	const ranked = rankPresent(values, null);
	const present: number[] = [];
	for (let t = 0; t < values.length; t++) if (values[t] === values[t]) present.push(t);
	// A stable sort: equal values keep their sample order.
	const order = Int32Array.from(present.sort((a, b) => values[a] - values[b]));
	const sample = { values, ranked, order };
	byColumn.set(x, sample);
	return sample;
}

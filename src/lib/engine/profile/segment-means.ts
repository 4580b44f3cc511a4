import type { Table } from '../types';
import { columnNamed } from '../data/column-named';

/**
 * Mean of each feature per segment, in original units, over the cells that were present (imputed values are
 * not counted: a segment profile describes what customers actually did).
 * `known`: a segment profile of the same rows and labels; its numeric features' means (the same sums in the same
 * row order) are taken as they are, and only the other features are summed here.
 */
export function segmentMeans(table: Table, features: string[], rowIndex: Int32Array, labels: Int32Array, k: number, known?: { numeric: boolean[]; segments: { mean: number[] }[] }): number[][] {
	const todo = features.map((_, j) => !(known?.numeric[j] && known.segments.length === k));
	const cols = features.map((f, j) => (todo[j] ? columnNamed(table, f)!.numbers : null));
	const sums = Array.from({ length: k }, () => new Float64Array(cols.length));
	const counts = Array.from({ length: k }, () => new Float64Array(cols.length));
	const summed = cols.flatMap((c, j) => (c ? [j] : []));
	if (summed.length > 0) {
		for (let r = 0; r < rowIndex.length; r++) {
			const s = labels[r];
			if (s < 0) continue;
			const i = rowIndex[r];
			for (const j of summed) {
				const v = cols[j]![i];
				if (!Number.isNaN(v)) {
					sums[s][j] += v;
					counts[s][j]++;
				}
			}
		}
	}
	return sums.map((row, s) => Array.from(row, (v, j) => (!todo[j] ? known!.segments[s].mean[j] : counts[s][j] > 0 ? v / counts[s][j] : NaN)));
}

/** Relabels clusters so segment 0 is the largest (ties: first seen), making numbering stable and meaningful. */
export function relabelBySize(labels: Int32Array, k: number): { labels: Int32Array; order: number[] } {
	const sizes = new Array<number>(k).fill(0);
	const first = new Array<number>(k).fill(Infinity);
	for (let i = 0; i < labels.length; i++) {
		const l = labels[i];
		if (l < 0) continue;
		sizes[l]++;
		if (first[l] === Infinity) first[l] = i;
	}
	const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => sizes[b] - sizes[a] || first[a] - first[b]);
	const map = new Int32Array(k);
	order.forEach((old, neu) => (map[old] = neu));
	const out = new Int32Array(labels.length);
	for (let i = 0; i < labels.length; i++) out[i] = labels[i] < 0 ? labels[i] : map[labels[i]];
	return { labels: out, order };
}

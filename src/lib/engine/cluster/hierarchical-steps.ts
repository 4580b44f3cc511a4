/**
 * Agglomeration one merge at a time, for the teaching page: the merges of `linkage` in height order, each with
 * the flat labels after it (so an animation can recolour the points). Small inputs only: each step copies the
 * labels (O(rows) per merge).
 */
import { linkage, type Linkage } from './hierarchical';
import { firstAppearance } from './cut-tree';

export interface MergeStep {
	/** 0-based merge number; the new cluster's id is rows + step. */
	step: number;
	idA: number;
	idB: number;
	height: number;
	size: number;
	/** Cluster of every row after this merge, numbered 0.. in order of first appearance. */
	labels: Int32Array;
	clusters: number;
}

export function* linkageSteps(X: Float64Array, rows: number, cols: number, method: Linkage): Generator<MergeStep> {
	const Z = linkage(X, rows, cols, method);
	// Cluster id currently holding each row (a row starts as its own cluster).
	const owner = Int32Array.from({ length: rows }, (_, i) => i);
	const members: number[][] = Array.from({ length: 2 * rows - 1 }, (_, i) => (i < rows ? [i] : []));
	for (let s = 0; s < rows - 1; s++) {
		const a = Z[s * 4];
		const b = Z[s * 4 + 1];
		const merged = members[a].concat(members[b]);
		members[a] = [];
		members[b] = [];
		members[rows + s] = merged;
		for (const i of merged) owner[i] = rows + s;
		yield { step: s, idA: a, idB: b, height: Z[s * 4 + 2], size: Z[s * 4 + 3], labels: firstAppearance(owner), clusters: rows - 1 - s };
	}
}

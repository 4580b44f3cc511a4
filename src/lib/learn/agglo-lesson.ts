/**
 * Agglomerative clustering as teaching frames: frame s shows the clusters after the first s merges of the
 * engine's SciPy-style linkage matrix. Frames are replayed from Z (O(points) each), so stepping back is exact.
 */
import { linkage, type Linkage } from '$lib/engine/cluster/hierarchical';

export const LINKAGE_NAMES: Record<Linkage, string> = {
	ward: 'Ward (smallest increase in spread)',
	complete: 'Complete (farthest pair)',
	average: 'Average (mean distance)',
	single: 'Single (closest pair)'
};

export interface AggloLesson {
	rows: number;
	/** (rows − 1) × 4: idA, idB, height, size. */
	Z: Float64Array;
	/** Leaves in dendrogram order (left to right). */
	leafOrder: Int32Array;
}

export function aggloLesson(X: Float64Array, rows: number, cols: number, method: Linkage): AggloLesson {
	const Z = linkage(X, rows, cols, method);
	return { rows, Z, leafOrder: leafOrder(Z, rows) };
}

/** Root-first depth-first order of the leaves, children in Z order: the x order of the dendrogram. */
function leafOrder(Z: Float64Array, n: number): Int32Array {
	const out = new Int32Array(n);
	if (n === 1) return out;
	let at = 0;
	const stack = [2 * n - 2];
	while (stack.length) {
		const id = stack.pop()!;
		if (id < n) out[at++] = id;
		else {
			const r = id - n;
			stack.push(Z[4 * r + 1], Z[4 * r]);
		}
	}
	return out;
}

/**
 * Cluster id of every point after `merges` merges: the point's own index while it is alone, else rows + the index
 * of the last merge that took it in (SciPy's cluster ids).
 */
export function clusterIds(lesson: AggloLesson, merges: number): Int32Array {
	const { rows, Z } = lesson;
	const owner = Int32Array.from({ length: 2 * rows - 1 }, (_, i) => i);
	const m = Math.min(Math.max(0, merges), rows - 1);
	for (let s = 0; s < m; s++) {
		owner[Z[4 * s]] = rows + s;
		owner[Z[4 * s + 1]] = rows + s;
	}
	const ids = new Int32Array(rows);
	for (let i = 0; i < rows; i++) {
		let c = i;
		while (owner[c] !== c) c = owner[c];
		ids[i] = c;
	}
	return ids;
}

/** The members of cluster `id` (a point index or rows + merge index). */
export function members(lesson: AggloLesson, id: number): number[] {
	const out: number[] = [];
	const stack = [id];
	while (stack.length) {
		const c = stack.pop()!;
		if (c < lesson.rows) out.push(c);
		else stack.push(lesson.Z[4 * (c - lesson.rows)], lesson.Z[4 * (c - lesson.rows) + 1]);
	}
	return out;
}

/**
 * Colour index of every point for a cut into `k` clusters shown at merge `merges`: the points of each cut cluster
 * share a colour (numbered by first appearance), but a point still alone at this merge gets -1 (grey).
 */
export function cutColours(lesson: AggloLesson, merges: number, k: number): Int32Array {
	const { rows } = lesson;
	const cutIds = clusterIds(lesson, rows - Math.min(Math.max(1, k), rows));
	const now = clusterIds(lesson, merges);
	const seen = new Map<number, number>();
	const out = new Int32Array(rows);
	for (let i = 0; i < rows; i++) {
		if (!seen.has(cutIds[i])) seen.set(cutIds[i], seen.size);
		out[i] = now[i] === i && merges < rows - 1 ? -1 : seen.get(cutIds[i])!;
	}
	return out;
}

/** The merge height at which the tree is cut into k clusters: halfway between the merges on either side. */
export function cutHeight(lesson: AggloLesson, k: number): number {
	const { rows, Z } = lesson;
	const kk = Math.min(Math.max(1, k), rows);
	const below = kk >= rows ? 0 : Z[4 * (rows - kk - 1) + 2];
	const above = kk <= 1 ? below * 1.05 : Z[4 * (rows - kk) + 2];
	return (below + above) / 2;
}

/**
 * DBSCAN as teaching frames, from the engine's `dbscanSteps` (scikit-learn's labels; one step expands one core
 * point, labelling the neighbours it reaches). Only the order in which points were labelled is stored; a frame's
 * labels are replayed from it, so stepping back is exact and memory stays O(points) however many frames there are.
 */
import { dbscanSteps } from '$lib/engine/cluster/dbscan';

export interface DbscanLesson {
	rows: number;
	/** Every labelled point in the order it was reached, with the cluster it joined. */
	order: Int32Array;
	cluster: Int32Array;
	/** After expansion t, the first reachedAfter[t] entries of `order` are labelled. */
	reachedAfter: Int32Array;
	/** The core point expanded at step t. */
	expanded: Int32Array;
	/** 1 for core points (at least minPts points within eps, itself included). */
	core: Uint8Array;
	/** Frames: 0 (nothing reached), one per expansion, and a last one where the unreached points are declared noise. */
	frames: number;
}

export function dbscanLesson(X: Float64Array, rows: number, cols: number, eps: number, minPts: number): DbscanLesson {
	const order: number[] = [];
	const cluster: number[] = [];
	const reachedAfter: number[] = [];
	const expanded: number[] = [];
	const seen = new Uint8Array(rows);
	let core: Uint8Array | null = null;
	for (const s of dbscanSteps(X, rows, cols, eps, minPts)) {
		core = s.core;
		// The points this expansion labelled: those labelled now and not before (a scan, fine at lesson sizes).
		for (let i = 0; i < rows; i++) {
			if (!seen[i] && s.labels[i] !== -1) {
				seen[i] = 1;
				order.push(i);
				cluster.push(s.labels[i]);
			}
		}
		reachedAfter.push(order.length);
		expanded.push(s.point);
	}
	return {
		rows,
		order: Int32Array.from(order),
		cluster: Int32Array.from(cluster),
		reachedAfter: Int32Array.from(reachedAfter),
		expanded: Int32Array.from(expanded),
		core: core ? core.slice() : coreFlags(X, rows, cols, eps, minPts),
		frames: expanded.length + 2
	};
}

export interface DbscanFrame {
	/** -1 = not reached yet (or noise once `finished`). */
	labels: Int32Array;
	/** The core point expanded in this frame, or -1. */
	point: number;
	/** Points this frame's expansion labelled. */
	added: number;
	clusters: number;
	reached: number;
	finished: boolean;
}

export function dbscanFrame(lesson: DbscanLesson, t: number): DbscanFrame {
	const steps = lesson.expanded.length;
	const s = Math.min(Math.max(0, t), steps);
	const n = s > 0 ? lesson.reachedAfter[s - 1] : 0;
	const before = s > 1 ? lesson.reachedAfter[s - 2] : 0;
	const labels = new Int32Array(lesson.rows).fill(-1);
	let clusters = 0;
	for (let j = 0; j < n; j++) {
		labels[lesson.order[j]] = lesson.cluster[j];
		if (lesson.cluster[j] + 1 > clusters) clusters = lesson.cluster[j] + 1;
	}
	const live = s > 0 && t <= steps;
	return { labels, point: live ? lesson.expanded[s - 1] : -1, added: live ? n - before : 0, clusters, reached: n, finished: t > steps };
}

/** Rows within eps of row p (the eps-neighbourhood, p included). */
export function neighbours(X: Float64Array, rows: number, cols: number, p: number, eps: number): number[] {
	const out: number[] = [];
	const r2 = eps * eps;
	for (let i = 0; i < rows; i++) {
		let s = 0;
		for (let j = 0; j < cols; j++) s += (X[i * cols + j] - X[p * cols + j]) ** 2;
		if (s <= r2) out.push(i);
	}
	return out;
}

function coreFlags(X: Float64Array, rows: number, cols: number, eps: number, minPts: number): Uint8Array {
	const core = new Uint8Array(rows);
	for (let i = 0; i < rows; i++) core[i] = neighbours(X, rows, cols, i, eps).length >= minPts ? 1 : 0;
	return core;
}

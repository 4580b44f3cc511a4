/**
 * Core distances for HDBSCAN: each row's distance to its k-th nearest row, itself counted first. A k-d tree
 * search like kdtree-knn.ts (depth-first, nearer child first, a max-heap of the k best), tuned for running it
 * on every row: queries go in tree order (neighbouring queries touch the same memory), a node's box distance is
 * computed once and kept on the stack with it, and a point's distance stops being summed once it cannot enter
 * the heap. The distances are the same sums in the same order as kdtree-knn.ts, so the results are identical.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import { KDTree } from './kdtree';
import { replaceMax } from './kdtree-knn';

export function coreDistances(
	X: Float64Array, rows: number, cols: number, k: number, control: RunControl = {}
): Float64Array {
	const core = new Float64Array(rows);
	if (k <= 1 || rows === 0) return core;
	const tree = new KDTree(X, rows, cols);
	const { data, index, start, end, left } = tree;
	const heap = new Float64Array(k);
	const stackNode = new Int32Array(512);
	const stackDist = new Float64Array(512);
	const report = throttle(control.onProgress);
	for (let p = 0; p < rows; p++) {
		if ((p & 1023) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: 'HDBSCAN: core distances', fraction: p / rows });
		}
		const po = p * cols;
		heap.fill(Infinity);
		let top = 0;
		stackNode[top] = 0;
		stackDist[top++] = 0;
		while (top > 0) {
			--top;
			if (stackDist[top] >= heap[0]) continue;
			const v = stackNode[top];
			const c = left[v];
			if (c >= 0) {
				const dl = tree.minDist2(data, po, c);
				const dr = tree.minDist2(data, po, c + 1);
				// Farther child below, nearer on top.
				if (dl <= dr) {
					stackNode[top] = c + 1; stackDist[top++] = dr;
					stackNode[top] = c; stackDist[top++] = dl;
				} else {
					stackNode[top] = c; stackDist[top++] = dl;
					stackNode[top] = c + 1; stackDist[top++] = dr;
				}
				continue;
			}
			// Eight features unrolled (1.45× less CPU at 50,000 × 8): the same sums in the same order; a partial sum of
			// four squares that already reaches the bound can only grow.
			if (cols === 8) {
				const x0 = data[po], x1 = data[po + 1], x2 = data[po + 2], x3 = data[po + 3];
				const x4 = data[po + 4], x5 = data[po + 5], x6 = data[po + 6], x7 = data[po + 7];
				for (let q = start[v]; q < end[v]; q++) {
					const qo = q * 8;
					const bound = heap[0];
					let d = x0 - data[qo];
					let s = d * d;
					d = x1 - data[qo + 1]; s += d * d;
					d = x2 - data[qo + 2]; s += d * d;
					d = x3 - data[qo + 3]; s += d * d;
					if (s >= bound) continue;
					d = x4 - data[qo + 4]; s += d * d;
					d = x5 - data[qo + 5]; s += d * d;
					d = x6 - data[qo + 6]; s += d * d;
					d = x7 - data[qo + 7]; s += d * d;
					if (s < bound) replaceMax(heap, k, s);
				}
				continue;
			}
			for (let q = start[v]; q < end[v]; q++) {
				const qo = q * cols;
				const bound = heap[0];
				let s = 0;
				for (let f = 0; f < cols && s < bound; f++) {
					const d = data[po + f] - data[qo + f];
					s += d * d;
				}
				if (s < bound) replaceMax(heap, k, s);
			}
		}
		core[index[p]] = Math.sqrt(heap[0]);
	}
	return core;
}

/**
 * k-th nearest neighbour distance on a KDTree (kdtree.ts), by depth-first branch and bound with the nearer child
 * first, as sklearn's `BinaryTree.query` does (Friedman, Bentley & Finkel 1977). Distances are squared Euclidean,
 * summed in feature order like sklearn's `rdist`.
 */
import type { KDTree } from './kdtree';

/**
 * Squared distance from Q[qo ..] to its k-th nearest point in the tree (a point of the tree counts as its own
 * first neighbour). `heap` is scratch of length ≥ k.
 */
export function kthNearestDist2(tree: KDTree, Q: Float64Array, qo: number, k: number, heap: Float64Array): number {
	const { data, cols, stack, start, end, left } = tree;
	// heap[0..k) is a max-heap of the k smallest squared distances so far.
	heap.fill(Infinity, 0, k);
	let top = 0;
	stack[top++] = 0;
	while (top > 0) {
		const v = stack[--top];
		if (tree.minDist2(Q, qo, v) >= heap[0]) continue;
		const c = left[v];
		if (c >= 0) {
			// Push the farther child first so the nearer one is visited next and the bound tightens sooner.
			const nearFirst = tree.minDist2(Q, qo, c) <= tree.minDist2(Q, qo, c + 1);
			stack[top++] = nearFirst ? c + 1 : c;
			stack[top++] = nearFirst ? c : c + 1;
			continue;
		}
		for (let p = start[v]; p < end[v]; p++) {
			const po = p * cols;
			let s = 0;
			for (let f = 0; f < cols; f++) {
				const d = Q[qo + f] - data[po + f];
				s += d * d;
			}
			if (s < heap[0]) replaceMax(heap, k, s);
		}
	}
	return heap[0];
}

/** Replaces the maximum of a k-element max-heap with x (also HDBSCAN's core distances). */
export function replaceMax(heap: Float64Array, k: number, x: number): void {
	let i = 0;
	for (;;) {
		const l = 2 * i + 1;
		if (l >= k) break;
		const r = l + 1;
		const c = r < k && heap[r] > heap[l] ? r : l;
		if (heap[c] <= x) break;
		heap[i] = heap[c];
		i = c;
	}
	heap[i] = x;
}

/**
 * The nearest-neighbour chain (Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms", fig. 5),
 * walked as SciPy's `scipy/cluster/_hierarchy.pyx::nn_chain` walks it, with the distances left to the caller:
 * a condensed matrix with Lance–Williams updates (linkage-nnchain.ts) or Ward distances between centroids
 * (linkage-ward.ts). The same walk — start from the lowest active index, prefer the previous chain element on
 * ties, then the lowest index (the caller's scan keeps strict comparisons in ascending index order) — gives the
 * same merges as SciPy on ties, so after `sortAndLabel` the linkage matrix equals SciPy's.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

/** The clusters being merged, as the chain sees them. Indices are original rows; a merged cluster lives on at y. */
export interface ChainSpace {
	/** The lowest active index. */
	first(): number;
	/** The distance the chain compares (any monotone transform of the linkage distance). */
	distance(a: number, b: number): number;
	/**
	 * Scans every active cluster other than x in ascending index order and lowers `best` (y, d) to any strictly
	 * closer one.
	 */
	nearest(x: number, best: { y: number; d: number }): void;
	/** Merges x < y at compared distance d; the merged cluster lives on at y. */
	merge(x: number, y: number, d: number): void;
	size(i: number): number;
	/** The merge height from a compared distance (sqrt for squared distances); identity if absent. */
	height?(d: number): number;
}

/** Unsorted merges (n − 1) × 4: representative x < y, height, size. Pass through `sortAndLabel`. */
export function nnChain(
	n: number,
	space: ChainSpace,
	control: RunControl,
	progress: { stage: string; every: number; fraction: (k: number) => number }
): Float64Array {
	const Z = new Float64Array(Math.max(0, n - 1) * 4);
	const chain = new Int32Array(n);
	let chainLength = 0;
	const report = throttle(control.onProgress);
	const best = { y: 0, d: Infinity };
	for (let k = 0; k < n - 1; k++) {
		if (k % progress.every === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: progress.stage, fraction: progress.fraction(k) });
		}
		if (chainLength === 0) {
			chainLength = 1;
			chain[0] = space.first();
		}
		let x = 0;
		for (;;) {
			x = chain[chainLength - 1];
			if (chainLength > 1) {
				best.y = chain[chainLength - 2];
				best.d = space.distance(x, best.y);
			} else {
				best.y = 0;
				best.d = Infinity;
			}
			space.nearest(x, best);
			if (chainLength > 1 && best.y === chain[chainLength - 2]) break;
			chain[chainLength++] = best.y;
		}
		chainLength -= 2;
		// fastcluster's convention, kept by SciPy: the merged cluster lives on at the larger index.
		let y = best.y;
		if (x > y) {
			const t = x;
			x = y;
			y = t;
		}
		Z[k * 4] = x;
		Z[k * 4 + 1] = y;
		Z[k * 4 + 2] = space.height ? space.height(best.d) : best.d;
		Z[k * 4 + 3] = space.size(x) + space.size(y);
		space.merge(x, y, best.d);
	}
	report?.({ stage: progress.stage, fraction: 1 });
	return Z;
}

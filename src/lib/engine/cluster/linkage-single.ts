/**
 * Single linkage as a minimum spanning tree grown by Prim's algorithm, a port of SciPy's
 * `scipy/cluster/_hierarchy.pyx::mst_single_linkage` (Müllner 2011, fig. 6), except that distances are
 * recomputed from the rows instead of read from a condensed matrix: O(n) memory instead of O(n²), the same
 * O(n²·cols) time, and bit-identical distances to `pdist` (same summation order), hence the same tree on ties.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

/** Unsorted MST edges (n − 1) × 4 with point representatives; pass through `sortAndLabel`. */
export function mstSingleLinkage(X: Float64Array, n: number, cols: number, control: RunControl = {}): Float64Array {
	const Z = new Float64Array(Math.max(0, n - 1) * 4);
	const merged = new Uint8Array(n);
	const D = new Float64Array(n).fill(Infinity);
	const report = throttle(control.onProgress);
	let x = 0;
	let y = 0;
	for (let k = 0; k < n - 1; k++) {
		if ((k & 127) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: 'single linkage: spanning tree', fraction: 1 - ((n - k) / n) ** 2 });
		}
		let currentMin = Infinity;
		merged[x] = 1;
		const a = x * cols;
		for (let i = 0; i < n; i++) {
			if (merged[i] === 1) continue;
			const b = i * cols;
			let s = 0;
			for (let f = 0; f < cols; f++) {
				const d = X[a + f] - X[b + f];
				s += d * d;
			}
			const dist = Math.sqrt(s);
			if (D[i] > dist) D[i] = dist;
			if (D[i] < currentMin) {
				y = i;
				currentMin = D[i];
			}
		}
		Z[k * 4] = x;
		Z[k * 4 + 1] = y;
		Z[k * 4 + 2] = currentMin;
		x = y;
	}
	report?.({ stage: 'single linkage: spanning tree', fraction: 1 });
	return Z;
}

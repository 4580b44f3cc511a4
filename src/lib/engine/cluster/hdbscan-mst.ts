/**
 * The minimum spanning tree of HDBSCAN*'s mutual-reachability graph (Campello, Moulavi & Sander 2013), where the
 * weight of edge (a, b) is max(core(a), core(b), ‖a − b‖) and core(a) is the distance to a's minSamples-th
 * nearest neighbour counting a itself (scikit-learn's `min_samples`; R dbscan's `minPts`, whose `coredist` asks
 * kNN for minPts − 1 neighbours other than the point), hdbscan-core.ts.
 *
 * - The tree is grown by Prim's algorithm on the implicit complete graph in O(n²) time and O(n) memory: no
 *   distance matrix is stored. Like R dbscan's `prims`, it starts at row 0 and, among equally light fringe
 *   edges, takes the lowest row. A distance is only computed when the core distances alone leave room to
 *   improve a fringe weight (if max(core(a), core(b)) already reaches it, ‖a − b‖ cannot lower it).
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

/** A spanning tree as n − 1 edges in the order Prim's algorithm added them. */
export interface SpanningTree {
	from: Int32Array;
	to: Int32Array;
	weight: Float64Array;
}

/** An empty tree of rows - 1 edges, to be filled in. */
export function spanningTree(rows: number): SpanningTree {
	const m = Math.max(0, rows - 1);
	return { from: new Int32Array(m), to: new Int32Array(m), weight: new Float64Array(m) };
}

/** Minimum spanning tree of the mutual-reachability graph of X under the given core distances. */
export function mutualReachabilityMst(
	X: Float64Array, rows: number, cols: number, core: Float64Array, control: RunControl = {}
): SpanningTree {
	const out = spanningTree(rows);
	const { from, to, weight } = out;
	const m = from.length;
	// Rows not yet in the tree, kept in increasing order so that ties go to the lowest row.
	const rest = new Int32Array(m);
	for (let i = 0; i < m; i++) rest[i] = i + 1;
	let restLen = m;
	const fringe = new Float64Array(rows).fill(Infinity);
	const parent = new Int32Array(rows);
	const report = throttle(control.onProgress);
	let current = 0;
	for (let e = 0; e < m; e++) {
		if ((e & 255) === 0) {
			throwIfAborted(control.signal);
			// Step e scans rows − e − 1 rows: the work done is quadratic in e.
			report?.({ stage: 'HDBSCAN: minimum spanning tree', fraction: 1 - ((rows - e) / rows) ** 2 });
		}
		const co = current * cols;
		const cc = core[current];
		let best = Infinity;
		let bestAt = -1;
		for (let t = 0; t < restLen; t++) {
			const i = rest[t];
			let f = fringe[i];
			const ci = core[i];
			const floor = cc > ci ? cc : ci;
			if (floor < f) {
				// (Stopping the sum early once it reaches f measured slower at 8 features: 2.6 s against 1.7 s at 10,000 rows.)
				const io = i * cols;
				let s = 0;
				for (let d = 0; d < cols; d++) {
					const diff = X[co + d] - X[io + d];
					s += diff * diff;
				}
				let r = Math.sqrt(s);
				if (r < floor) r = floor;
				if (r < f) {
					f = r;
					fringe[i] = r;
					parent[i] = current;
				}
			}
			if (f < best) {
				best = f;
				bestAt = t;
			}
		}
		if (bestAt < 0) bestAt = 0; // every remaining fringe weight is infinite: cannot happen for finite data
		const next = rest[bestAt];
		rest.copyWithin(bestAt, bestAt + 1, restLen);
		restLen--;
		from[e] = parent[next];
		to[e] = next;
		weight[e] = fringe[next];
		current = next;
	}
	return out;
}

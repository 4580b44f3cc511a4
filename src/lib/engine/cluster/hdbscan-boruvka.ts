/**
 * The minimum spanning tree of the mutual-reachability graph by Borůvka's algorithm on a k-d tree (the
 * "accelerated" HDBSCAN of McInnes & Healy 2017, `hdbscan/_hdbscan_boruvka.pyx`): each round finds, for every
 * component, its lightest edge to another component, by a branch-and-bound nearest-neighbour search per row that
 * skips subtrees lying wholly in the row's own component and subtrees that cannot beat the component's best edge
 * so far (their distance, and the smallest core distance in them, bound every weight from below). Components at
 * least halve each round. A row whose own core distance already reaches its component's best edge is skipped.
 *
 * Weights are computed exactly as in hdbscan-mst.ts (same sums in the same order), so the tree has the same
 * sorted weights as Prim's; among equal weights it may pick other edges, which gives the same single-linkage
 * clusters at every height (only the order of equal-height merges can differ).
 */
import { disjointSets } from './disjoint-sets';
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import { KDTree } from './kdtree';
import { spanningTree, type SpanningTree } from './hdbscan-mst';

export function boruvkaMst(
	X: Float64Array, rows: number, cols: number, core: Float64Array, control: RunControl = {}
): SpanningTree {
	const out = spanningTree(rows);
	const { from, to, weight } = out;
	if (rows < 2) return out;
	const m = from.length;
	const tree = new KDTree(X, rows, cols);
	const { data, index, start, end, left } = tree;
	const nodes = start.length;
	// Core distances in tree order, and the smallest core distance under each node.
	const coreT = new Float64Array(rows);
	for (let p = 0; p < rows; p++) coreT[p] = core[index[p]];
	const nodeCore = new Float64Array(nodes).fill(Infinity);
	for (let v = nodes - 1; v >= 0; v--) {
		const c = left[v];
		if (c >= 0) nodeCore[v] = Math.min(nodeCore[c], nodeCore[c + 1]);
		else for (let p = start[v]; p < end[v]; p++) if (coreT[p] < nodeCore[v]) nodeCore[v] = coreT[p];
	}
	// Union–find over tree positions.
	const { parent: uf, find } = disjointSets(rows);
	const comp = new Int32Array(rows);
	const nodeComp = new Int32Array(nodes);
	const bestW = new Float64Array(rows);
	const bestFrom = new Int32Array(rows);
	const bestTo = new Int32Array(rows);
	const stack = new Int32Array(256);
	const report = throttle(control.onProgress);
	let edges = 0;
	let round = 0;
	while (edges < m) {
		round++;
		for (let p = 0; p < rows; p++) comp[p] = find(p);
		// A node's component, or -1 when its rows belong to more than one.
		for (let v = nodes - 1; v >= 0; v--) {
			const c = left[v];
			if (c >= 0) nodeComp[v] = nodeComp[c] === nodeComp[c + 1] ? nodeComp[c] : -1;
			else {
				let k = start[v] < end[v] ? comp[start[v]] : -1;
				for (let p = start[v] + 1; p < end[v] && k >= 0; p++) if (comp[p] !== k) k = -1;
				nodeComp[v] = k;
			}
		}
		bestW.fill(Infinity);
		for (let p = 0; p < rows; p++) {
			if ((p & 1023) === 0) {
				throwIfAborted(control.signal);
				report?.({ stage: `HDBSCAN: minimum spanning tree, round ${round}`, fraction: Math.min(0.99, edges / m + (p / rows) * (1 - edges / m) * 0.5) });
			}
			const c = comp[p];
			const cp = coreT[p];
			let bound = bestW[c];
			if (cp >= bound) continue;
			const po = p * cols;
			let best = -1;
			let top = 0;
			stack[top++] = 0;
			while (top > 0) {
				const v = stack[--top];
				if (nodeComp[v] === c) continue;
				const lbCore = cp > nodeCore[v] ? cp : nodeCore[v];
				if (lbCore >= bound) continue;
				const md = tree.minDist2(data, po, v);
				if (md >= bound * bound) continue;
				const ch = left[v];
				if (ch >= 0) {
					const nearFirst = tree.minDist2(data, po, ch) <= tree.minDist2(data, po, ch + 1);
					stack[top++] = nearFirst ? ch + 1 : ch;
					stack[top++] = nearFirst ? ch : ch + 1;
					continue;
				}
				for (let q = start[v]; q < end[v]; q++) {
					if (comp[q] === c) continue;
					const cq = coreT[q];
					const floor = cp > cq ? cp : cq;
					if (floor >= bound) continue;
					const limit = bound * bound * (1 + 1e-12);
					const qo = q * cols;
					let s = 0;
					for (let f = 0; f < cols && s <= limit; f++) {
						const d = data[po + f] - data[qo + f];
						s += d * d;
					}
					if (s > limit) continue;
					let w = Math.sqrt(s);
					if (w < floor) w = floor;
					if (w < bound) {
						bound = w;
						best = q;
					}
				}
			}
			if (best >= 0) {
				bestW[c] = bound;
				bestFrom[c] = p;
				bestTo[c] = best;
			}
		}
		const before = edges;
		for (let c = 0; c < rows; c++) {
			if (comp[c] !== c || bestW[c] === Infinity) continue;
			const a = find(bestFrom[c]);
			const b = find(bestTo[c]);
			if (a === b) continue;
			uf[a] = b;
			from[edges] = index[bestFrom[c]];
			to[edges] = index[bestTo[c]];
			weight[edges] = bestW[c];
			edges++;
		}
		// Cannot happen for finite data (every component has an edge out); guards against an endless loop.
		if (edges === before) throw new Error('HDBSCAN: Borůvka round added no edge');
	}
	return out;
}

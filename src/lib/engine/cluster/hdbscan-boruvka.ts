/**
 * The minimum spanning tree of the mutual-reachability graph by Borůvka's algorithm on a k-d tree (the
 * "accelerated" HDBSCAN of McInnes & Healy 2017, `hdbscan/_hdbscan_boruvka.pyx`): each round finds, for every
 * component, its lightest edge to another component, by a branch-and-bound nearest-neighbour search per row that
 * skips subtrees that cannot beat the component's best edge so far: their distance, and the smallest core
 * distance of their rows outside the row's component (hdbscan-node-cores.ts; Infinity for a subtree wholly inside
 * it), bound every weight from below. Components at least halve each round.
 *
 * Each row keeps its lightest edge to another component once a search found it: while the far end stays in
 * another component that edge remains the row's lightest (merging only removes candidates), so the row needs no
 * new search and its weight bounds its component's best before any search. Otherwise (the far end merged in, or
 * the search found nothing under the component's bound) the last weight is a lower bound, and the row is skipped
 * while its component's best is already at or below it, or below the row's core distance.
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
import { nodeCores } from './hdbscan-node-cores';

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
	const coreT = new Float64Array(rows);
	for (let p = 0; p < rows; p++) coreT[p] = core[index[p]];
	// Union–find over tree positions.
	const { parent: uf, find } = disjointSets(rows);
	const comp = new Int32Array(rows);
	const nc = nodeCores(nodes, left, start, end, coreT, comp);
	const { coreComp, coreMin, coreOther } = nc;
	const bestW = new Float64Array(rows);
	const bestFrom = new Int32Array(rows);
	const bestTo = new Int32Array(rows);
	// Each row's lightest edge to another component (far end as a tree position, -1: not known) and its weight,
	// or with -1 a lower bound on it.
	const nearTo = new Int32Array(rows).fill(-1);
	const nearW = new Float64Array(rows);
	const stackNode = new Int32Array(512);
	const stackDist = new Float64Array(512);
	const report = throttle(control.onProgress);
	let edges = 0;
	let round = 0;
	while (edges < m) {
		round++;
		for (let p = 0; p < rows; p++) comp[p] = find(p);
		nc.update();
		bestW.fill(Infinity);
		for (let p = 0; p < rows; p++) {
			const q = nearTo[p];
			if (q < 0) continue;
			const c = comp[p];
			if (comp[q] === c) nearTo[p] = -1;
			else if (nearW[p] < bestW[c]) {
				bestW[c] = nearW[p];
				bestFrom[c] = p;
				bestTo[c] = q;
			}
		}
		for (let p = 0; p < rows; p++) {
			if ((p & 1023) === 0) {
				throwIfAborted(control.signal);
				report?.({ stage: `HDBSCAN: minimum spanning tree, round ${round}`, fraction: Math.min(0.99, edges / m + (p / rows) * (1 - edges / m) * 0.5) });
			}
			if (nearTo[p] >= 0) continue;
			const c = comp[p];
			const cp = coreT[p];
			let bound = bestW[c];
			if (cp >= bound || nearW[p] >= bound) continue;
			const po = p * cols;
			let best = -1;
			let top = 0;
			stackNode[top] = 0;
			stackDist[top++] = 0;
			while (top > 0) {
				--top;
				const v = stackNode[top];
				if (stackDist[top] >= bound * bound) continue;
				const foreign = coreComp[v] === c ? coreOther[v] : coreMin[v];
				if (foreign >= bound) continue;
				const ch = left[v];
				if (ch >= 0) {
					const dl = tree.minDist2(data, po, ch);
					const dr = tree.minDist2(data, po, ch + 1);
					// Farther child below, nearer on top.
					if (dl <= dr) {
						stackNode[top] = ch + 1; stackDist[top++] = dr;
						stackNode[top] = ch; stackDist[top++] = dl;
					} else {
						stackNode[top] = ch; stackDist[top++] = dl;
						stackNode[top] = ch + 1; stackDist[top++] = dr;
					}
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
			// Found: the row's lightest outgoing edge. Not found: nothing weighs less than the bound.
			nearW[p] = bound;
			if (best >= 0) {
				nearTo[p] = best;
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

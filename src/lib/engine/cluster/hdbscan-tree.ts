/**
 * The middle of HDBSCAN*: the single-linkage hierarchy of the mutual-reachability spanning tree and its
 * condensed form (Campello, Moulavi & Sander 2013; McInnes, Healy & Astels 2017), with λ = 1 / distance.
 *
 * Condensing walks the hierarchy from the top. When a cluster splits into two parts that both have at least
 * minClusterSize rows, each part is a new cluster born at that λ; a part with fewer rows does not form a
 * cluster: its rows fall out of the parent cluster at that λ (they become noise from there down), and the
 * larger part carries on as the same cluster. This is the condensed tree of the `hdbscan` Python package and
 * scikit-learn ≥ 1.3 (`_tree.pyx::_condense_tree`).
 */
import { disjointSets } from './disjoint-sets';
import type { SpanningTree } from './hdbscan-mst';

/** Single-linkage merges: merge k joins nodes left[k] and right[k] (ids < n are rows, n + j is merge j). */
export interface SingleLinkage {
	left: Int32Array;
	right: Int32Array;
	height: Float64Array;
	size: Int32Array;
}

/**
 * Merges in increasing weight; equal weights keep the spanning tree's order (a stable sort), which is what R
 * dbscan does with `order(mst[, 3])`.
 */
export function singleLinkage(tree: SpanningTree, n: number): SingleLinkage {
	const m = tree.weight.length;
	const w = tree.weight;
	const order = Int32Array.from({ length: m }, (_, i) => i).sort((a, b) => w[a] - w[b] || a - b);
	const left = new Int32Array(m);
	const right = new Int32Array(m);
	const height = new Float64Array(m);
	const size = new Int32Array(m);
	// Union–find over rows; node[root] is the hierarchy node that currently stands for the component.
	const { parent: uf, find } = disjointSets(n);
	const node = Int32Array.from({ length: n }, (_, i) => i);
	const count = new Int32Array(n).fill(1);
	for (let k = 0; k < m; k++) {
		const e = order[k];
		const a = find(tree.from[e]);
		const b = find(tree.to[e]);
		left[k] = node[a];
		right[k] = node[b];
		height[k] = w[e];
		size[k] = count[a] + count[b];
		// Union by size keeps find short; the surviving root stands for the new node n + k.
		const [big, small] = count[a] >= count[b] ? [a, b] : [b, a];
		uf[small] = big;
		count[big] += count[small];
		node[big] = n + k;
	}
	return { left, right, height, size };
}

/**
 * The condensed tree as rows (parent, child, λ, childSize), in the layout of the Python packages: children
 * below n are rows falling out of their parent cluster at λ; children from n up are clusters born at λ. The
 * root cluster is n, and every cluster's id is larger than its parent's.
 */
export interface CondensedTree {
	parent: Int32Array;
	child: Int32Array;
	lambda: Float64Array;
	childSize: Int32Array;
	/** Number of clusters (ids n .. n + clusters − 1), the root included. */
	clusters: number;
}

/**
 * How a part smaller than minClusterSize leaves its cluster: 'noise' (the definition above, the paper's and the
 * Python packages') drops all its rows at the split; 'singletons' is R dbscan 1.1's `computeStability`, which
 * keeps the part inside the cluster and drops each row only where it merges as a single point (or where the
 * cluster splits in two, if that is higher). Labels mostly
 * agree; stabilities and outlier scores differ. Only the reference tests use 'singletons'.
 */
export type SmallPart = 'noise' | 'singletons';

export function condenseTree(link: SingleLinkage, n: number, minClusterSize: number, smallPart: SmallPart = 'noise'): CondensedTree {
	const cap = 2 * n;
	const parent = new Int32Array(cap);
	const child = new Int32Array(cap);
	const lambda = new Float64Array(cap);
	const childSize = new Int32Array(cap);
	let rowsOut = 0;
	const push = (p: number, c: number, l: number, s: number) => {
		parent[rowsOut] = p;
		child[rowsOut] = c;
		lambda[rowsOut] = l;
		childSize[rowsOut] = s;
		rowsOut++;
	};
	if (n < 2) return { parent: parent.subarray(0, 0), child: child.subarray(0, 0), lambda: lambda.subarray(0, 0), childSize: childSize.subarray(0, 0), clusters: 1 };
	const sizeOf = (v: number) => (v < n ? 1 : link.size[v - n]);
	// relabel[v - n]: the condensed cluster a hierarchy node belongs to.
	const relabel = new Int32Array(n - 1);
	let nextCluster = n + 1;
	const root = 2 * n - 2;
	relabel[root - n] = n;
	const queue = new Int32Array(n - 1);
	let head = 0;
	let tail = 0;
	queue[tail++] = root;
	const stack: number[] = [];
	const fallOut = (v: number, cluster: number, l: number) => {
		stack.push(v);
		while (stack.length) {
			const u = stack.pop()!;
			if (u < n) push(cluster, u, l, 1);
			else {
				stack.push(link.right[u - n]);
				stack.push(link.left[u - n]);
			}
		}
	};
	while (head < tail) {
		const v = queue[head++];
		const k = v - n;
		const cluster = relabel[k];
		const l = link.left[k];
		const r = link.right[k];
		const h = link.height[k];
		const lam = h > 0 ? 1 / h : Infinity;
		const lc = sizeOf(l);
		const rc = sizeOf(r);
		if (lc >= minClusterSize && rc >= minClusterSize) {
			for (const [side, count] of [[l, lc], [r, rc]]) {
				relabel[side - n] = nextCluster;
				push(cluster, nextCluster, lam, count);
				nextCluster++;
				queue[tail++] = side;
			}
			continue;
		}
		for (const [side, count] of [[l, lc], [r, rc]]) {
			if (count < minClusterSize && (smallPart === 'noise' || side < n)) fallOut(side, cluster, lam);
			else {
				relabel[side - n] = cluster;
				queue[tail++] = side;
			}
		}
	}
	if (smallPart === 'singletons') {
		// R records a row that drops out below the height where its cluster split in two at that split instead.
		const split = new Float64Array(nextCluster - n).fill(Infinity);
		for (let t = 0; t < rowsOut; t++) if (child[t] >= n) split[parent[t] - n] = lambda[t];
		for (let t = 0; t < rowsOut; t++) if (child[t] < n && lambda[t] > split[parent[t] - n]) lambda[t] = split[parent[t] - n];
	}
	return {
		parent: parent.subarray(0, rowsOut), child: child.subarray(0, rowsOut),
		lambda: lambda.subarray(0, rowsOut), childSize: childSize.subarray(0, rowsOut), clusters: nextCluster - n
	};
}

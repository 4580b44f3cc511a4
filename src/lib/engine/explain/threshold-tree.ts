/**
 * A threshold tree in the clustered (prepared) space: every inner node tests one matrix column against a
 * threshold (x ≤ t goes left), every leaf names one segment. IMM (imm.ts) grows one with k leaves, ExKMC
 * (exkmc.ts) adds leaves to it. Nodes live in one flat array; node 0 is the root.
 */
import { finish, ROWS_PER_STEP } from '../steps';

export interface TreeNode {
	/** Matrix column tested, or −1 for a leaf. */
	column: number;
	/** x ≤ threshold goes left. Midway between the two neighbouring values it separates. */
	threshold: number;
	/** The two values the threshold falls between (prepared space), so it can be placed in original units. */
	between: [number, number];
	left: number;
	right: number;
	/** Leaves: the segment (0-based) they assign. */
	segment: number;
	depth: number;
}

/** Where a cut between two neighbouring values a < b of a column goes (a ≤ t < b); rules.ts places it on a round number in original units. */
export type Place = (column: number, a: number, b: number) => number;

export const midpoint: Place = (_column, a, b) => (a + b) / 2;

export function leafNode(segment: number, depth: number): TreeNode {
	return { column: -1, threshold: NaN, between: [NaN, NaN], left: -1, right: -1, segment, depth };
}

/** The leaf (node index) each row falls in. */
export function leafOf(nodes: TreeNode[], X: Float64Array, rows: number, cols: number): Int32Array {
	const out = new Int32Array(rows);
	for (let i = 0; i < rows; i++) {
		let n = 0;
		while (nodes[n].column >= 0) n = X[i * cols + nodes[n].column] <= nodes[n].threshold ? nodes[n].left : nodes[n].right;
		out[i] = n;
	}
	return out;
}

/** The segment each row's leaf assigns. */
export function treeLabels(nodes: TreeNode[], X: Float64Array, rows: number, cols: number): Int32Array {
	const leaves = leafOf(nodes, X, rows, cols);
	return Int32Array.from(leaves, (n) => nodes[n].segment);
}

/**
 * The k-means cost of a labelling: the sum of squared distances of every row to the mean of its segment (rows
 * labelled −1, noise, are left out). The price of explainability is this cost for the tree's labels over it for
 * the clustering's own (Moshkovitz et al. 2020, section 2).
 */
export function labelCost(X: Float64Array, rows: number, cols: number, labels: ArrayLike<number>, k: number): number {
	return finish(labelCostSteps(X, rows, cols, labels, k));
}

/** labelCost in steps of ROWS_PER_STEP rows (a worker can stop it between them). */
export function* labelCostSteps(X: Float64Array, rows: number, cols: number, labels: ArrayLike<number>, k: number): Generator<void, number> {
	const sum = new Float64Array(k * cols);
	const n = new Float64Array(k);
	for (let from = 0; from < rows; from += ROWS_PER_STEP) {
		for (let i = from, end = Math.min(rows, from + ROWS_PER_STEP); i < end; i++) {
			const s = labels[i];
			if (s < 0) continue;
			n[s]++;
			for (let j = 0; j < cols; j++) sum[s * cols + j] += X[i * cols + j];
		}
		yield;
	}
	for (let s = 0; s < k; s++) for (let j = 0; j < cols; j++) sum[s * cols + j] /= n[s] || 1;
	let cost = 0;
	for (let from = 0; from < rows; from += ROWS_PER_STEP) {
		for (let i = from, end = Math.min(rows, from + ROWS_PER_STEP); i < end; i++) {
			const s = labels[i];
			if (s < 0) continue;
			for (let j = 0; j < cols; j++) cost += (X[i * cols + j] - sum[s * cols + j]) ** 2;
		}
		yield;
	}
	return cost;
}

/** Indices of the leaves, in node order. */
export function leavesOf(nodes: TreeNode[]): number[] {
	const out: number[] = [];
	nodes.forEach((n, i) => n.column < 0 && out.push(i));
	return out;
}

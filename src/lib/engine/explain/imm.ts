/**
 * IMM, "Iterative Mistake Minimization" (Moshkovitz, Dasgupta, Frost and Rashtchian, "Explainable k-Means and
 * k-Medians Clustering", ICML 2020, Algorithm 1): a threshold tree with exactly k leaves, one per centre. At each
 * node, among the cuts (column, threshold) that separate at least two of the node's centres, take the one that
 * separates the fewest rows from their own centre (the "mistakes"); mistaken rows take no further part in
 * building, the others follow their centre. Ties: the lowest column, then the lowest threshold (the committed
 * Python reference, tests/fixtures/explain/imm_reference.py, breaks them the same way).
 */
import { finish } from '../steps';
import { leafNode, midpoint, type Place, type TreeNode } from './threshold-tree';

export function imm(X: Float64Array, rows: number, cols: number, centers: Float64Array, k: number, labels: ArrayLike<number>, place: Place = midpoint): TreeNode[] {
	return finish(immSteps(X, rows, cols, centers, k, labels, place));
}

/** IMM in steps (one per column examined at each node), so a worker can stop it between them. */
export function* immSteps(X: Float64Array, rows: number, cols: number, centers: Float64Array, k: number, labels: ArrayLike<number>, place: Place = midpoint): Generator<void, TreeNode[]> {
	const nodes: TreeNode[] = [];
	const start: number[] = [];
	for (let i = 0; i < rows; i++) if (labels[i] >= 0 && labels[i] < k) start.push(i);
	const centreIds = Array.from({ length: k }, (_, s) => s);
	// Iterative, so a deep tree cannot overflow the stack: [node index, rows, centres].
	nodes.push(leafNode(-1, 0));
	const stack: [number, number[], number[]][] = [[0, start, centreIds]];
	while (stack.length) {
		const [at, pts, cs] = stack.pop()!;
		const depth = nodes[at].depth;
		if (cs.length === 1) {
			nodes[at] = leafNode(cs[0], depth);
			continue;
		}
		const cut = yield* bestCut(X, cols, centers, labels, pts, cs, place);
		const left: number[] = [], right: number[] = [];
		for (const i of pts) {
			const goesLeft = X[i * cols + cut.column] <= cut.threshold;
			const centreLeft = centers[labels[i] * cols + cut.column] <= cut.threshold;
			if (goesLeft === centreLeft) (goesLeft ? left : right).push(i);
		}
		const cl = cs.filter((c) => centers[c * cols + cut.column] <= cut.threshold);
		const cr = cs.filter((c) => centers[c * cols + cut.column] > cut.threshold);
		const l = nodes.push(leafNode(-1, depth + 1)) - 1;
		const r = nodes.push(leafNode(-1, depth + 1)) - 1;
		nodes[at] = { column: cut.column, threshold: cut.threshold, between: cut.between, left: l, right: r, segment: -1, depth };
		stack.push([r, right, cr], [l, left, cl]);
	}
	return nodes;
}

interface Cut {
	column: number;
	threshold: number;
	between: [number, number];
	mistakes: number;
}

/**
 * The cut with fewest mistakes. A row x with centre c is mistaken by threshold t exactly when
 * min(x, c) ≤ t < max(x, c), so the count over t is a step function that changes only at row and centre values:
 * one sorted sweep per column finds its minimum. A step after each column (three sorts of the node's rows).
 */
function* bestCut(X: Float64Array, cols: number, centers: Float64Array, labels: ArrayLike<number>, pts: number[], cs: number[], place: Place): Generator<void, Cut> {
	let best: Cut | null = null;
	const n = pts.length;
	const lo = new Float64Array(n), hi = new Float64Array(n);
	for (let j = 0; j < cols; j++) {
		let cmin = Infinity, cmax = -Infinity;
		for (const c of cs) {
			const v = centers[c * cols + j];
			if (v < cmin) cmin = v;
			if (v > cmax) cmax = v;
		}
		if (!(cmin < cmax)) continue;
		// Typed arrays sort numerically in native code (a comparator callback per comparison is far slower).
		const values = new Float64Array(n + cs.length);
		cs.forEach((c, i) => (values[n + i] = centers[c * cols + j]));
		for (let p = 0; p < n; p++) {
			const x = X[pts[p] * cols + j], c = centers[labels[pts[p]] * cols + j];
			lo[p] = Math.min(x, c);
			hi[p] = Math.max(x, c);
			values[p] = x;
		}
		values.sort();
		lo.sort();
		hi.sort();
		let a = 0, b = 0;
		for (let v = 0; v < values.length; v++) {
			const t = values[v];
			if (v + 1 < values.length && values[v + 1] === t) continue;
			if (t < cmin) continue;
			if (t >= cmax) break;
			while (a < n && lo[a] <= t) a++;
			while (b < n && hi[b] <= t) b++;
			const mistakes = a - b;
			if (!best || mistakes < best.mistakes) best = { column: j, threshold: NaN, between: [t, values[v + 1]], mistakes };
		}
		yield;
	}
	// Two distinct centres always differ in some column, so a cut exists.
	best!.threshold = place(best!.column, best!.between[0], best!.between[1]);
	return best!;
}

/**
 * ExKMC (Frost, Moshkovitz and Rashtchian, "ExKMC: Expanding Explainable k-Means Clustering", 2020): grow an IMM
 * tree beyond k leaves. Every leaf is labelled by the reference centre that costs its rows least (the surrogate
 * cost Σ‖x − c‖² over the leaf's rows, c one of the k fitted centres); each step splits the one leaf, on the one
 * column and threshold, that lowers that cost most. The steps are greedy and nested, so the tree for any k′ is the
 * tree after the first k′ − k of them: one expansion to the largest k′ serves every smaller one.
 */
import { finish } from '../steps';
import { leafNode, leafOf, midpoint, type Place, type TreeNode } from './threshold-tree';

export interface Expansion {
	/** The tree after every step (its leaves relabelled by their best centre). */
	nodes: TreeNode[];
	/** Node index split at step s (0-based); the tree with k + s leaves has the first s of these split. */
	splits: number[];
	/** Segment of every node as a leaf, before it was split (the labelling used while it was a leaf). */
	leafSegment: number[];
}

interface Split {
	gain: number;
	column: number;
	threshold: number;
	between: [number, number];
	left: number;
	right: number;
}

export function exkmc(imm: TreeNode[], X: Float64Array, rows: number, cols: number, centers: Float64Array, k: number, maxLeaves: number, include?: (i: number) => boolean, place: Place = midpoint): Expansion {
	return finish(exkmcSteps(imm, X, rows, cols, centers, k, maxLeaves, include, place));
}

/** ExKMC in steps (one per column sorted, and per column examined for a leaf's best split), so a worker can stop it. */
export function* exkmcSteps(imm: TreeNode[], X: Float64Array, rows: number, cols: number, centers: Float64Array, k: number, maxLeaves: number, include?: (i: number) => boolean, place: Place = midpoint): Generator<void, Expansion> {
	const nodes = imm.map((n) => ({ ...n, between: [...n.between] as [number, number] }));
	const where = leafOf(nodes, X, rows, cols);
	const members = new Map<number, number[]>();
	for (let i = 0; i < rows; i++) {
		if (include && !include(i)) continue;
		const l = where[i];
		if (!members.has(l)) members.set(l, []);
		members.get(l)!.push(i);
	}
	const leafSegment = nodes.map((n) => n.segment);
	// Every column's row order, sorted once: a leaf's rows in column order are then a filtered scan, not a sort.
	const orders: Int32Array[] = [];
	for (let j = 0; j < cols; j++) {
		const o = Int32Array.from({ length: rows }, (_, i) => i);
		const v = Float64Array.from({ length: rows }, (_, i) => X[i * cols + j]);
		orders.push(o.sort((a, b) => v[a] - v[b]));
		yield;
	}
	const ctx = { orders, mark: new Int32Array(rows).fill(-1) };
	const candidates = new Map<number, Split | null>();
	for (let n = 0; n < nodes.length; n++) {
		if (nodes[n].column >= 0) continue;
		candidates.set(n, yield* bestSplit(X, cols, centers, k, members.get(n) ?? [], place, ctx));
	}
	const splits: number[] = [];
	let leaves = candidates.size;
	while (leaves < maxLeaves) {
		let pick = -1;
		for (const [n, s] of candidates) if (s && s.gain > 1e-12 * (1 + Math.abs(s.gain)) && (pick < 0 || s.gain > candidates.get(pick)!.gain)) pick = n;
		if (pick < 0) break;
		const s = candidates.get(pick)!;
		const pts = members.get(pick) ?? [];
		const depth = nodes[pick].depth;
		const l = nodes.push(leafNode(s.left, depth + 1)) - 1;
		const r = nodes.push(leafNode(s.right, depth + 1)) - 1;
		leafSegment.push(s.left, s.right);
		nodes[pick] = { column: s.column, threshold: s.threshold, between: s.between, left: l, right: r, segment: -1, depth };
		const lp = pts.filter((i) => X[i * cols + s.column] <= s.threshold);
		const rp = pts.filter((i) => X[i * cols + s.column] > s.threshold);
		members.set(l, lp);
		members.set(r, rp);
		members.delete(pick);
		candidates.delete(pick);
		candidates.set(l, yield* bestSplit(X, cols, centers, k, lp, place, ctx));
		candidates.set(r, yield* bestSplit(X, cols, centers, k, rp, place, ctx));
		splits.push(pick);
		leaves++;
	}
	return { nodes, splits, leafSegment };
}

/**
 * The best split of one leaf. For rows L with sum S and squared norms Q, min over centres of Σ‖x − c‖² is
 * Q − max_c (2 c·S − |L| ‖c‖²); a sweep over the rows sorted on one column keeps c·S for every centre. A step
 * after each column.
 */
function* bestSplit(X: Float64Array, cols: number, centers: Float64Array, k: number, pts: number[], place: Place, ctx: { orders: Int32Array[]; mark: Int32Array }): Generator<void, Split | null> {
	const n = pts.length;
	if (n < 2) return null;
	const norm2 = new Float64Array(k);
	for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) norm2[c] += centers[c * cols + j] ** 2;
	const proj = new Float64Array(n * k);
	const sq = new Float64Array(n);
	let qTotal = 0;
	const dotTotal = new Float64Array(k);
	for (let p = 0; p < n; p++) {
		const o = pts[p] * cols;
		for (let j = 0; j < cols; j++) sq[p] += X[o + j] ** 2;
		qTotal += sq[p];
		for (let c = 0; c < k; c++) {
			let d = 0;
			for (let j = 0; j < cols; j++) d += X[o + j] * centers[c * cols + j];
			proj[p * k + c] = d;
			dotTotal[c] += d;
		}
	}
	const costOf = (q: number, dots: Float64Array, m: number) => {
		let best = -Infinity, seg = 0;
		for (let c = 0; c < k; c++) {
			const v = 2 * dots[c] - m * norm2[c];
			if (v > best) (best = v), (seg = c);
		}
		return { cost: q - best, seg };
	};
	const whole = costOf(qTotal, dotTotal, n).cost;
	let best: Split | null = null;
	const order = new Int32Array(n);
	const dotL = new Float64Array(k), dotR = new Float64Array(k);
	pts.forEach((row, p) => (ctx.mark[row] = p));
	for (let j = 0; j < cols; j++) {
		let at = 0;
		for (const row of ctx.orders[j]) if (ctx.mark[row] >= 0) order[at++] = ctx.mark[row];
		dotL.fill(0);
		let qL = 0;
		for (let m = 0; m < n - 1; m++) {
			const p = order[m];
			qL += sq[p];
			for (let c = 0; c < k; c++) dotL[c] += proj[p * k + c];
			const v = X[pts[p] * cols + j], next = X[pts[order[m + 1]] * cols + j];
			if (v === next) continue;
			for (let c = 0; c < k; c++) dotR[c] = dotTotal[c] - dotL[c];
			const L = costOf(qL, dotL, m + 1), R = costOf(qTotal - qL, dotR, n - m - 1);
			const gain = whole - L.cost - R.cost;
			if (!best || gain > best.gain) best = { gain, column: j, threshold: NaN, between: [v, next], left: L.seg, right: R.seg };
		}
		yield;
	}
	for (const row of pts) ctx.mark[row] = -1;
	if (best) best.threshold = place(best.column, best.between[0], best.between[1]);
	return best;
}

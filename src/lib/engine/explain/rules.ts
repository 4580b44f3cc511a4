/**
 * Rules for every segment: the IMM threshold tree with k leaves (imm.ts) grown by ExKMC up to maxLeaves
 * (exkmc.ts), read in original units (original-units.ts). The labels the rules give are computed from the data's
 * own values, with the same thresholds the SQL uses, so the CSV column, the JSON and the SQL agree row for row.
 * The price of explainability is the k-means cost of the rule labels over that of the clustering's labels, both
 * with each segment's own mean as its centre, over the clustered rows (noise, label −1, left out).
 */
import { EngineError } from '../errors';
import { Rng } from '../random';
import type { FeatureMatrix, Table } from '../types';
import { exkmc } from './exkmc';
import { imm } from './imm';
import { columnUnits, originalValues, roundBetween, toOriginal, toPrepared, type ColumnUnits } from './original-units';
import { leafRules, type Rule } from './rule-text';
import { labelCost, type TreeNode } from './threshold-tree';

/** Above this many clustered rows the tree is grown on a seeded random sample of them (costs and coverage of the shown rules use every row). */
export const RULES_SAMPLE = 20_000;

export interface Explanation {
	k: number;
	/** The rows the tree was grown on, when a sample: its size and the rows there are (the trade-off is measured on it too). */
	sample: { size: number; of: number } | null;
	/** The most leaves the expansion reached (at most the asked-for maximum; fewer when no split lowers the cost). */
	maxLeaves: number;
	/** Per number of leaves k … maxLeaves: the price of explainability and the share of rows the rules put in their own segment. */
	tradeoff: { leaves: number; costRatio: number; agreement: number }[];
	baseCost: number;
	units: ColumnUnits[];
	/** The final tree (prepared thresholds) and, per node, its threshold in original units (NaN for leaves and one-hot cuts). */
	nodes: TreeNode[];
	original: number[];
	/** Step at which a node was split (−1: by IMM; Infinity: never); segment of every node as a leaf. */
	splitStep: number[];
	leafSegment: number[];
	immNodes: number;
	/** Clustering labels (0-based, −1 noise) and, per matrix column, the original value of a clustered row. */
	labels: Int32Array;
	value: ((i: number) => number)[];
	X: FeatureMatrix;
}

export interface RuleSet {
	k: number;
	sample: { size: number; of: number } | null;
	leaves: number;
	cost: number;
	baseCost: number;
	costRatio: number;
	agreement: number;
	/** Rule-based segment (0-based) of every clustered row, in row order. */
	labels: Int32Array;
	/** Per segment (0-based index), its rules (one per leaf), with coverage and precision against the clustering. */
	segments: { size: number; rules: Rule[]; coverage: number; precision: number }[];
	tree: RuleNode;
}

export type RuleNode =
	/** Rows meeting "feature op value" go to `yes`, the others to `no`. */
	| { feature: string; op: '<=' | '='; value: number | string; yes: RuleNode; no: RuleNode }
	| { segment: number; rows: number };

export function explain(table: Table, matrix: FeatureMatrix, labels: Int32Array, k: number, centers: Float64Array, maxLeaves = 4 * k, seed = 0): Explanation {
	if (k < 2) throw new EngineError('bad-parameter', 'Rules need at least two segments.', 'Choose k ≥ 2.');
	if (matrix.fitted.columns.length !== matrix.cols) {
		throw new EngineError('bad-parameter', 'Rules cannot be read in original units for a run clustered on principal components.', 'Cluster on the features themselves (no PCA step) to get rules.');
	}
	const { data: X, rows, cols, fitted } = matrix;
	const units = columnUnits(fitted);
	const place = (j: number, a: number, b: number) => {
		if (units[j].kind !== 'numeric') return (a + b) / 2;
		const t = toPrepared(fitted, j, roundBetween(toOriginal(fitted, j, a), toOriginal(fitted, j, b)));
		return a <= t && t < b ? t : (a + b) / 2;
	};
	// Growing the tree costs a sort per node and column: on many rows, a seeded sample grows it.
	const sample = rows > RULES_SAMPLE ? sampleRows(rows, RULES_SAMPLE, seed) : null;
	const ns = sample ? sample.length : rows;
	const Xs = sample ? gatherRows(X, sample, cols) : X;
	const ls = sample ? Int32Array.from(sample, (i) => labels[i]) : labels;
	const tree = imm(Xs, ns, cols, centers, k, ls, place);
	const ex = exkmc(tree, Xs, ns, cols, centers, k, Math.max(k, maxLeaves), (i) => ls[i] >= 0, place);
	// IMM's inner nodes are always split (step −1); ExKMC's at their step.
	const splitStep = ex.nodes.map((_, i) => (i < tree.length && tree[i].column >= 0 ? -1 : Infinity));
	ex.splits.forEach((n, s) => (splitStep[n] = s));
	const original = ex.nodes.map((n) => {
		if (n.column < 0 || units[n.column].kind !== 'numeric') return NaN;
		const t = roundBetween(toOriginal(fitted, n.column, n.between[0]), toOriginal(fitted, n.column, n.between[1]));
		// The threshold the tree was built with, in original units (the same number unless place() fell back).
		return toPrepared(fitted, n.column, t) === n.threshold ? t : toOriginal(fitted, n.column, n.threshold);
	});
	const base: Explanation = {
		k, sample: sample ? { size: ns, of: rows } : null, maxLeaves: tree.filter((n) => n.column < 0).length + ex.splits.length, tradeoff: [], baseCost: labelCost(X, rows, cols, labels, k), units,
		nodes: ex.nodes, original, splitStep, leafSegment: ex.leafSegment, immNodes: tree.length, labels, value: originalValues(table, matrix), X: matrix
	};
	const sampleCost = sample ? labelCost(Xs, ns, cols, ls, k) : base.baseCost;
	for (let leaves = k; leaves <= base.maxLeaves; leaves++) {
		const r = ruleLabels(base, leaves, sample);
		const masked = Int32Array.from(r.labels, (s, i) => (ls[i] < 0 ? -1 : s));
		base.tradeoff.push({ leaves, costRatio: labelCost(Xs, ns, cols, masked, k) / sampleCost, agreement: agreement(ls, r.labels) });
	}
	return base;
}

/** `size` distinct rows of 0 … n − 1, ascending, drawn with the seeded generator (partial Fisher–Yates). */
function sampleRows(n: number, size: number, seed: number): Int32Array {
	const rng = new Rng(seed);
	const idx = Int32Array.from({ length: n }, (_, i) => i);
	for (let i = 0; i < size; i++) {
		const j = i + rng.int(n - i);
		const t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
	}
	return idx.slice(0, size).sort();
}

function gatherRows(X: Float64Array, rows: Int32Array, cols: number): Float64Array {
	const out = new Float64Array(rows.length * cols);
	rows.forEach((r, i) => out.set(X.subarray(r * cols, (r + 1) * cols), i * cols));
	return out;
}

/** Whether node n is split in the tree with this many leaves. */
function isSplit(e: Explanation, n: number, leaves: number): boolean {
	return e.nodes[n].column >= 0 && e.splitStep[n] < leaves - e.k;
}

/** Every clustered row through the tree in original units: value ≤ threshold (numeric) or "is not the level" goes left. */
function ruleLabels(e: Explanation, leaves: number, subset: Int32Array | null = null): { labels: Int32Array; leaf: Int32Array } {
	const n = subset ? subset.length : e.labels.length;
	const labels = new Int32Array(n), leaf = new Int32Array(n);
	for (let t = 0; t < n; t++) {
		const i = subset ? subset[t] : t;
		let at = 0;
		while (isSplit(e, at, leaves)) {
			const node = e.nodes[at], v = e.value[node.column](i);
			at = (e.units[node.column].kind === 'numeric' ? v <= e.original[at] : v === 0) ? node.left : node.right;
		}
		leaf[t] = at;
		labels[t] = e.leafSegment[at];
	}
	return { labels, leaf };
}

function costOf(e: Explanation, ruled: Int32Array): number {
	const masked = Int32Array.from(ruled, (s, i) => (e.labels[i] < 0 ? -1 : s));
	return labelCost(e.X.data, e.X.rows, e.X.cols, masked, e.k);
}

function agreement(labels: Int32Array, ruled: Int32Array): number {
	let n = 0, same = 0;
	for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) (n++, labels[i] === ruled[i] && same++);
	return n ? same / n : 1;
}

/** The rules with this many leaves (k … maxLeaves). */
export function rulesAt(e: Explanation, leaves: number): RuleSet {
	leaves = Math.max(e.k, Math.min(e.maxLeaves, Math.round(leaves)));
	const { labels, leaf } = ruleLabels(e, leaves);
	const size = new Array<number>(e.k).fill(0);
	const inLeaf = new Map<number, { rows: number; hit: number }>();
	e.labels.forEach((s, i) => {
		if (s < 0) return;
		size[s]++;
		const c = inLeaf.get(leaf[i]) ?? { rows: 0, hit: 0 };
		c.rows++;
		if (labels[i] === s) c.hit++;
		inLeaf.set(leaf[i], c);
	});
	const segments = size.map((sz) => ({ size: sz, rules: [] as Rule[], coverage: 0, precision: 0 }));
	const walk = (at: number, path: { column: number; left: boolean; value: number }[]): RuleNode => {
		if (!isSplit(e, at, leaves)) {
			const s = e.leafSegment[at], c = inLeaf.get(at) ?? { rows: 0, hit: 0 };
			segments[s].rules.push(leafRules(e.units, path, c.rows, c.hit, size[s]));
			return { segment: s + 1, rows: c.rows };
		}
		const node = e.nodes[at], u = e.units[node.column];
		const value = u.kind === 'numeric' ? e.original[at] : u.level!;
		const side = (left: boolean) => walk(left ? node.left : node.right, [...path, { column: node.column, left, value: e.original[at] }]);
		// Numeric: "x ≤ t" is the left branch; one-hot: "x = level" is the right one (indicator 1).
		const numeric = u.kind === 'numeric';
		return { feature: u.feature, op: numeric ? '<=' : '=', value, yes: side(numeric), no: side(!numeric) };
	};
	const tree = walk(0, []);
	for (const s of segments) {
		const rows = s.rules.reduce((a, r) => a + r.rows, 0), hit = s.rules.reduce((a, r) => a + r.inSegment, 0);
		s.coverage = s.size ? hit / s.size : 0;
		s.precision = rows ? hit / rows : 0;
	}
	const cost = costOf(e, labels);
	return { k: e.k, sample: e.sample, leaves, cost, baseCost: e.baseCost, costRatio: cost / e.baseCost, agreement: agreement(e.labels, labels), labels, segments, tree };
}

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
import type { Progress } from '../progress';
import { finish, ROWS_PER_STEP } from '../steps';
import { exkmcSteps } from './exkmc';
import { immSteps } from './imm';
import { columnUnits, originalValues, roundBetween, toOriginal, toPrepared, type ColumnUnits } from './original-units';
import { leafRules, type Rule } from './rule-text';
import { labelCost, labelCostSteps, type TreeNode } from './threshold-tree';

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
	return finish(explainSteps(table, matrix, labels, k, centers, maxLeaves, seed));
}

/**
 * explain() in steps of a few milliseconds, each yielding where it is (the engine worker checks for Cancel between
 * them: workers/job-control.ts). The fractions are rough shares of the time measured at 1,000,000 rows, k = 10.
 */
export function* explainSteps(table: Table, matrix: FeatureMatrix, labels: Int32Array, k: number, centers: Float64Array, maxLeaves = 4 * k, seed = 0): Generator<Progress, Explanation> {
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
	const tree = yield* stage(immSteps(Xs, ns, cols, centers, k, ls, place), { stage: 'Finding rules: the tree with one leaf per segment (IMM)', fraction: 0.05 });
	const ex = yield* stage(exkmcSteps(tree, Xs, ns, cols, centers, k, Math.max(k, maxLeaves), (i) => ls[i] >= 0, place), { stage: 'Finding rules: more leaves (ExKMC)', fraction: 0.3 });
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
		k, sample: sample ? { size: ns, of: rows } : null, maxLeaves: tree.filter((n) => n.column < 0).length + ex.splits.length, tradeoff: [], baseCost: 0, units,
		nodes: ex.nodes, original, splitStep, leafSegment: ex.leafSegment, immNodes: tree.length, labels, value: originalValues(table, matrix), X: matrix
	};
	base.baseCost = yield* stage(labelCostSteps(X, rows, cols, labels, k), { stage: 'Finding rules: the cost of the clusters', fraction: 0.55 });
	const sampleCost = sample ? labelCost(Xs, ns, cols, ls, k) : base.baseCost;
	for (let leaves = k; leaves <= base.maxLeaves; leaves++) {
		const at = { stage: `Finding rules: the price of ${leaves} leaves`, fraction: 0.6 + (0.4 * (leaves - k)) / Math.max(1, base.maxLeaves - k + 1) };
		yield at;
		const r = yield* stage(ruleLabelsSteps(base, leaves, sample), at);
		const masked = Int32Array.from(r.labels, (s, i) => (ls[i] < 0 ? -1 : s));
		base.tradeoff.push({ leaves, costRatio: labelCost(Xs, ns, cols, masked, k) / sampleCost, agreement: agreement(ls, r.labels) });
	}
	return base;
}

/** Runs the steps of one part, yielding `at` between them; returns the part's result. */
function* stage<T>(steps: Generator<unknown, T>, at: Progress): Generator<Progress, T> {
	for (;;) {
		const s = steps.next();
		if (s.done) return s.value;
		yield at;
	}
}

/** `size` distinct rows of 0 … n − 1, ascending, drawn with the seeded generator (partial Fisher–Yates). */
function sampleRows(n: number, size: number, seed: number): Int32Array {
	const rng = new Rng(seed);
	const idx = new Int32Array(n);
	for (let i = 0; i < n; i++) idx[i] = i;
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
function* ruleLabelsSteps(e: Explanation, leaves: number, subset: Int32Array | null = null): Generator<void, { labels: Int32Array; leaf: Int32Array }> {
	const n = subset ? subset.length : e.labels.length;
	const labels = new Int32Array(n), leaf = new Int32Array(n);
	for (let t = 0; t < n; t++) {
		if (t % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
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

function* costOfSteps(e: Explanation, ruled: Int32Array): Generator<void, number> {
	const masked = new Int32Array(ruled.length);
	for (let i = 0; i < masked.length; i++) masked[i] = e.labels[i] < 0 ? -1 : ruled[i];
	return yield* labelCostSteps(e.X.data, e.X.rows, e.X.cols, masked, e.k);
}

function agreement(labels: Int32Array, ruled: Int32Array): number {
	let n = 0, same = 0;
	for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) (n++, labels[i] === ruled[i] && same++);
	return n ? same / n : 1;
}

/** The rules with this many leaves (k … maxLeaves). */
export function rulesAt(e: Explanation, leaves: number): RuleSet {
	return finish(rulesAtSteps(e, leaves));
}

/** rulesAt() in steps (passes over every row in slices), each yielding where it is. */
export function* rulesAtSteps(e: Explanation, leaves: number): Generator<Progress, RuleSet> {
	leaves = Math.max(e.k, Math.min(e.maxLeaves, Math.round(leaves)));
	const { labels, leaf } = yield* stage(ruleLabelsSteps(e, leaves), { stage: `Finding rules: every row through the ${leaves}-leaf tree`, fraction: 0.1 });
	const size = new Array<number>(e.k).fill(0);
	const inLeaf = new Map<number, { rows: number; hit: number }>();
	for (let i = 0; i < e.labels.length; i++) {
		if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield { stage: 'Finding rules: coverage and precision', fraction: 0.4 };
		const s = e.labels[i];
		if (s < 0) continue;
		size[s]++;
		const c = inLeaf.get(leaf[i]) ?? { rows: 0, hit: 0 };
		c.rows++;
		if (labels[i] === s) c.hit++;
		inLeaf.set(leaf[i], c);
	}
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
	const cost = yield* stage(costOfSteps(e, labels), { stage: 'Finding rules: their cost', fraction: 0.6 });
	return { k: e.k, sample: e.sample, leaves, cost, baseCost: e.baseCost, costRatio: cost / e.baseCost, agreement: agreement(e.labels, labels), labels, segments, tree };
}

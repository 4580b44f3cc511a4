/**
 * Adjusted Rand index (Hubert & Arabie 1985) with scikit-learn 1.2 semantics
 * (`sklearn/metrics/cluster/_supervised.py::adjusted_rand_score` via `pair_confusion_matrix`): 1 when the two
 * labellings agree on every pair (including both all-one-cluster or both all-singletons, and empty input),
 * about 0 for independent labellings, negative when worse than chance. Label values are arbitrary integers.
 */
import { EngineError } from '../errors';

/** Cross-tabulation of two labellings: rows = sorted distinct labels of a, columns = those of b. */
export function contingency(a: Int32Array, b: Int32Array): { rowsLabels: number[]; colLabels: number[]; table: number[][] } {
	checkSameLength(a, b);
	const rowsLabels = distinctSorted(a);
	const colLabels = distinctSorted(b);
	const ri = new Map(rowsLabels.map((v, i) => [v, i]));
	const ci = new Map(colLabels.map((v, i) => [v, i]));
	const table = rowsLabels.map(() => new Array<number>(colLabels.length).fill(0));
	for (let i = 0; i < a.length; i++) table[ri.get(a[i])!][ci.get(b[i])!]++;
	return { rowsLabels, colLabels, table };
}

export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
	const { table } = contingency(a, b);
	const n = a.length;
	const nc = table.map((row) => row.reduce((s, v) => s + v, 0));
	const nk = new Array<number>(table[0]?.length ?? 0).fill(0);
	let sumSquares = 0;
	let crossA = 0; // Σ_ij n_ij · n_.j   (contingency.dot(n_k).sum())
	let crossB = 0; // Σ_ij n_ij · n_i.
	for (const row of table) for (let j = 0; j < row.length; j++) nk[j] += row[j];
	table.forEach((row, i) => {
		for (let j = 0; j < row.length; j++) {
			const v = row[j];
			sumSquares += v * v;
			crossA += v * nk[j];
			crossB += v * nc[i];
		}
	});
	// sklearn pair_confusion_matrix: ordered-pair counts.
	const tp = sumSquares - n;
	const fp = crossA - sumSquares;
	const fn = crossB - sumSquares;
	const tn = n * n - fp - fn - sumSquares;
	if (fn === 0 && fp === 0) return 1;
	return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function checkSameLength(a: Int32Array, b: Int32Array): void {
	if (a.length !== b.length) {
		throw new EngineError('bad-parameter', `The two labellings have different lengths (${a.length} and ${b.length}).`,
			'Compare labellings of the same rows.');
	}
}

function distinctSorted(v: Int32Array): number[] {
	return Array.from(new Set(v)).sort((x, y) => x - y);
}

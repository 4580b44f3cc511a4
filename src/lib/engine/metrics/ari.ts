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
	const ra = denseIndex(a), rb = denseIndex(b);
	const table = ra.labels.map(() => new Array<number>(rb.labels.length).fill(0));
	for (let i = 0; i < a.length; i++) table[ra.index[i]][rb.index[i]]++;
	return { rowsLabels: ra.labels, colLabels: rb.labels, table };
}

export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
	return ariFromTable(contingency(a, b).table);
}

/** ARI from a contingency table (empty rows or columns are harmless), so callers that already cross-tabulated need no second pass over the rows. */
export function ariFromTable(table: number[][]): number {
	let n = 0;
	for (const row of table) for (const v of row) n += v;
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

/**
 * Sorted distinct labels and each element's position among them. Segment labels are small integers, so a
 * lookup array over their range replaces a Map (one pass, no hashing); sparse huge ranges fall back to a Map.
 */
function denseIndex(v: Int32Array): { labels: number[]; index: Int32Array } {
	let lo = Infinity, hi = -Infinity;
	for (let i = 0; i < v.length; i++) {
		if (v[i] < lo) lo = v[i];
		if (v[i] > hi) hi = v[i];
	}
	const index = new Int32Array(v.length);
	if (v.length === 0) return { labels: [], index };
	if (hi - lo <= 4 * v.length + 1024) {
		const slot = new Int32Array(hi - lo + 1).fill(-1);
		for (let i = 0; i < v.length; i++) slot[v[i] - lo] = 0;
		const labels: number[] = [];
		for (let j = 0; j < slot.length; j++) if (slot[j] === 0) slot[j] = labels.push(j + lo) - 1;
		for (let i = 0; i < v.length; i++) index[i] = slot[v[i] - lo];
		return { labels, index };
	}
	const labels = Array.from(new Set(v)).sort((x, y) => x - y);
	const pos = new Map(labels.map((l, i) => [l, i]));
	for (let i = 0; i < v.length; i++) index[i] = pos.get(v[i])!;
	return { labels, index };
}

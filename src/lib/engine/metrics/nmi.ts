/**
 * Normalised mutual information with scikit-learn 1.2 semantics (`sklearn/metrics/cluster/_supervised.py::
 * normalized_mutual_info_score`, average_method='arithmetic'): MI / ((H(a) + H(b)) / 2), natural logarithms.
 * 1 when both labellings have one cluster (or are empty); 0 when MI is 0. Label values are arbitrary integers.
 */
import { contingency } from './ari';

/** Entropy of a labelling from its cluster sizes (sklearn `entropy`: 0 for a single cluster). */
function entropy(sizes: number[]): number {
	const pi = sizes.filter((v) => v > 0);
	if (pi.length === 1) return 0;
	const total = pi.reduce((s, v) => s + v, 0);
	const logTotal = Math.log(total);
	let h = 0;
	for (const p of pi) h += (p / total) * (Math.log(p) - logTotal);
	return -h;
}

/** Mutual information (nats) from a contingency table, as sklearn `mutual_info_score` (tiny terms zeroed, clipped at 0). */
export function mutualInfo(table: number[][]): number {
	const pi = table.map((row) => row.reduce((s, v) => s + v, 0));
	const pj = new Array<number>(table[0]?.length ?? 0).fill(0);
	for (const row of table) row.forEach((v, j) => (pj[j] += v));
	if (pi.length === 1 || pj.length === 1) return 0;
	const n = pi.reduce((s, v) => s + v, 0);
	const logN = Math.log(n);
	let mi = 0;
	for (let i = 0; i < table.length; i++) {
		for (let j = 0; j < pj.length; j++) {
			const v = table[i][j];
			if (v === 0) continue;
			const nm = v / n;
			const logOuter = -Math.log(pi[i] * pj[j]) + logN + logN;
			let term = nm * (Math.log(v) - logN) + nm * logOuter;
			if (Math.abs(term) < Number.EPSILON) term = 0;
			mi += term;
		}
	}
	return Math.max(0, mi);
}

export function normalizedMutualInfo(a: Int32Array, b: Int32Array): number {
	return nmiFromTable(contingency(a, b).table);
}

/** NMI from a contingency table; empty rows and columns (labels with no rows) are dropped first, as sklearn never sees them. */
export function nmiFromTable(full: number[][]): number {
	const colUsed = (full[0] ?? []).map((_, j) => full.some((row) => row[j] > 0));
	const table = full.filter((row) => row.some((v) => v > 0)).map((row) => row.filter((_, j) => colUsed[j]));
	const cols = table[0]?.length ?? 0;
	if ((table.length === 1 && cols === 1) || (table.length === 0 && cols === 0)) return 1;
	const mi = mutualInfo(table);
	if (mi === 0) return 0;
	const hA = entropy(table.map((row) => row.reduce((s, v) => s + v, 0)));
	const hB = entropy(Array.from({ length: cols }, (_, j) => table.reduce((s, row) => s + row[j], 0)));
	return mi / ((hA + hB) / 2);
}

/**
 * Per-cluster counts and centroids, shared by Davies–Bouldin and Calinski–Harabasz. Labels follow scikit-learn's
 * LabelEncoder: only the clusters actually present count (an unused label value is not a cluster). Label −1
 * means "not clustered" (noise, excluded rows) and is left out, as in the silhouette.
 */
import { EngineError } from '../errors';

export interface Centroids {
	/** Clusters present (L). */
	nLabels: number;
	/** Clustered rows (label ≠ −1). */
	n: number;
	/** Dense code 0..L-1 of each row (−1 for unclustered rows). */
	code: Int32Array;
	/** Rows per present cluster, length L. */
	counts: Float64Array;
	/** L × cols, row-major. */
	centroids: Float64Array;
	/** Mean of every clustered row, length cols. */
	mean: Float64Array;
}

/**
 * The rows with a label in [0, k) (−1 = not clustered is skipped), after checking shapes, labels and that every
 * clustered value is finite. Shared by every internal-validity metric, so they refuse bad input with one voice.
 */
export function checkedMembers(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, metric: string): Int32Array {
	return checkedMembersOrAll(X, rows, cols, labels, k, metric) ?? Int32Array.from({ length: rows }, (_, i) => i);
}

/**
 * Matrices whose every value was found finite by a check below. The metrics of one clustering each check the same
 * prepared matrix (silhouette, Davies–Bouldin, Calinski–Harabasz, for every k of a sweep), which is never written
 * after preparation: once is enough.
 */
const finite = new WeakSet<Float64Array>();

/** As checkedMembers, but null when every row is a member (no −1 label): large runs need not list 22M row numbers. */
export function checkedMembersOrAll(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, metric: string): Int32Array | null {
	if (X.length !== rows * cols || labels.length !== rows || cols < 1) {
		throw new EngineError('bad-parameter',
			`${metric} needs ${rows} labels for ${rows} rows × ${cols} features (got ${labels.length} labels, ${X.length} values).`,
			'Pass the labels of a clustering of this same feature matrix.');
	}
	// Counted first, then filled: a typed array of the exact size (a growing list of 22M numbers held 0.5 GB).
	let count = 0;
	for (let i = 0; i < rows; i++) if (labels[i] !== -1) count++;
	const members = new Int32Array(count === rows ? 0 : count);
	const checkValues = !finite.has(X);
	let at = 0;
	for (let i = 0; i < rows; i++) {
		const l = labels[i];
		if (l === -1) continue;
		if (l < 0 || l >= k) {
			throw new EngineError('bad-parameter', `Row ${i + 1} has cluster label ${l}, outside 0…${k - 1} (or −1 for none).`,
				'Pass labels from a clustering with the same k.');
		}
		if (checkValues) for (let j = 0; j < cols; j++) {
			if (!Number.isFinite(X[i * cols + j])) {
				throw new EngineError('bad-parameter', `Row ${i + 1} has a missing or infinite value; ${metric} needs finite numbers.`,
					'Impute or drop missing values first.');
			}
		}
		if (count !== rows) members[at++] = i;
	}
	if (count === rows) finite.add(X);
	return count === rows ? null : members;
}

/** Checks shapes, labels and values, then computes the centroids (one pass over X). */
export function clusterCentroids(
	X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, metric: string
): Centroids {
	const raw = new Float64Array(k);
	const members = checkedMembersOrAll(X, rows, cols, labels, k, metric);
	if (members === null) for (let i = 0; i < rows; i++) raw[labels[i]]++;
	else for (const i of members) raw[labels[i]]++;
	const dense = new Int32Array(k).fill(-1);
	let L = 0;
	for (let c = 0; c < k; c++) if (raw[c] > 0) dense[c] = L++;
	let n = 0;
	for (let c = 0; c < k; c++) n += raw[c];
	// sklearn's check_number_of_labels: 1 < n_labels < n_samples.
	if (L < 2 || L > n - 1) {
		throw new EngineError('bad-parameter',
			`${metric} needs between 2 and ${Math.max(2, n - 1)} clusters among the ${n} clustered rows; found ${L}.`,
			L < 2 ? 'Choose k ≥ 2, or check that the clustering produced more than one segment.' : 'Use fewer clusters than rows.');
	}
	const code = new Int32Array(rows);
	const counts = new Float64Array(L);
	const sums = new Float64Array(L * cols);
	const total = new Float64Array(cols);
	for (let i = 0; i < rows; i++) {
		const l = labels[i];
		if (l === -1) {
			code[i] = -1;
			continue;
		}
		const c = (code[i] = dense[l]);
		counts[c]++;
		for (let j = 0; j < cols; j++) {
			const v = X[i * cols + j];
			sums[c * cols + j] += v;
			total[j] += v;
		}
	}
	const centroids = new Float64Array(L * cols);
	for (let c = 0; c < L; c++) for (let j = 0; j < cols; j++) centroids[c * cols + j] = sums[c * cols + j] / counts[c];
	const mean = total.map((v) => v / n);
	return { nLabels: L, n, code, counts, centroids, mean };
}

/**
 * Silhouette coefficients (Rousseeuw 1987) with scikit-learn 1.2 semantics
 * (`sklearn/metrics/cluster/_unsupervised.py::silhouette_samples` / `silhouette_score`, metric='euclidean'):
 * labels are re-encoded to the clusters actually present, 2 ≤ clusters ≤ points − 1 is required, and a point
 * alone in its cluster scores 0. Label −1 means "not clustered" (noise, excluded rows): such rows are left out of
 * every distance and get NaN.
 */
import { checkedMembers, checkedMembersOrAll } from './cluster-centroids';
import { EngineError } from '../errors';
import { throttle, type ProgressFn } from '../progress';
import { Rng } from '../random';
import { clusterDistanceSums, silhouetteFromSums, type SilhouetteInput } from './silhouette-kernel';
import { kernelArena, type WasmArena } from '../cluster/kmeans-wasm';

export interface MetricControl {
	onProgress?: ProgressFn;
	signal?: AbortSignal;
}

/** Per-row silhouette (NaN for rows labelled −1). */
export function silhouetteSamples(
	X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, control: MetricControl = {}
): Float64Array {
	const members = clusteredRows(X, rows, cols, labels, k);
	const values = silhouetteOf(X, cols, labels, k, members, control);
	const out = new Float64Array(rows).fill(NaN);
	for (let t = 0; t < members.length; t++) out[members[t]] = values[t];
	return out;
}

/** Mean silhouette over the clustered rows (sklearn silhouette_score without sample_size). */
export function silhouetteScore(
	X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, control: MetricControl = {}
): number {
	const members = clusteredRows(X, rows, cols, labels, k);
	return mean(silhouetteOf(X, cols, labels, k, members, control));
}

/**
 * Silhouette on at most `sampleSize` clustered rows. Exact (all clustered rows; `values` per row of X, NaN for
 * −1, `sampleRows` null) when they fit; otherwise a seeded uniform sample without replacement, with distances
 * only among the sample as sklearn's `sample_size` does (`values[t]` belongs to row `sampleRows[t]`).
 */
export function sampledSilhouette(
	X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number,
	opts: { sampleSize?: number; seed: number }, control: MetricControl = {}
): { mean: number; sampleSize: number; exact: boolean; sampleRows: Int32Array | null; values: Float64Array } {
	const sampleSize = Math.floor(opts.sampleSize ?? 10000);
	if (!(sampleSize >= 2)) {
		throw new EngineError('bad-parameter', `The silhouette sample size must be at least 2 (got ${opts.sampleSize}).`,
			'Use the default of 10,000 rows.');
	}
	const some = checkedMembersOrAll(X, rows, cols, labels, k, 'The silhouette');
	const count = some ? some.length : rows;
	if (count <= sampleSize) {
		const members = some ?? Int32Array.from({ length: rows }, (_, i) => i);
		const values = silhouetteOf(X, cols, labels, k, members, control);
		const perRow = new Float64Array(rows).fill(NaN);
		for (let t = 0; t < members.length; t++) perRow[members[t]] = values[t];
		return { mean: mean(values), sampleSize: members.length, exact: true, sampleRows: null, values: perRow };
	}
	const picks = new Rng(opts.seed).sampleIndices(count, sampleSize);
	const sampleRows = new Int32Array(sampleSize);
	for (let t = 0; t < sampleSize; t++) sampleRows[t] = some ? some[picks[t]] : picks[t];
	const values = silhouetteOf(X, cols, labels, k, sampleRows, control);
	return { mean: mean(values), sampleSize, exact: false, sampleRows, values };
}

/** Rows with a label in [0, k), after checking shapes, labels and values. */
function clusteredRows(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number): Int32Array {
	return checkedMembers(X, rows, cols, labels, k, 'The silhouette');
}

/**
 * The sorted, padded kernel input for `members` (e.g. to split the pair loop across workers with
 * clusterDistanceSums' `rows` option and finish with silhouetteFromSums); `pos[t]` is member t's sorted row.
 */
export function silhouetteInput(
	X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, members: Int32Array | null = null
): { input: SilhouetteInput; pos: Int32Array } {
	return sortedInput(X, cols, labels, k, members ?? clusteredRows(X, rows, cols, labels, k));
}

/** Silhouette of `members` (row indices) against each other, in the order of `members`. */
function silhouetteOf(
	X: Float64Array, cols: number, labels: Int32Array, k: number, members: Int32Array, control: MetricControl
): Float64Array {
	const m = members.length;
	// Eight features (stride 8): the sorted rows and the sums in a WebAssembly arena, for the SIMD kernel.
	const arena = cols > 4 && cols <= 8 ? kernelArena(8 * m * (8 + k) + 64) : null;
	let sorted: Float64Array;
	let pos: Int32Array;
	try {
		const s = sortedInput(X, cols, labels, k, members, arena);
		pos = s.pos;
		const report = throttle(control.onProgress);
		const sums = clusterDistanceSums(s.input, { onProgress: report, signal: control.signal, stage: `silhouette on ${m} rows` });
		sorted = silhouetteFromSums(sums, s.input);
		report?.({ stage: `silhouette on ${m} rows`, fraction: 1 });
	} finally {
		arena?.close();
	}
	const out = new Float64Array(m);
	for (let t = 0; t < m; t++) out[t] = sorted[pos[t]];
	return out;
}

function sortedInput(
	X: Float64Array, cols: number, labels: Int32Array, k: number, members: Int32Array, arena: WasmArena | null = null
): { input: SilhouetteInput; pos: Int32Array } {
	const m = members.length;
	// Re-encode to the clusters present (sklearn's LabelEncoder) and bucket rows by cluster.
	const count = new Int32Array(k);
	for (let t = 0; t < m; t++) count[labels[members[t]]]++;
	const code = new Int32Array(k).fill(-1);
	let L = 0;
	for (let c = 0; c < k; c++) if (count[c] > 0) code[c] = L++;
	if (L < 2 || L > m - 1) {
		throw new EngineError('bad-parameter',
			`The silhouette needs between 2 and ${Math.max(2, m - 1)} clusters among the ${m} clustered rows; found ${L}.`,
			L < 2 ? 'Choose k ≥ 2, or check that the clustering produced more than one segment.' : 'Use fewer clusters than rows.');
	}
	const start = new Int32Array(L + 1);
	for (let c = 0; c < k; c++) if (code[c] >= 0) start[code[c] + 1] = count[c];
	for (let l = 0; l < L; l++) start[l + 1] += start[l];
	const stride = cols <= 4 ? 4 : cols <= 8 ? 8 : cols;
	const Y = arena ? arena.f64(m * stride) : new Float64Array(m * stride);
	const lab = new Int32Array(m);
	const pos = new Int32Array(m);
	const fill = start.slice(0, L);
	for (let t = 0; t < m; t++) {
		const r = members[t];
		const l = code[labels[r]];
		const at = fill[l]++;
		pos[t] = at;
		lab[at] = l;
		for (let j = 0; j < cols; j++) Y[at * stride + j] = X[r * cols + j];
	}
	return { input: { Y, m, stride, lab, nLabels: L, start }, pos };
}

function mean(values: Float64Array): number {
	let s = 0;
	for (let i = 0; i < values.length; i++) s += values[i];
	return s / values.length;
}

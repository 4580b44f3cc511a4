/**
 * The within-cluster dispersion W_k of R's `cluster::clusGap` (its internal `W.k`), for either `d.power`:
 *   W_k = ½ Σ_r (Σ_{i<j ∈ r} d_ij^p) / n_r,   d = Euclidean distance.
 * p = 2 is Tibshirani, Walther & Hastie's (2001) W_k: then Σ_{i<j} d_ij² / n_r is cluster r's sum of squares
 * about its mean, so W_k = ½ · inertia, computed in O(n·cols). p = 1 (clusGap's default) needs every within-
 * cluster pair: O(Σ n_r² · cols), so it is offered up to GAP_D1_MAX_ROWS rows.
 */
import { EngineError } from '../errors';

export type GapDPower = 1 | 2;
export const GAP_D_POWERS: GapDPower[] = [2, 1];
export const DEFAULT_GAP_D_POWER: GapDPower = 2;
/** d.power = 1 sums every within-cluster pair of distances; above this many rows that is too slow (B × k sets). */
export const GAP_D1_MAX_ROWS = 20_000;

/** In words, for every place the gap is shown. */
export function gapDPowerLabel(p: GapDPower): string {
	return p === 2 ? 'd.power 2 (squared distances, Tibshirani et al.)' : "d.power 1 (distances, R clusGap's default)";
}

export function checkGapRows(rows: number, p: GapDPower): void {
	if (p === 1 && rows > GAP_D1_MAX_ROWS) {
		throw new EngineError('too-large', `The gap statistic with d.power 1 sums every pair of distances within each segment; ${rows.toLocaleString('en')} rows is above its limit of ${GAP_D1_MAX_ROWS.toLocaleString('en')}.`,
			'Use d.power 2 (squared distances: any number of rows), or cluster a sample.');
	}
}

/** W_k of rows X (rows × cols) labelled 0..k−1 (every label in range), with distances raised to `p`. */
export function withinDispersion(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number, p: GapDPower): number {
	const counts = new Float64Array(k);
	for (let i = 0; i < rows; i++) counts[labels[i]]++;
	if (p === 2) {
		const mean = new Float64Array(k * cols);
		for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[labels[i] * cols + j] += X[i * cols + j];
		for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) if (counts[c] > 0) mean[c * cols + j] /= counts[c];
		let ss = 0;
		for (let i = 0; i < rows; i++) {
			const o = labels[i] * cols;
			for (let j = 0; j < cols; j++) {
				const d = X[i * cols + j] - mean[o + j];
				ss += d * d;
			}
		}
		return 0.5 * ss;
	}
	// p = 1: rows grouped by segment, then every pair inside a segment.
	checkGapRows(rows, p);
	const start = new Int32Array(k + 1);
	for (let c = 0; c < k; c++) start[c + 1] = start[c] + counts[c];
	const fill = start.slice(0, k);
	const order = new Int32Array(rows);
	for (let i = 0; i < rows; i++) order[fill[labels[i]]++] = i;
	let W = 0;
	for (let c = 0; c < k; c++) {
		let s = 0;
		for (let a = start[c]; a < start[c + 1]; a++) {
			const ia = order[a] * cols;
			for (let b = a + 1; b < start[c + 1]; b++) {
				const ib = order[b] * cols;
				let d2 = 0;
				for (let j = 0; j < cols; j++) {
					const t = X[ia + j] - X[ib + j];
					d2 += t * t;
				}
				s += Math.sqrt(d2);
			}
		}
		if (counts[c] > 0) W += s / counts[c];
	}
	return 0.5 * W;
}

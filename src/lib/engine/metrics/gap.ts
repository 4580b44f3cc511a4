/**
 * Gap statistic (Tibshirani, Walther & Hastie 2001, "Estimating the number of clusters in a data set via the gap
 * statistic", JRSS B 63(2)), following R's `cluster::clusGap` (Maechler et al.) with spaceH0 = "scaledPCA" and
 * either d.power: 2 (the default here: the paper's W_k, half the pooled within-cluster sum of squares) or 1
 * (clusGap's default: distances, not squared); W_k as clusGap's `W.k` (gap-within.ts), so log W matches R's:
 *   reference data: uniform in the bounding box of the data rotated onto its principal axes (paper's method b);
 *   Gap(k) = mean_b log W*_kb − log W_k;  s_k = sqrt(1 + 1/B) · sd_b(log W*_kb) (sd with divisor B − 1);
 *   the chosen k: `maxSE(..., method = "firstSEmax")`.
 * Reference data are generated in the rotated frame and clustered there: W is invariant to the rotation and
 * translation back (clusGap rotates back only because its clustering function may not be).
 * Each k is independent (the reference sets depend only on the seed and b), so k values can run in any worker.
 */
import { EngineError } from '../errors';
import { throwIfAborted, type ProgressFn } from '../progress';
import { pca, pcaTransform } from '../project/pca';
import { deriveSeed, Rng } from '../random';
import { DEFAULT_GAP_D_POWER, withinDispersion, type GapDPower } from './gap-within';

/** Where reference data are drawn: the box [lo, hi] of the data's principal-component scores. */
export interface GapFrame {
	rows: number;
	cols: number;
	lo: Float64Array;
	hi: Float64Array;
}

/** Clusters Z (rows × cols) into k groups and returns its W_k (withinDispersion, with the run's d.power). */
export type WithinSS = (Z: Float64Array, rows: number, cols: number, k: number, seed: number) => number;

export interface GapPoint {
	k: number;
	/** log W_k of the data. */
	logW: number;
	/** Mean of log W*_kb over the B reference sets. */
	expectedLogW: number;
	gap: number;
	/** s_k = sqrt(1 + 1/B) · sd(log W*_kb). */
	se: number;
	B: number;
	/** clusGap's d.power: 2 = squared distances (W_k = ½ · within-cluster sum of squares), 1 = distances. */
	dPower: GapDPower;
}

export function gapFrame(X: Float64Array, rows: number, cols: number): GapFrame {
	if (rows < 2) throw new EngineError('bad-parameter', `The gap statistic needs at least 2 rows (got ${rows}).`, 'Cluster more rows.');
	const model = pca(X, rows, cols, cols);
	const nc = model.nComponents;
	const T = pcaTransform(model, X, rows, cols);
	const lo = new Float64Array(nc).fill(Infinity);
	const hi = new Float64Array(nc).fill(-Infinity);
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < nc; j++) {
			const v = T[i * nc + j];
			if (v < lo[j]) lo[j] = v;
			if (v > hi[j]) hi[j] = v;
		}
	}
	return { rows, cols: nc, lo, hi };
}

/** Reference set b (0-based) for a run seeded with `seed`: the same numbers in every worker. */
export function referenceSet(frame: GapFrame, seed: number, b: number): Float64Array {
	const rng = new Rng(deriveSeed(seed, 0x6a9, b));
	const { rows, cols, lo, hi } = frame;
	const Z = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) Z[i * cols + j] = lo[j] + (hi[j] - lo[j]) * rng.next();
	return Z;
}

/** Total sum of squares about the mean: W_1. */
export function totalSS(X: Float64Array, rows: number, cols: number): number {
	const mean = new Float64Array(cols);
	for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += X[i * cols + j];
	for (let j = 0; j < cols; j++) mean[j] /= rows;
	let s = 0;
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) {
			const d = X[i * cols + j] - mean[j];
			s += d * d;
		}
	}
	return s;
}

/**
 * Gap(k) given the data's own W_k (already known from the main clustering). For k = 1, W is the total sum of
 * squares and nothing is clustered.
 */
export function gapAtK(
	frame: GapFrame, k: number, dataW: number, B: number, seed: number, withinSS: WithinSS,
	control: { onProgress?: ProgressFn; signal?: AbortSignal } = {}, dPower: GapDPower = DEFAULT_GAP_D_POWER
): GapPoint {
	if (!Number.isInteger(B) || B < 2) throw new EngineError('bad-parameter', `The gap statistic needs B ≥ 2 reference sets (got ${B}).`, 'Use B = 20 or more.');
	const logs = new Float64Array(B);
	for (let b = 0; b < B; b++) {
		throwIfAborted(control.signal);
		control.onProgress?.({ stage: `Gap statistic, k = ${k}: reference set ${b + 1} of ${B}`, fraction: b / B });
		const Z = referenceSet(frame, seed, b);
		const w = k === 1 ? withinDispersion(Z, frame.rows, frame.cols, new Int32Array(frame.rows), 1, dPower) : withinSS(Z, frame.rows, frame.cols, k, deriveSeed(seed, 0x6a9, b, k));
		logs[b] = Math.log(w);
	}
	let m = 0;
	for (const v of logs) m += v;
	m /= B;
	let ss = 0;
	for (const v of logs) ss += (v - m) * (v - m);
	const logW = Math.log(dataW);
	return { k, logW, expectedLogW: m, gap: m - logW, se: Math.sqrt((1 + 1 / B) * (ss / (B - 1))), B, dPower };
}

/**
 * R `cluster::maxSE(f, SE.f, method = "firstSEmax", SE.factor = 1)`: find the first local maximum of f, then the
 * smallest k whose f is within one SE of it. Returns a 0-based index into f.
 */
export function firstSEmax(f: number[], se: number[], seFactor = 1): number {
	const K = f.length;
	if (K === 0) return -1;
	let nc = K - 1;
	for (let i = 0; i < K - 1; i++) {
		if (f[i + 1] - f[i] <= 0) {
			nc = i;
			break;
		}
	}
	for (let i = 0; i < nc; i++) if (f[i] >= f[nc] - seFactor * se[nc]) return i;
	return nc;
}

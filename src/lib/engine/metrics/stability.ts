/**
 * Stability of a clustering under resampling, after Hennig (2007), "Cluster-wise assessment of cluster stability"
 * (CSDA 52) and R's `fpc::clusterboot`: draw B resamples of the rows (bootstrap: n with replacement, as
 * clusterboot's default; or subsample: a fraction without replacement), recluster each with the same method and
 * k, and compare with the full-data solution on the resampled rows (duplicates included, as clusterboot does):
 *   - ARI between the resample's labels and the full labels, one value per resample;
 *   - per segment, the Jaccard similarity |C ∩ D| / |C ∪ D| to the most similar resample cluster D, averaged over
 *     the resamples where the segment is present (clusterboot's `bootmean`).
 * Labels: stable ≥ 0.75, doubtful 0.6–0.75, dissolving < 0.6 (Hennig's guidance for the bootstrap).
 */
import { EngineError } from '../errors';
import { throwIfAborted, type ProgressFn } from '../progress';
import { deriveSeed, Rng } from '../random';
import { adjustedRandIndex } from './ari';

export type StabilityLabel = 'stable' | 'doubtful' | 'dissolving';
export type ResampleScheme = 'bootstrap' | 'subsample';

export interface StabilityOptions {
	B: number;
	scheme: ResampleScheme;
	/** Share of rows drawn by `subsample` (default 0.5, clusterboot's floor(n/2)). */
	fraction?: number;
	seed: number;
}

/** Clusters Z (rows × cols) into k groups; labels 0..k-1. */
export type ClusterLabels = (Z: Float64Array, rows: number, cols: number, k: number, seed: number) => Int32Array;

export interface StabilityResult {
	B: number;
	scheme: ResampleScheme;
	/** ARI of each resample's solution with the full one. */
	ari: number[];
	meanAri: number;
	/** Per segment (full solution's labels 0..k-1): mean Jaccard over resamples (NaN if never present). */
	jaccard: number[];
	labels: StabilityLabel[];
	/** Per segment, the resamples in which it dissolved (best Jaccard < 0.5). */
	dissolved: number[];
}

export function stabilityLabel(j: number): StabilityLabel {
	return j >= 0.75 ? 'stable' : j >= 0.6 ? 'doubtful' : 'dissolving';
}

export function stability(
	X: Float64Array, rows: number, cols: number, full: Int32Array, k: number, opts: StabilityOptions, cluster: ClusterLabels,
	control: { onProgress?: ProgressFn; signal?: AbortSignal } = {}
): StabilityResult {
	const { B, scheme } = opts;
	if (!Number.isInteger(B) || B < 1) throw new EngineError('bad-parameter', `Stability needs B ≥ 1 resamples (got ${B}).`, 'Use B = 20 (the default).');
	const fraction = opts.fraction ?? 0.5;
	const m = scheme === 'bootstrap' ? rows : Math.floor(rows * fraction);
	if (m <= k) throw new EngineError('bad-parameter', `A resample of ${m} rows cannot hold ${k} segments.`, 'Use the bootstrap, a larger fraction, or a smaller k.');
	const ari: number[] = [];
	const jSum = new Float64Array(k);
	const jCount = new Float64Array(k);
	const dissolved = new Array<number>(k).fill(0);
	for (let b = 0; b < B; b++) {
		throwIfAborted(control.signal);
		control.onProgress?.({ stage: `Stability, k = ${k}: resample ${b + 1} of ${B}`, fraction: b / B });
		const rng = new Rng(deriveSeed(opts.seed, 0x57ab, b));
		const pick = scheme === 'bootstrap' ? Int32Array.from({ length: m }, () => rng.int(rows)) : rng.sampleIndices(rows, m);
		const Z = new Float64Array(m * cols);
		const orig = new Int32Array(m);
		for (let t = 0; t < m; t++) {
			Z.set(X.subarray(pick[t] * cols, (pick[t] + 1) * cols), t * cols);
			orig[t] = full[pick[t]];
		}
		const got = cluster(Z, m, cols, k, deriveSeed(opts.seed, 0x57ab, b, k));
		ari.push(adjustedRandIndex(orig, got));
		const best = bestJaccard(orig, got, k);
		for (let c = 0; c < k; c++) {
			if (Number.isNaN(best[c])) continue;
			jSum[c] += best[c];
			jCount[c]++;
			if (best[c] < 0.5) dissolved[c]++;
		}
	}
	control.onProgress?.({ stage: `Stability, k = ${k}`, fraction: 1 });
	const jaccard = Array.from(jSum, (s, c) => (jCount[c] > 0 ? s / jCount[c] : NaN));
	return {
		B, scheme, ari,
		meanAri: ari.reduce((a, v) => a + v, 0) / ari.length,
		jaccard,
		labels: jaccard.map((j) => stabilityLabel(Number.isNaN(j) ? 0 : j)),
		dissolved
	};
}

/** For each cluster c of `a` (0..k-1), the best Jaccard with any cluster of `b`; NaN when c is absent from `a`. */
export function bestJaccard(a: Int32Array, b: Int32Array, k: number): number[] {
	let kb = 0;
	for (let i = 0; i < b.length; i++) if (b[i] + 1 > kb) kb = b[i] + 1;
	const both = new Float64Array(k * kb);
	const na = new Float64Array(k);
	const nb = new Float64Array(kb);
	for (let i = 0; i < a.length; i++) {
		if (a[i] < 0 || b[i] < 0) continue;
		both[a[i] * kb + b[i]]++;
		na[a[i]]++;
		nb[b[i]]++;
	}
	const out: number[] = [];
	for (let c = 0; c < k; c++) {
		if (na[c] === 0) {
			out.push(NaN);
			continue;
		}
		let best = 0;
		for (let d = 0; d < kb; d++) {
			const inter = both[c * kb + d];
			const j = inter / (na[c] + nb[d] - inter);
			if (j > best) best = j;
		}
		out.push(best);
	}
	return out;
}

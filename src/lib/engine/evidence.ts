/**
 * The evidence for choosing k, per k of a sweep and for the run as a whole: silhouette (exact, or repeated
 * seeded samples with a 95% interval above EXACT_SILHOUETTE_MAX rows), Davies–Bouldin, Calinski–Harabasz, and on
 * request the gap statistic and resampling stability. Everything is seeded from the recipe's seed (and k), so a
 * k gives the same numbers in whichever worker runs it.
 */
import { kmeans } from './cluster/kmeans';
import { centroidsOf, clusterAtK } from './cluster-k';
import { calinskiHarabasz } from './metrics/calinski-harabasz';
import { daviesBouldin } from './metrics/davies-bouldin';
import { clusterCentroids } from './metrics/cluster-centroids';
import { gapAtK, gapFrame, totalSS, type GapFrame, type GapPoint, type WithinSS } from './metrics/gap';
import { checkGapRows, DEFAULT_GAP_D_POWER, withinDispersion, type GapDPower } from './metrics/gap-within';
import { silhouetteEstimate } from './metrics/silhouette-ci';
import { stability, type ClusterLabels, type StabilityResult } from './metrics/stability';
import { subProgress, type RunControl } from './progress';
import { deriveSeed } from './random';
import type { Recipe } from './recipe';
import type { FeatureMatrix } from './types';

/** Exact silhouette (every pair of rows) up to this many clustered rows. */
export const EXACT_SILHOUETTE_MAX = 10_000;
/** Above it: this many seeded samples of this many rows, and a 95% interval from their spread. */
export const SILHOUETTE_SAMPLE_SIZE = 5_000;
export const SILHOUETTE_REPEATS = 5;

export const DEFAULT_B = 20;

export interface KMetrics {
	silhouette: number;
	silhouetteSampleSize: number;
	silhouetteExact: boolean;
	/** Samples behind the silhouette (1 when exact). */
	silhouetteRepeats: number;
	/** 95% interval of the mean silhouette when sampled, else null. */
	silhouetteCi: [number, number] | null;
	/** Per-row silhouette for the plot: of every clustered row when exact, else of the rows in silhouetteRows. */
	silhouetteValues: Float32Array;
	/** Clustered-row indices of a sampled silhouette's values; null when exact. */
	silhouetteRows: Int32Array | null;
	daviesBouldin: number;
	calinskiHarabasz: number;
	gap: GapPoint | null;
	stability: StabilityResult | null;
}

export function silhouetteNote(rows: number): string | null {
	if (rows <= EXACT_SILHOUETTE_MAX) return null;
	return `Silhouette is estimated from ${SILHOUETTE_REPEATS} seeded random samples of ${SILHOUETTE_SAMPLE_SIZE.toLocaleString('en')} of the ${rows.toLocaleString('en')} clustered rows, with a 95% interval (exact silhouette needs every pair of rows).`;
}

/** The recipe's algorithm as "cluster these rows into k": used to recluster resamples and reference data. */
function clusterer(recipe: Recipe, dPower: GapDPower = DEFAULT_GAP_D_POWER): { labels: ClusterLabels; withinSS: WithinSS } {
	const alg = recipe.algorithm;
	const run = (Z: Float64Array, rows: number, cols: number, k: number, seed: number): { labels: Int32Array; inertia: number } => {
		// The Recipe's nInit without the extra restarts for small data: B reference sets or resamples per k.
		if (alg.name === 'kmeans') return kmeans(Z, rows, cols, k, { nInit: alg.nInit, maxIter: alg.maxIter, tol: alg.tol, refine: alg.refine }, { seed });
		// The same algorithm on the resample or reference set (clusterAtK derives its own per-k seed from this one).
		const r = clusterAtK(Z, rows, cols, alg, k, seed);
		return { labels: r.labels, inertia: r.inertia ?? centroidsOf(Z, rows, cols, r.labels, r.k).inertia };
	};
	const within: WithinSS = (Z, r, c, k, s) => {
		const out = run(Z, r, c, k, s);
		return dPower === 2 ? 0.5 * out.inertia : withinDispersion(Z, r, c, out.labels, k, dPower);
	};
	return { labels: (Z, r, c, k, s) => run(Z, r, c, k, s).labels, withinSS: within };
}

const frames = new WeakMap<Float64Array, GapFrame>();
function frameOf(m: FeatureMatrix): GapFrame {
	let f = frames.get(m.data);
	if (!f) frames.set(m.data, (f = gapFrame(m.data, m.rows, m.cols)));
	return f;
}

/** Gap at k = 1 (no clustering needed), when the recipe asks for the gap statistic. */
export function gapAtOne(matrix: FeatureMatrix, recipe: Recipe, control: RunControl = {}): GapPoint | null {
	const B = recipe.evidence?.gapB;
	if (!B) return null;
	const p = gapDPowerOf(recipe);
	checkGapRows(matrix.rows, p);
	const W = p === 2 ? 0.5 * totalSS(matrix.data, matrix.rows, matrix.cols) : withinDispersion(matrix.data, matrix.rows, matrix.cols, new Int32Array(matrix.rows), 1, p);
	return gapAtK(frameOf(matrix), 1, W, B, recipe.seed, clusterer(recipe, p).withinSS, control, p);
}

/** The recipe's d.power for the gap statistic (2 when not set: Tibshirani et al.'s squared distances). */
export function gapDPowerOf(recipe: Recipe): GapDPower {
	return recipe.evidence?.gapDPower ?? DEFAULT_GAP_D_POWER;
}

/** Every metric of one k's labels (segments 0..k-1, every row clustered). */
export function kMetrics(matrix: FeatureMatrix, recipe: Recipe, k: number, labels: Int32Array, inertia: number, control: RunControl = {}): KMetrics {
	const { data, rows, cols } = matrix;
	const { signal, onProgress } = control;
	const ev = recipe.evidence;
	const parts = 1 + (ev?.gapB ? 2 : 0) + (ev?.stabilityB ? 2 : 0);
	let at = 0;
	const slice = (w: number) => subProgress(onProgress, at / parts, (at += w) / parts);
	const sil = silhouetteEstimate(data, rows, cols, labels, k,
		{ exactMax: EXACT_SILHOUETTE_MAX, sampleSize: SILHOUETTE_SAMPLE_SIZE, repeats: SILHOUETTE_REPEATS, seed: deriveSeed(recipe.seed, 0x5117) },
		{ signal, onProgress: slice(1) });
	const p = gapDPowerOf(recipe);
	const { labels: clusterLabels, withinSS } = clusterer(recipe, p);
	const dataW = () => (p === 2 ? 0.5 * inertia : withinDispersion(data, rows, cols, labels, k, p));
	const gap = ev?.gapB ? gapAtK(frameOf(matrix), k, dataW(), ev.gapB, recipe.seed, withinSS, { signal, onProgress: slice(2) }, p) : null;
	const stab = ev?.stabilityB
		? stability(data, rows, cols, labels, k, { B: ev.stabilityB, scheme: ev.stabilityScheme ?? 'bootstrap', seed: recipe.seed }, clusterLabels, { signal, onProgress: slice(2) })
		: null;
	// One pass of checks and centroids for both centroid-based indices.
	const centroids = clusterCentroids(data, rows, cols, labels, k, 'The Davies–Bouldin index');
	return {
		silhouette: sil.mean,
		silhouetteSampleSize: sil.sampleSize,
		silhouetteExact: sil.exact,
		silhouetteRepeats: sil.repeats,
		silhouetteCi: sil.ci,
		silhouetteValues: Float32Array.from(sil.values),
		silhouetteRows: sil.sampleRows,
		daviesBouldin: daviesBouldin(data, rows, cols, labels, k, centroids),
		calinskiHarabasz: calinskiHarabasz(data, rows, cols, labels, k, centroids),
		gap,
		stability: stab
	};
}

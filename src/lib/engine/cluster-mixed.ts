/**
 * The two algorithms for mixed numbers and categories, as one call "cluster these prepared rows for this k":
 * PAM on Gower distances (cluster/pam.ts; the distance matrix built once per prepared matrix and kept, so a
 * worker running several k values builds it once) and k-prototypes (cluster/kprototypes.ts). Both read the
 * prepared features through mixedView, so categories stay categories. Their evidence: the silhouette on Gower
 * distances (exact for PAM; for k-prototypes on a seeded sample of at most KPROTO_SILHOUETTE_ROWS rows, the
 * Gower scaling fitted on all rows) and the elbow of their own cost. Davies–Bouldin and Calinski–Harabasz
 * measure distances to centroids in Euclidean space and do not apply.
 */
import { gowerDistances, gowerScale, gowerSubset } from './cluster/gower';
import { huangGamma, kprototypes } from './cluster/kprototypes';
import { pam } from './cluster/pam';
import type { ClusterOutcome } from './cluster-k';
import { EngineError } from './errors';
import type { KMetrics } from './evidence';
import { silhouetteFromDissimilarity } from './metrics/silhouette-dissimilarity';
import { mixedView, prototypeToPrepared, type MixedView } from './mixed-data';
import type { RunControl } from './progress';
import { subProgress } from './progress';
import { deriveSeed, Rng } from './random';
import type { KPrototypesSpec, PamSpec } from './recipe';
import type { FeatureMatrix } from './types';

export const KPROTO_SILHOUETTE_ROWS = 2_000;

/** What a mixed-data run adds to a k's summary (segments in the run's size order once relabelled). */
export interface MixedOutput {
	algorithm: 'pam' | 'kprototypes';
	/** PAM: sum of Gower distances to the medoids; k-prototypes: Huang's cost. */
	cost: number;
	/** PAM: clustered-row index of each segment's medoid. */
	medoids?: number[];
	swaps?: number;
	/** k-prototypes: the γ used and where it came from. */
	gamma?: number;
	gammaRule?: 'huang' | 'recipe';
	passes?: number;
	/** Gower scaling fitted on the clustered rows (min and range per feature): how new rows are compared to medoids. */
	gowerMin?: number[];
	gowerRange?: number[];
}

export type MixedOutcome = ClusterOutcome & { mixed: MixedOutput; silhouette: { values: Float64Array; mean: number; rows: Int32Array | null } };

const views = new WeakMap<Float64Array, MixedView>();
const matrices = new WeakMap<Float64Array, Float64Array>();

export function viewOf(m: FeatureMatrix): MixedView {
	let v = views.get(m.data);
	if (!v) views.set(m.data, (v = mixedView(m.data, m.rows, m.fitted)));
	return v;
}

function gowerOf(m: FeatureMatrix, control: RunControl): Float64Array {
	let D = matrices.get(m.data);
	if (!D) matrices.set(m.data, (D = gowerDistances(viewOf(m).gower, m.rows, control)));
	return D;
}

export function clusterMixedAtK(m: FeatureMatrix, alg: PamSpec | KPrototypesSpec, k: number, seed: number, control: RunControl = {}): MixedOutcome {
	const { signal, onProgress } = control;
	const view = viewOf(m);
	const scale = gowerScale(view.gower);
	const gowerFit = { gowerMin: Array.from(scale.min), gowerRange: Array.from(scale.range) };
	if (alg.name === 'pam') {
		const D = gowerOf(m, { signal, onProgress: subProgress(onProgress, 0, 0.3) });
		const r = pam(D, m.rows, k, { signal, onProgress: subProgress(onProgress, 0.3, 0.9) });
		const sil = silhouetteFromDissimilarity(D, m.rows, r.labels, k, { signal });
		const centers = new Float64Array(k * m.cols);
		r.medoids.forEach((row, s) => centers.set(m.data.subarray(row * m.cols, (row + 1) * m.cols), s * m.cols));
		return {
			labels: r.labels, k, centers, inertia: r.cost, iterations: r.swaps, converged: true,
			mixed: { algorithm: 'pam', cost: r.cost, medoids: Array.from(r.medoids), swaps: r.swaps, ...gowerFit },
			silhouette: { values: sil.values, mean: sil.mean, rows: null }
		};
	}
	if (m.rows < k) throw new EngineError('bad-parameter', `k = ${k} is more segments than rows (${m.rows}).`, 'Choose a smaller k.');
	const r = kprototypes(view.rows, k, { gamma: alg.gamma, nInit: alg.nInit, maxPasses: alg.maxPasses }, { seed: deriveSeed(seed, k), signal, onProgress: subProgress(onProgress, 0, 0.85) });
	const sample = m.rows <= KPROTO_SILHOUETTE_ROWS ? Int32Array.from({ length: m.rows }, (_, i) => i) : new Rng(deriveSeed(seed, k, 0x5117)).sampleIndices(m.rows, KPROTO_SILHOUETTE_ROWS);
	const sub = gowerSubset(view.gower, m.rows, sample, scale);
	const subLabels = Int32Array.from(sample, (i) => r.labels[i]);
	const sil = silhouetteFromDissimilarity(sub, sample.length, subLabels, k, { signal });
	return {
		labels: r.labels, k, centers: prototypeToPrepared(r.means, r.modes, k, view, m.fitted), inertia: r.cost, iterations: r.passes, converged: r.converged,
		mixed: { algorithm: 'kprototypes', cost: r.cost, gamma: r.gamma, gammaRule: alg.gamma == null ? 'huang' : 'recipe', passes: r.passes, ...gowerFit },
		silhouette: { values: sil.values, mean: sil.mean, rows: sample.length === m.rows ? null : sample }
	};
}

/** The evidence of a mixed-data k: its Gower silhouette; Davies–Bouldin and Calinski–Harabasz do not apply. */
export function mixedMetrics(o: MixedOutcome, rows: number): KMetrics {
	const exact = o.silhouette.rows === null;
	return {
		silhouette: o.silhouette.mean,
		silhouetteSampleSize: exact ? rows : o.silhouette.rows!.length,
		silhouetteExact: exact,
		silhouetteRepeats: 1,
		silhouetteCi: null,
		silhouetteValues: Float32Array.from(o.silhouette.values),
		silhouetteRows: o.silhouette.rows,
		daviesBouldin: NaN,
		calinskiHarabasz: NaN,
		gap: null,
		stability: null
	};
}

/** Notes for the run: what the two algorithms compare and how γ was chosen. */
export function mixedNote(alg: PamSpec | KPrototypesSpec, m: FeatureMatrix): string {
	const v = viewOf(m);
	const cats = v.categoricalFeatures.length, nums = v.numericFeatures.length;
	const what = `${nums} numeric and ${cats} categorical feature${cats === 1 ? '' : 's'}`;
	if (alg.name === 'pam') {
		return `PAM (k-medoids) on Gower distances over ${what}: each numeric feature counts its difference over its range, each category counts a match or mismatch, so no feature dominates; every segment is represented by a real customer (its medoid). Same medoids as R's cluster::pam(daisy(x, "gower")). Silhouette on Gower distances; Davies–Bouldin and Calinski–Harabasz do not apply.`;
	}
	const g = alg.gamma ?? kprototypesGamma(m);
	const rule = alg.gamma == null ? `Huang's rule: half the mean standard deviation of the prepared numeric features` : 'set in the recipe';
	return `k-prototypes (Huang 1998) over ${what}: squared distance on the numbers plus γ × the categories that differ from the segment's most common value. γ = ${fmt(g)} (${rule}); a larger γ lets the categories weigh more. Silhouette on Gower distances${m.rows > KPROTO_SILHOUETTE_ROWS ? ` of a seeded sample of ${KPROTO_SILHOUETTE_ROWS.toLocaleString('en')} rows` : ''}; the elbow reads Huang's cost.`;
}

export function kprototypesGamma(m: FeatureMatrix): number {
	return huangGamma(viewOf(m).rows);
}

function fmt(v: number): string {
	return Number(v.toPrecision(3)).toString();
}

/**
 * The recipe's algorithm as one call: "cluster these rows for this k". k-means, mini-batch k-means and Gaussian
 * mixtures run per k, seeded by (seed, k); hierarchical clustering builds one tree per prepared matrix (cached
 * here, so a worker running several k values builds it once) and cuts it; DBSCAN has no k and returns its own
 * cluster count, noise labelled −1 (scikit-learn's convention).
 */
import { gmmRestarts } from './cluster/gmm-restarts';
import { kmeansEarlyStop, kmeansRestarts } from './cluster/kmeans-restarts';
import { kmeansRefine } from './cluster/kmeans-refine';
import { dbscan } from './cluster/dbscan';
import { hdbscan } from './cluster/hdbscan';
import { gmm } from './cluster/gmm';
import { hierarchical, hierarchicalLabels, type HierarchicalResult } from './cluster/hierarchical-micro';
import { LINKAGE_MAX_ROWS } from './cluster/hierarchical';
import { kDistance, suggestEps } from './cluster/k-distance';
import { kmeans } from './cluster/kmeans';
import { minibatchKmeans } from './cluster/minibatch-kmeans';
import { EngineError } from './errors';
import type { RunControl } from './progress';
import { subProgress } from './progress';
import { deriveSeed } from './random';
import type { AlgorithmSpec, CovarianceKind, LinkageMethod } from './recipe';

/** The tree of a hierarchical run (SciPy linkage matrix over `leaves` leaves: rows, or micro-clusters). */
export interface HierarchyOutput {
	linkage: LinkageMethod;
	Z: Float64Array;
	leaves: number;
	approximate: boolean;
	microClusters: number;
}

export interface DbscanOutput {
	eps: number;
	minPts: number;
	noise: number;
	/** 1 for core rows (clustered-row order). */
	core: Uint8Array;
	coreCount: number;
	/** The sorted minPts-distance curve, reduced to at most KDIST_POINTS quantiles for the plot. */
	kDistance: Float64Array;
	suggestedEps: number;
}

/** A cluster of HDBSCAN's condensed tree (index 0 is the root), λ = 1 / mutual-reachability distance. */
export interface CondensedNode {
	parent: number;
	birth: number;
	death: number;
	size: number;
	stability: number;
	/** Segment (after relabelling by size) when chosen, else −1. */
	segment: number;
}

export interface HdbscanOutput {
	minClusterSize: number;
	minSamples: number;
	selection: 'eom' | 'leaf';
	noise: number;
	/** Membership strength of each clustered row in [0, 1] (0 for noise), scikit-learn's `probabilities_`. */
	probabilities: Float64Array;
	/** GLOSH outlier score of each clustered row in [0, 1], higher = more outlying. */
	outlierScores: Float64Array;
	/** Stability of each segment's cluster, by segment. */
	stabilities: number[];
	tree: CondensedNode[];
}

export interface GmmOutput {
	covariance: CovarianceKind;
	logLikelihood: number;
	bic: number;
	aic: number;
	nParameters: number;
	converged: boolean;
	degenerate: string[];
	/** scikit-learn would refuse this fit ("ill-defined empirical covariance"), in words; such a k is not recommended. */
	illDefined?: string | null;
	/** rows × k membership probabilities (segments in the run's size order). */
	probs: Float64Array;
	/** Rows whose largest membership probability is below UNCERTAIN_BELOW. */
	uncertain: number;
	/** The fitted mixture in sklearn's layouts (gmm-types.ts), plain lists, for the model file and scoring. */
	mixture?: { weights: number[]; means: number[]; covariances: number[]; precisionsCholesky: number[] };
}

export const UNCERTAIN_BELOW = 0.6;
export const KDIST_POINTS = 1000;

export interface ClusterOutcome {
	/** Raw labels (−1 = noise), not yet relabelled by size. */
	labels: Int32Array;
	/** Clusters found (DBSCAN) or asked for. */
	k: number;
	/** k × cols centres in the clustering space, when the algorithm has them (k-means, GMM means). */
	centers: Float64Array | null;
	inertia: number | null;
	iterations: number;
	converged: boolean;
	hierarchy?: HierarchyOutput;
	/** Cut height in the tree that gives these k clusters. */
	cutHeight?: number;
	dbscan?: DbscanOutput;
	/** HDBSCAN outputs; stabilities and tree segments still in raw cluster order. */
	hdbscan?: HdbscanOutput;
	/** GMM outputs; probs still in raw component order. */
	gmm?: GmmOutput;
}

const trees = new WeakMap<Float64Array, Map<string, HierarchicalResult>>();

/** The hierarchical tree of this matrix (built once per matrix and linkage). */
export function treeFor(X: Float64Array, rows: number, cols: number, linkage: LinkageMethod, seed: number, control: RunControl = {}): HierarchicalResult {
	let byKey = trees.get(X);
	if (!byKey) trees.set(X, (byKey = new Map()));
	const key = `${linkage}:${seed}`;
	let tree = byKey.get(key);
	if (!tree) {
		tree = hierarchical(X, rows, cols, linkage, { seed: deriveSeed(seed, 0x41e) }, control);
		byKey.set(key, tree);
	}
	return tree;
}

/** Words for a hierarchical run beyond the exact limit. */
export function hierarchyNote(h: HierarchyOutput, rows: number): string | null {
	if (!h.approximate) return null;
	return `${h.linkage} linkage on ${rows.toLocaleString('en')} rows exceeds the exact limit of ${LINKAGE_MAX_ROWS[h.linkage].toLocaleString('en')} rows (memory and time grow with the square of the rows), so it clusters ${h.microClusters} k-means micro-clusters hierarchically and every row follows its micro-cluster.`;
}

export function clusterAtK(X: Float64Array, rows: number, cols: number, alg: AlgorithmSpec, k: number, seed: number, control: RunControl = {}): ClusterOutcome {
	const { signal, onProgress } = control;
	const perK = deriveSeed(seed, k);
	switch (alg.name) {
		case 'kmeans': {
			const nInit = kmeansRestarts(alg.nInit, alg.moreRestarts, rows, cols);
			const r = kmeans(X, rows, cols, k, { nInit, maxIter: alg.maxIter, tol: alg.tol, refine: kmeansRefine(alg, rows), earlyStop: kmeansEarlyStop(nInit, alg.moreRestarts) }, { seed: perK, signal, onProgress });
			return { labels: r.labels, k, centers: r.centers, inertia: r.inertia, iterations: r.iterations, converged: r.converged };
		}
		case 'minibatch': {
			const r = minibatchKmeans(X, rows, cols, k, { batchSize: alg.batchSize, nInit: alg.nInit, maxIter: alg.maxIter, reassignmentRatio: alg.reassignmentRatio }, { seed: perK, signal, onProgress });
			return { labels: r.labels, k, centers: r.centers, inertia: r.inertia, iterations: r.iterations, converged: r.converged };
		}
		case 'gmm': {
			const r = gmm(X, rows, cols, k, { covarianceType: alg.covariance, nInit: gmmRestarts(alg.nInit, alg.moreRestarts, rows, cols), maxIter: alg.maxIter, tol: alg.tol, regCovar: alg.regCovar }, { seed: perK, signal, onProgress });
			return {
				labels: r.labels, k, centers: r.means, inertia: null, iterations: r.iterations, converged: r.converged,
				gmm: {
					covariance: alg.covariance, logLikelihood: r.logLikelihood, bic: r.bic, aic: r.aic, nParameters: r.nParameters,
					converged: r.converged, degenerate: r.degenerate, illDefined: r.illDefined, probs: Float64Array.from(r.probs), uncertain: 0,
					mixture: { weights: Array.from(r.weights), means: Array.from(r.means), covariances: Array.from(r.covariances), precisionsCholesky: Array.from(r.precisionsCholesky) }
				}
			};
		}
		case 'hierarchical': {
			const tree = treeFor(X, rows, cols, alg.linkage, seed, { signal, onProgress: subProgress(onProgress, 0, 0.95) });
			const labels = hierarchicalLabels(tree, k, 'k');
			return {
				labels, k, centers: null, inertia: null, iterations: 0, converged: true,
				hierarchy: { linkage: alg.linkage, Z: tree.Z, leaves: tree.leaves, approximate: tree.approximate, microClusters: tree.microClusters },
				cutHeight: cutHeightFor(tree.Z, tree.leaves, k)
			};
		}
		case 'dbscan': {
			const r = dbscan(X, rows, cols, alg.eps, alg.minPts, { signal, onProgress: subProgress(onProgress, 0, 0.6) });
			const curve = kDistanceCurve(X, rows, cols, alg.minPts, { signal, onProgress: subProgress(onProgress, 0.6, 1) });
			const suggestedEps = suggestEps(curve);
			if (r.nClusters === 0) {
				throw new EngineError('bad-parameter',
					`eps = ${fmt(alg.eps)} makes every row noise: no row has ${alg.minPts} rows (itself included) within that distance.`,
					`Raise eps; the knee of the k-distance curve suggests eps ≈ ${fmt(suggestedEps)}. Or lower minPts.`);
			}
			let coreCount = 0;
			for (let i = 0; i < rows; i++) coreCount += r.core[i];
			return {
				labels: r.labels, k: r.nClusters, centers: null, inertia: null, iterations: 0, converged: true,
				dbscan: { eps: alg.eps, minPts: alg.minPts, noise: r.noise, core: r.core, coreCount, kDistance: reduceCurve(curve), suggestedEps }
			};
		}
		case 'pam':
		case 'kprototypes':
			// They read categories as categories, which this matrix-only entry cannot: analyse.ts calls cluster-mixed.ts.
			throw new EngineError('internal', `${alg.name} runs through clusterMixedAtK, not on a numeric matrix alone.`, 'Report this as a bug.');
		case 'hdbscan': {
			const minSamples = alg.minSamples ?? undefined;
			const selection = alg.selection ?? 'eom';
			const r = hdbscan(X, rows, cols, { minClusterSize: alg.minClusterSize, minSamples, selection }, { signal, onProgress });
			if (r.nClusters === 0) {
				const smaller = Math.max(2, Math.floor(alg.minClusterSize / 2));
				throw new EngineError('bad-parameter',
					`HDBSCAN with a minimum cluster size of ${alg.minClusterSize}${minSamples ? ` and min samples ${minSamples}` : ''} found no segments: every row is noise (no group of that many rows stands out from a denser or sparser background).`,
					`Lower the minimum cluster size (try ${smaller})${minSamples ? ' or min samples' : ''}, or choose leaf selection.`);
			}
			return {
				labels: r.labels, k: r.nClusters, centers: null, inertia: null, iterations: 0, converged: true,
				hdbscan: {
					minClusterSize: r.minClusterSize, minSamples: r.minSamples, selection, noise: r.noise,
					probabilities: Float64Array.from(r.probabilities), outlierScores: Float64Array.from(r.outlierScores),
					stabilities: r.stabilities, tree: r.clusters.map((c) => ({ parent: c.parent, birth: c.birth, death: c.death, size: c.size, stability: c.stability, segment: c.label }))
				}
			};
		}
	}
}

/** The eps at the knee of the minPts-distance curve of this matrix (the DBSCAN default the page offers). */
export function suggestedEpsFor(X: Float64Array, rows: number, cols: number, minPts: number, control: RunControl = {}): number {
	return suggestEps(kDistanceCurve(X, rows, cols, minPts, control));
}

const curves = new WeakMap<Float64Array, Map<number, Float64Array>>();
/** The last curve by content, for a matrix prepared twice from the same data (the CLI's eps, then its run). */
let lastByContent: { key: string; curve: Float64Array } | null = null;
/** The minPts-distance curve, cached per matrix: dragging eps reruns DBSCAN without recomputing it. */
function kDistanceCurve(X: Float64Array, rows: number, cols: number, minPts: number, control: RunControl): Float64Array {
	let byK = curves.get(X);
	if (!byK) curves.set(X, (byK = new Map()));
	let c = byK.get(minPts);
	if (c) return c;
	const key = `${rows}:${cols}:${minPts}:${contentHash(X)}`;
	c = lastByContent?.key === key ? lastByContent.curve : kDistance(X, rows, cols, Math.min(minPts, rows), control);
	byK.set(minPts, c);
	lastByContent = { key, curve: c };
	return c;
}

/** FNV-1a over the values' bits: milliseconds for 100,000 × 8, negligible next to the k-d tree search. */
function contentHash(X: Float64Array): string {
	const w = new Uint32Array(X.buffer, X.byteOffset, X.length * 2);
	let h1 = 0x811c9dc5, h2 = 0x01000193;
	for (let i = 0; i < w.length; i++) {
		h1 = Math.imul(h1 ^ w[i], 0x01000193) >>> 0;
		h2 = Math.imul(h2 ^ w[i] ^ (i >>> 3), 0x5bd1e995) >>> 0;
	}
	return `${h1.toString(16)}${h2.toString(16)}`;
}

function reduceCurve(c: Float64Array): Float64Array {
	if (c.length <= KDIST_POINTS) return c.slice();
	const out = new Float64Array(KDIST_POINTS);
	for (let t = 0; t < KDIST_POINTS; t++) out[t] = c[Math.round((t * (c.length - 1)) / (KDIST_POINTS - 1))];
	return out;
}

/** Midway between the merge heights that leave k clusters (the tree's heights sorted ascending). */
export function cutHeightFor(Z: Float64Array, n: number, k: number): number {
	if (n < 2) return 0;
	const h = Array.from({ length: n - 1 }, (_, r) => Z[r * 4 + 2]).sort((a, b) => a - b);
	if (k >= n) return h[0] / 2;
	const below = h[n - 1 - k];
	const above = k <= 1 ? below : h[n - k];
	return k <= 1 ? below * 1.05 : (below + above) / 2;
}

export { clustersAtHeight } from './cluster/cut-tree';

/** Centroids of the labelled rows (label −1 left out) and the within-cluster sum of squares. */
export function centroidsOf(X: Float64Array, rows: number, cols: number, labels: Int32Array, k: number): { centers: Float64Array; inertia: number } {
	const centers = new Float64Array(k * cols);
	const n = new Float64Array(k);
	for (let i = 0; i < rows; i++) {
		const l = labels[i];
		if (l < 0) continue;
		n[l]++;
		for (let j = 0; j < cols; j++) centers[l * cols + j] += X[i * cols + j];
	}
	for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) centers[c * cols + j] = n[c] > 0 ? centers[c * cols + j] / n[c] : NaN;
	let inertia = 0;
	for (let i = 0; i < rows; i++) {
		const l = labels[i];
		if (l < 0) continue;
		for (let j = 0; j < cols; j++) {
			const d = X[i * cols + j] - centers[l * cols + j];
			inertia += d * d;
		}
	}
	return { centers, inertia };
}

function fmt(v: number): string {
	return Number(v.toPrecision(3)).toString();
}

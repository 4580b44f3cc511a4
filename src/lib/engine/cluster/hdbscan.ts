/**
 * HDBSCAN* (Campello, Moulavi & Sander 2013), as the `hdbscan` Python package (McInnes, Healy & Astels 2017)
 * and scikit-learn ≥ 1.3's `sklearn.cluster.HDBSCAN` define it, checked against R dbscan's `hdbscan`:
 * core distances (hdbscan-mst.ts) → minimum spanning tree of the mutual-reachability graph (hdbscan-mst.ts) →
 * single-linkage hierarchy and condensed tree (hdbscan-tree.ts) → flat clusters by excess of mass or leaves,
 * membership probabilities and GLOSH outlier scores (hdbscan-select.ts). Noise is labelled -1.
 *
 * Nothing is random, so there is no seed. Time is O(n²) (Prim's algorithm on the implicit graph, about 1–3 s
 * at 20,000 rows), memory O(n); above HDBSCAN_MAX_ROWS rows the run is refused with a suggestion.
 */
import type { RunControl } from '../progress';
import { subProgress, throwIfAborted } from '../progress';
import { EngineError } from '../errors';
import { checkMatrix } from './check-matrix';
import { coreDistances, mutualReachabilityMst } from './hdbscan-mst';
import { condenseTree, singleLinkage } from './hdbscan-tree';
import { extractClusters, type CondensedCluster, type HdbscanSelection } from './hdbscan-select';

export type { CondensedCluster, HdbscanSelection };

/** Above this many rows the O(n²) spanning tree takes minutes in a browser worker. */
export const HDBSCAN_MAX_ROWS = 50_000;

export interface HdbscanOptions {
	/** Smallest group of rows that counts as a segment (scikit-learn's `min_cluster_size`, default 5). */
	minClusterSize: number;
	/** Neighbours, the row itself included, that set a row's core distance; defaults to minClusterSize. */
	minSamples?: number;
	/** 'eom' (excess of mass, the default) or 'leaf'. */
	selection?: HdbscanSelection;
	/** For the R reference tests only: condense as R dbscan 1.1.x's `hdbscan` does (SmallPart 'singletons'). */
	asRDbscan?: boolean;
}

export interface HdbscanResult {
	/** Segment of each row, -1 for noise. */
	labels: Int32Array;
	/** Strength of each row's membership in its segment, in [0, 1]; 0 for noise. */
	probabilities: Float64Array;
	/** GLOSH outlier score of each row, in [0, 1]; higher is more outlying. */
	outlierScores: Float64Array;
	coreDistances: Float64Array;
	nClusters: number;
	noise: number;
	/** Stability of each segment's cluster, by segment. */
	stabilities: number[];
	/** The condensed tree's clusters (index 0 is the root). */
	clusters: CondensedCluster[];
	minClusterSize: number;
	minSamples: number;
}

export function checkHdbscanOptions(rows: number, opts: HdbscanOptions): void {
	const { minClusterSize, minSamples } = opts;
	if (!Number.isInteger(minClusterSize) || minClusterSize < 2) {
		throw new EngineError('bad-parameter', `The minimum cluster size must be a whole number of at least 2 (got ${minClusterSize}).`,
			'5 is scikit-learn\'s default; larger values give fewer, bigger segments.');
	}
	if (minClusterSize > rows) {
		throw new EngineError('bad-parameter',
			`The minimum cluster size (${minClusterSize}) is larger than the number of rows (${rows}), so no segment can form.`,
			`Choose a minimum cluster size of at most ${Math.max(2, Math.floor(rows / 2))}.`);
	}
	if (minSamples !== undefined && (!Number.isInteger(minSamples) || minSamples < 1 || minSamples > rows)) {
		throw new EngineError('bad-parameter', `min samples must be a whole number from 1 to the number of rows, ${rows} (got ${minSamples}).`,
			'Leave it empty to use the minimum cluster size; smaller values mark fewer rows as noise.');
	}
	if (rows > HDBSCAN_MAX_ROWS) {
		throw new EngineError('too-large',
			`HDBSCAN here handles at most ${HDBSCAN_MAX_ROWS.toLocaleString('en-US')} rows (its spanning tree takes time growing with the square of the rows); this table has ${rows.toLocaleString('en-US')}.`,
			'Cluster a random sample of the rows, or use DBSCAN or k-means, which scale to larger tables.');
	}
}

export function hdbscan(
	X: Float64Array, rows: number, cols: number, opts: HdbscanOptions, control: RunControl = {}
): HdbscanResult {
	checkMatrix(X, rows, cols, 'HDBSCAN');
	checkHdbscanOptions(rows, opts);
	const minClusterSize = opts.minClusterSize;
	const minSamples = opts.minSamples ?? minClusterSize;
	const { signal, onProgress } = control;
	const core = coreDistances(X, rows, cols, minSamples, { signal, onProgress: subProgress(onProgress, 0, 0.1) });
	const mst = mutualReachabilityMst(X, rows, cols, core, { signal, onProgress: subProgress(onProgress, 0.1, 0.95) });
	throwIfAborted(signal);
	onProgress?.({ stage: 'HDBSCAN: condensed tree', fraction: 0.96 });
	const tree = condenseTree(singleLinkage(mst, rows), rows, minClusterSize, opts.asRDbscan ? 'singletons' : 'noise');
	const flat = extractClusters(tree, rows, opts.selection ?? 'eom');
	let noise = 0;
	for (let i = 0; i < rows; i++) if (flat.labels[i] < 0) noise++;
	const stabilities = new Array<number>(flat.nClusters);
	for (const c of flat.clusters) if (c.label >= 0) stabilities[c.label] = c.stability;
	onProgress?.({ stage: 'HDBSCAN', fraction: 1 });
	return {
		labels: flat.labels, probabilities: flat.probabilities, outlierScores: flat.outlierScores, coreDistances: core,
		nClusters: flat.nClusters, noise, stabilities, clusters: flat.clusters, minClusterSize, minSamples
	};
}

/**
 * HDBSCAN* (Campello, Moulavi & Sander 2013), as the `hdbscan` Python package (McInnes, Healy & Astels 2017)
 * and scikit-learn ≥ 1.3's `sklearn.cluster.HDBSCAN` define it, checked against R dbscan's `hdbscan`:
 * core distances (hdbscan-mst.ts) → minimum spanning tree of the mutual-reachability graph (hdbscan-mst.ts) →
 * single-linkage hierarchy and condensed tree (hdbscan-tree.ts) → flat clusters by excess of mass or leaves,
 * membership probabilities and GLOSH outlier scores (hdbscan-select.ts). Noise is labelled -1.
 *
 * Nothing is random, so there is no seed. Memory is O(n). Time: k-d tree searches for the core distances, then
 * Prim's O(n²) scan, or above PRIM_MAX_ROWS rows Borůvka on the k-d tree.
 * Above hdbscanMaxRows(cols) rows the run is refused with a suggestion.
 */
import type { RunControl } from '../progress';
import { subProgress, throwIfAborted } from '../progress';
import { EngineError } from '../errors';
import { checkMatrix } from './check-matrix';
import { coreDistances } from './hdbscan-core';
import { mutualReachabilityMst } from './hdbscan-mst';
import { boruvkaMst } from './hdbscan-boruvka';
import { condenseTree, singleLinkage } from './hdbscan-tree';
import { extractClusters, type CondensedCluster, type HdbscanSelection } from './hdbscan-select';

export type { CondensedCluster, HdbscanSelection };

/**
 * Largest table HDBSCAN accepts: 200,000 rows with at most HDBSCAN_WIDE_COLS features (k-d tree core distances and
 * Borůvka; 200,000 × 8 is timed by `npm run bench -- hdbscan-browser`), 50,000 with more (k-d trees prune less as
 * features grow, and above BORUVKA_MAX_COLS the tree is Prim's O(n²) scan). Beyond that a run takes minutes.
 */
export const HDBSCAN_MAX_ROWS = 200_000;
export const HDBSCAN_WIDE_MAX_ROWS = 50_000;
export const HDBSCAN_WIDE_COLS = 8;
export function hdbscanMaxRows(cols: number): number {
	return cols <= HDBSCAN_WIDE_COLS ? HDBSCAN_MAX_ROWS : HDBSCAN_WIDE_MAX_ROWS;
}

/**
 * Spanning trees. Prim's O(n²) scan (hdbscan-mst.ts) takes equal weights in R dbscan's order, so labels match
 * R's even on tied data (duplicate rows, whole-number features). Borůvka on a k-d tree (hdbscan-boruvka.ts)
 * finds a tree with the same weights faster on large low-dimensional tables (measured under load at 10,000 × 8:
 * 1.1–1.4 s against 1.7–2.0 s, the gap growing with the rows), but among equal weights it may keep other edges,
 * and then the rows of a small part that splits off at exactly that distance can fall out of a different
 * cluster (another segment, or noise). 'auto' uses Prim up to PRIM_MAX_ROWS rows and Borůvka above, up to
 * BORUVKA_MAX_COLS features (a k-d tree prunes little beyond that).
 */
export const PRIM_MAX_ROWS = 20_000;
export const BORUVKA_MAX_COLS = 12;

export interface HdbscanOptions {
	/** Smallest group of rows that counts as a segment (scikit-learn's `min_cluster_size`, default 5). */
	minClusterSize: number;
	/** Neighbours, the row itself included, that set a row's core distance; defaults to minClusterSize. */
	minSamples?: number;
	/** 'eom' (excess of mass, the default) or 'leaf'. */
	selection?: HdbscanSelection;
	/** Spanning-tree algorithm: 'auto' (see PRIM_MAX_ROWS), 'prim' or 'boruvka'. */
	mst?: 'auto' | 'prim' | 'boruvka';
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

export function checkHdbscanOptions(rows: number, opts: HdbscanOptions, cols = 1): void {
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
	if (rows > hdbscanMaxRows(cols)) {
		throw new EngineError('too-large',
			`HDBSCAN here handles at most ${HDBSCAN_MAX_ROWS.toLocaleString('en-US')} rows with up to ${HDBSCAN_WIDE_COLS} features and ${HDBSCAN_WIDE_MAX_ROWS.toLocaleString('en-US')} with more (beyond that a run takes minutes); this table has ${rows.toLocaleString('en-US')} rows and ${cols} feature${cols === 1 ? '' : 's'}.`,
			'Cluster a random sample of the rows, or use DBSCAN or k-means, which scale to larger tables.');
	}
}

export function hdbscan(
	X: Float64Array, rows: number, cols: number, opts: HdbscanOptions, control: RunControl = {}
): HdbscanResult {
	checkMatrix(X, rows, cols, 'HDBSCAN');
	checkHdbscanOptions(rows, opts, cols);
	const minClusterSize = opts.minClusterSize;
	const minSamples = opts.minSamples ?? minClusterSize;
	const { signal, onProgress } = control;
	const core = coreDistances(X, rows, cols, minSamples, { signal, onProgress: subProgress(onProgress, 0, 0.4) });
	const method = opts.mst && opts.mst !== 'auto' ? opts.mst : rows > PRIM_MAX_ROWS && cols <= BORUVKA_MAX_COLS ? 'boruvka' : 'prim';
	const mstControl = { signal, onProgress: subProgress(onProgress, 0.4, 0.95) };
	const mst = method === 'boruvka' ? boruvkaMst(X, rows, cols, core, mstControl) : mutualReachabilityMst(X, rows, cols, core, mstControl);
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

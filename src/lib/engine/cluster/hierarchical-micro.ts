/**
 * Hierarchical clustering beyond the exact size limit: k-means summarises the rows into micro-clusters (500 by
 * default), the linkage is built on their centres, and every row inherits its micro-cluster's branch. For Ward
 * the centres carry their sizes (weighted Ward, linkage-ward.ts), which is exactly Ward's criterion continued
 * from the micro-cluster partition (the idea of BIRCH's global clustering step, Zhang et al. 1996, and of
 * scikit-learn's `Birch(n_clusters=AgglomerativeClustering())`); other linkages treat the centres as points,
 * a coarser approximation. The result says `approximate: true` so the page can say so.
 */
import type { RunControl } from '../progress';
import { subProgress } from '../progress';
import { kmeans, assignNearest } from './kmeans';
import { Rng, deriveSeed } from '../random';
import { linkage, LINKAGE_MAX_ROWS, type Linkage } from './hierarchical';
import { wardVectorLinkage } from './linkage-ward';
import { sortAndLabel } from './linkage-label';
import { cutTree, cutAtHeight } from './cut-tree';
import { firstAppearance } from './cut-tree';
import { checkMatrix } from './check-matrix';

export interface HierarchicalResult {
	method: Linkage;
	/** SciPy linkage matrix over `leaves` leaves; column 3 counts rows (not leaves) when approximate. */
	Z: Float64Array;
	leaves: number;
	approximate: boolean;
	/** Number of micro-clusters (0 when exact). */
	microClusters: number;
	/** Leaf of each row (null when exact: leaf = row). */
	leafOfRow: Int32Array | null;
}

export interface MicroOptions {
	seed: number;
	/** Micro-clusters (default 500). */
	microClusters?: number;
	/** Lloyd iterations for the summary (default 30: micro-clusters need coverage, not convergence). */
	maxIter?: number;
}

export function hierarchicalOnMicroClusters(
	X: Float64Array, rows: number, cols: number, method: Linkage, options: MicroOptions, control: RunControl = {}
): HierarchicalResult {
	checkMatrix(X, rows, cols, 'Hierarchical clustering');
	const m = Math.min(rows, Math.max(2, Math.floor(options.microClusters ?? 500)));
	// The centres come from k-means on a seeded sample of at most 50 rows per micro-cluster (25,000 by default),
	// then every row goes to its nearest centre: about 4× cheaper than k-means on 100,000 rows, and the
	// micro-clusters only need to cover the data, not to be optimal.
	const sampleSize = Math.min(rows, 50 * m);
	const sample = new Rng(deriveSeed(options.seed, 1)).sampleIndices(rows, sampleSize);
	const S = new Float64Array(sampleSize * cols);
	for (let t = 0; t < sampleSize; t++) S.set(X.subarray(sample[t] * cols, sample[t] * cols + cols), t * cols);
	const fitted = kmeans(S, sampleSize, cols, m, { nInit: 1, maxIter: options.maxIter ?? 30 }, {
		seed: options.seed, signal: control.signal, onProgress: subProgress(control.onProgress, 0, 0.7)
	});
	const km = { centers: fitted.centers, labels: assignNearest(X, rows, cols, fitted.centers, m).labels };
	// Keep only occupied micro-clusters (a centre may attract no row of the full data).
	const counts = new Float64Array(m);
	for (let i = 0; i < rows; i++) counts[km.labels[i]]++;
	const keep = new Int32Array(m).fill(-1);
	let used = 0;
	for (let c = 0; c < m; c++) if (counts[c] > 0) keep[c] = used++;
	// Centres are recomputed as the means of all their rows, so weighted Ward continues exactly from this partition.
	const centres = new Float64Array(used * cols);
	const sizes = new Float64Array(used);
	for (let i = 0; i < rows; i++) {
		const c = keep[km.labels[i]];
		sizes[c]++;
		for (let j = 0; j < cols; j++) centres[c * cols + j] += X[i * cols + j];
	}
	for (let c = 0; c < used; c++) for (let j = 0; j < cols; j++) centres[c * cols + j] /= sizes[c];
	const leafOfRow = new Int32Array(rows);
	for (let i = 0; i < rows; i++) leafOfRow[i] = keep[km.labels[i]];
	const rest = { signal: control.signal, onProgress: subProgress(control.onProgress, 0.8, 1) };
	let Z: Float64Array;
	if (used === 1) Z = new Float64Array(0);
	else if (method === 'ward') Z = sortAndLabel(wardVectorLinkage(centres, used, cols, sizes, rest), used, sizes);
	else {
		// Relabel sizes as row counts, consistent with the Ward branch.
		Z = linkage(centres, used, cols, method, rest);
		Z = recount(Z, used, sizes);
	}
	return { method, Z, leaves: used, approximate: true, microClusters: used, leafOfRow };
}

/** Exact linkage up to LINKAGE_MAX_ROWS[method], micro-clusters above. */
export function hierarchical(
	X: Float64Array, rows: number, cols: number, method: Linkage, options: MicroOptions, control: RunControl = {}
): HierarchicalResult {
	if (rows <= LINKAGE_MAX_ROWS[method]) {
		return { method, Z: linkage(X, rows, cols, method, control), leaves: rows, approximate: false, microClusters: 0, leafOfRow: null };
	}
	return hierarchicalOnMicroClusters(X, rows, cols, method, options, control);
}

/** Row labels (0.., first appearance) for k clusters, or for a cut height when `by` is 'height'. */
export function hierarchicalLabels(result: HierarchicalResult, value: number, by: 'k' | 'height' = 'k'): Int32Array {
	const leaf = by === 'k' ? cutTree(result.Z, result.leaves, value) : cutAtHeight(result.Z, result.leaves, value);
	if (!result.leafOfRow) return leaf;
	const map = result.leafOfRow;
	const out = new Int32Array(map.length);
	for (let i = 0; i < map.length; i++) out[i] = leaf[map[i]];
	return firstAppearance(out);
}

function recount(Z: Float64Array, n: number, sizes: Float64Array): Float64Array {
	const size = new Float64Array(2 * n - 1);
	size.set(sizes);
	for (let r = 0; r < n - 1; r++) {
		size[n + r] = size[Z[r * 4]] + size[Z[r * 4 + 1]];
		Z[r * 4 + 3] = size[n + r];
	}
	return Z;
}

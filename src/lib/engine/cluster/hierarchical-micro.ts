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
import { kmeans } from './kmeans';
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
	const km = kmeans(X, rows, cols, m, { nInit: 1, maxIter: options.maxIter ?? 30 }, {
		seed: options.seed, signal: control.signal, onProgress: subProgress(control.onProgress, 0, 0.8)
	});
	// k-means relocates empty clusters, but keep only occupied ones in case two centres coincide.
	const counts = new Float64Array(m);
	for (let i = 0; i < rows; i++) counts[km.labels[i]]++;
	const keep = new Int32Array(m).fill(-1);
	let used = 0;
	for (let c = 0; c < m; c++) if (counts[c] > 0) keep[c] = used++;
	const centres = new Float64Array(used * cols);
	const sizes = new Float64Array(used);
	for (let c = 0; c < m; c++) {
		if (keep[c] < 0) continue;
		centres.set(km.centers.subarray(c * cols, c * cols + cols), keep[c] * cols);
		sizes[keep[c]] = counts[c];
	}
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

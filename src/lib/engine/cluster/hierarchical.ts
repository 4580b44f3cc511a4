/**
 * Agglomerative clustering with SciPy's conventions (`scipy.cluster.hierarchy.linkage(X, method,
 * metric='euclidean')`): a linkage matrix Z of (rows − 1) × 4 row-major values [idA, idB, height, size], where
 * the cluster made by row i has id rows + i, idA < idB, rows are sorted by height (stable) and Ward heights are
 * SciPy's (sqrt(2|A||B|/(|A|+|B|))·‖c_A − c_B‖).
 *
 * Algorithms and memory (why the limits):
 * - single: Prim's minimum spanning tree recomputing distances (linkage-single.ts): O(rows) memory.
 * - ward: nearest-neighbour chain on centroids (linkage-ward.ts): O(rows·cols) memory.
 *   Both are O(rows²·cols) time. Measured on this shared 2-core machine (8 features, busy): single took 10 s at
 *   30,000 rows, Ward 65 s at 30,000 rows, so Ward stops at 20,000 (about 4/9 of that) and single at 30,000.
 * - complete, average: nearest-neighbour chain on a condensed distance matrix (linkage-nnchain.ts), the
 *   only way to get these exactly in O(rows²) memory. Float64 storage up to 10,000 rows (400 MB), identical to
 *   SciPy; Float32 from there up to 20,000 rows (800 MB): heights then carry ~1e-7 relative rounding, and
 *   distances that differ by less than that may become ties and be merged in another order than SciPy's (seen
 *   low in the iris tree; partitions for k = 2..10 were unchanged). 1.6 GB of Float64 at 20,000 rows would not
 *   fit in a browser tab, hence their limit (measured: complete linkage at 20,000 × 8 took 57 s, 0.9 GB RSS).
 * Above a limit, `hierarchical()` clusters k-means micro-clusters instead (hierarchical-micro.ts) and says so.
 */
import type { RunControl } from '../progress';
import { EngineError } from '../errors';
import { checkMatrix } from './check-matrix';
import { pdistCondensed } from './condensed';
import { nnChainLinkage } from './linkage-nnchain';
import { mstSingleLinkage } from './linkage-single';
import { wardVectorLinkage } from './linkage-ward';
import { sortAndLabel } from './linkage-label';
import { subProgress } from '../progress';

export type Linkage = 'ward' | 'complete' | 'average' | 'single';

export { cutTree, cutAtHeight } from './cut-tree';

/** The largest row count `linkage` accepts per method (see the file comment for why). */
export const LINKAGE_MAX_ROWS: Record<Linkage, number> = {
	ward: 20_000,
	single: 30_000,
	complete: 20_000,
	average: 20_000
};

/** SciPy-style linkage matrix ((rows − 1) × 4, row-major) of the rows of X under Euclidean distance. */
export function linkage(X: Float64Array, rows: number, cols: number, method: Linkage, control: RunControl = {}): Float64Array {
	checkMatrix(X, rows, cols, 'Hierarchical clustering');
	if (!(method in LINKAGE_MAX_ROWS)) {
		throw new EngineError('bad-parameter', `Unknown linkage '${String(method)}'.`, "Choose 'ward', 'complete', 'average' or 'single'.");
	}
	const limit = LINKAGE_MAX_ROWS[method];
	if (rows > limit) {
		throw new EngineError('bad-parameter',
			`Exact ${method} linkage is limited to ${limit.toLocaleString('en')} rows (got ${rows.toLocaleString('en')}): ` +
				(method === 'complete' || method === 'average'
					? 'it needs every pairwise distance in memory.'
					: 'its time grows with the square of the rows (about a minute at this size).'),
			'Use the approximate mode (hierarchical clustering of 500 k-means micro-clusters), sample the rows, or choose k-means.');
	}
	if (rows === 1) return new Float64Array(0);
	let raw: Float64Array;
	if (method === 'single') raw = mstSingleLinkage(X, rows, cols, control);
	else if (method === 'ward') raw = wardVectorLinkage(X, rows, cols, null, control);
	else {
		const D = pdistCondensed(X, rows, cols, { signal: control.signal, onProgress: subProgress(control.onProgress, 0, 0.3) });
		raw = nnChainLinkage(D, rows, method, { signal: control.signal, onProgress: subProgress(control.onProgress, 0.3, 1) });
	}
	return sortAndLabel(raw, rows);
}

/**
 * Flat clusters from a SciPy linkage matrix, as `scipy.cluster.hierarchy.fcluster` with criterion 'maxclust'
 * (`cutTree`) or 'distance' (`cutAtHeight`), but numbered 0, 1, 2, … in order of first appearance over the rows
 * (fcluster numbers 1.. in tree order). Both use each node's maximum height over its subtree
 * (`_hierarchy.pyx::get_max_dist_for_each_cluster`), so they also behave on non-monotone trees.
 */
import { EngineError } from '../errors';

/** At most k clusters: the lowest cut height giving ≤ k clusters. Equal merge heights at the cut can give fewer. */
export function cutTree(Z: Float64Array, n: number, k: number): Int32Array {
	checkZ(Z, n);
	if (!Number.isInteger(k) || k < 1) {
		throw new EngineError('bad-parameter', `The number of clusters must be a whole number of at least 1 (got ${k}).`,
			'Choose k = 2 or more.');
	}
	if (k >= n) return firstAppearance(Int32Array.from({ length: n }, (_, i) => i));
	const md = maxHeights(Z, n);
	// fcluster's binary search lands on the smallest node height t with n − #{md ≤ t} ≤ k: with the heights
	// sorted, that is the (n − k)-th smallest. (For k = n − 1 SciPy's search skips index 0 and merges one more.)
	const sorted = md.slice().sort();
	return cutBelow(Z, n, md, sorted[n - 1 - k]);
}

/** Clusters joined by merges at height ≤ h (fcluster criterion 'distance', t = h). */
export function cutAtHeight(Z: Float64Array, n: number, h: number): Int32Array {
	checkZ(Z, n);
	if (Number.isNaN(h)) throw new EngineError('bad-parameter', 'The cut height is not a number.', 'Pick a height on the dendrogram.');
	return cutBelow(Z, n, maxHeights(Z, n), h);
}

function maxHeights(Z: Float64Array, n: number): Float64Array {
	const md = new Float64Array(n - 1);
	for (let r = 0; r < n - 1; r++) {
		let m = Z[r * 4 + 2];
		const a = Z[r * 4];
		const b = Z[r * 4 + 1];
		if (a >= n && md[a - n] > m) m = md[a - n];
		if (b >= n && md[b - n] > m) m = md[b - n];
		md[r] = m;
	}
	return md;
}

function cutBelow(Z: Float64Array, n: number, md: Float64Array, t: number): Int32Array {
	// Top-down: a node's cluster is its parent's when the parent merge is below the cut, else its own. O(n).
	const rootOf = new Int32Array(2 * n - 1);
	for (let i = 0; i < rootOf.length; i++) rootOf[i] = i;
	for (let r = n - 2; r >= 0; r--) {
		if (md[r] <= t) {
			rootOf[Z[r * 4]] = rootOf[n + r];
			rootOf[Z[r * 4 + 1]] = rootOf[n + r];
		}
	}
	return firstAppearance(rootOf.subarray(0, n));
}

/** Renumbers arbitrary ids 0, 1, 2, … in order of first appearance. */
export function firstAppearance(ids: Int32Array): Int32Array {
	const map = new Map<number, number>();
	const out = new Int32Array(ids.length);
	for (let i = 0; i < ids.length; i++) {
		let v = map.get(ids[i]);
		if (v === undefined) {
			v = map.size;
			map.set(ids[i], v);
		}
		out[i] = v;
	}
	return out;
}

function checkZ(Z: Float64Array, n: number): void {
	if (!Number.isInteger(n) || n < 1 || Z.length !== (n - 1) * 4) {
		throw new EngineError('bad-parameter', `A linkage matrix for ${n} rows must have ${(n - 1) * 4} values (got ${Z.length}).`,
			'Pass the matrix returned by linkage() for the same rows.');
	}
}

/** Number of clusters a cut at height t leaves on a monotone tree (merges above t stay unmade); for the cut line. */
export function clustersAtHeight(Z: Float64Array, n: number, t: number): number {
	let made = 0;
	for (let r = 0; r < n - 1; r++) if (Z[r * 4 + 2] <= t) made++;
	return n - made;
}

/**
 * Turns unsorted merges of point representatives into a SciPy linkage matrix: a stable sort by height
 * (`np.argsort(kind='mergesort')`) and the union-find relabelling of `scipy/cluster/_hierarchy.pyx::label`,
 * so that the cluster formed by row i gets id n + i, ids in each row are ascending, and column 3 holds sizes.
 */
import { disjointSets } from './disjoint-sets';

/** Sorts Z ((n − 1) × 4, representatives in columns 0–1) by height and relabels it in place-equivalent form. */
export function sortAndLabel(Z: Float64Array, n: number, leafSizes?: Float64Array): Float64Array {
	const m = n - 1;
	const order = Array.from({ length: m }, (_, i) => i);
	// Array.prototype.sort is stable (ES2019), as mergesort is in NumPy.
	order.sort((a, b) => Z[a * 4 + 2] - Z[b * 4 + 2]);
	const out = new Float64Array(m * 4);
	const { parent, find } = disjointSets(2 * n - 1);
	const size = new Float64Array(2 * n - 1).fill(1);
	if (leafSizes) size.set(leafSizes);
	for (let r = 0; r < m; r++) {
		const src = order[r] * 4;
		const xr = find(Z[src]);
		const yr = find(Z[src + 1]);
		out[r * 4] = Math.min(xr, yr);
		out[r * 4 + 1] = Math.max(xr, yr);
		out[r * 4 + 2] = Z[src + 2];
		const label = n + r;
		parent[xr] = label;
		parent[yr] = label;
		// Sizes come from the leaves' weights when the input rows carry them (micro-clusters), else 1 each.
		size[label] = size[xr] + size[yr];
		out[r * 4 + 3] = size[label];
	}
	return out;
}

/**
 * Ward linkage by the nearest-neighbour chain on cluster centroids instead of a distance matrix, as fastcluster's
 * `linkage_vector` does for Ward (Müllner 2013, "fastcluster", section 2.3): O(n·cols) memory, so no quadratic
 * storage limit. The Ward distance of clusters A and B is sqrt(2·|A||B|/(|A|+|B|))·‖c_A − c_B‖, which is exactly
 * what SciPy's Lance–Williams update (`_hierarchy.pyx::_ward`) computes from Euclidean distances, so heights agree
 * with `scipy.cluster.hierarchy.linkage(X, 'ward')` to rounding (~1e-15 relative). The chain and its tie rules
 * are nn-chain.ts.
 *
 * Optional leaf weights make it a weighted Ward on given centres (micro-clusters with their sizes).
 */
import type { RunControl } from '../progress';
import { nnChain } from './nn-chain';

/** Unsorted merges (n − 1) × 4 with representatives; pass through `sortAndLabel`. */
export function wardVectorLinkage(
	X: Float64Array, n: number, cols: number, weights: Float64Array | null, control: RunControl = {}
): Float64Array {
	const C = X.slice();
	const size = weights ? Float64Array.from(weights) : new Float64Array(n).fill(1);
	// Active clusters in ascending order, so the scan visits them in SciPy's index order.
	const active = new Int32Array(n);
	for (let i = 0; i < n; i++) active[i] = i;
	let nActive = n;
	// Squared Ward distance; monotone in the distance itself, so comparisons pick the same neighbour.
	const ward2 = (a: number, b: number) => {
		const pa = a * cols;
		const pb = b * cols;
		let s = 0;
		for (let f = 0; f < cols; f++) {
			const d = C[pa + f] - C[pb + f];
			s += d * d;
		}
		const na = size[a];
		const nb = size[b];
		return ((2 * na * nb) / (na + nb)) * s;
	};
	return nnChain(
		n,
		{
			first: () => active[0],
			distance: ward2,
			nearest: (x, best) => {
				let currentMin = best.d, y = best.y;
				const px = x * cols;
				const nx = size[x];
				for (let t = 0; t < nActive; t++) {
					const i = active[t];
					if (i === x) continue;
					const pi = i * cols;
					let s = 0;
					for (let f = 0; f < cols; f++) {
						const d = C[px + f] - C[pi + f];
						s += d * d;
					}
					const ni = size[i];
					const dist = ((2 * nx * ni) / (nx + ni)) * s;
					if (dist < currentMin) {
						currentMin = dist;
						y = i;
					}
				}
				best.d = currentMin;
				best.y = y;
			},
			size: (i) => size[i],
			height: Math.sqrt,
			merge: (x, y) => {
				// The merged centroid replaces y; x leaves the active list.
				const nx = size[x];
				const ny = size[y];
				const px = x * cols;
				const py = y * cols;
				for (let f = 0; f < cols; f++) C[py + f] = (nx * C[px + f] + ny * C[py + f]) / (nx + ny);
				size[y] = nx + ny;
				size[x] = 0;
				let pos = 0;
				while (active[pos] !== x) pos++;
				active.copyWithin(pos, pos + 1, nActive);
				nActive--;
			}
		},
		control,
		{ stage: 'Ward linkage: merging', every: 64, fraction: (k) => 1 - ((n - k) / n) ** 2 }
	);
}

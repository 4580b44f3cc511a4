/**
 * Ward linkage by the nearest-neighbour chain on cluster centroids instead of a distance matrix, as fastcluster's
 * `linkage_vector` does for Ward (Müllner 2013, "fastcluster", section 2.3): O(n·cols) memory, so no quadratic
 * storage limit. The Ward distance of clusters A and B is sqrt(2·|A||B|/(|A|+|B|))·‖c_A − c_B‖, which is exactly
 * what SciPy's Lance–Williams update (`_hierarchy.pyx::_ward`) computes from Euclidean distances, so heights agree
 * with `scipy.cluster.hierarchy.linkage(X, 'ward')` to rounding (~1e-15 relative). Chain handling and tie rules
 * follow `nn_chain` (see linkage-nnchain.ts).
 *
 * Optional leaf weights make it a weighted Ward on given centres (micro-clusters with their sizes).
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

/** Unsorted merges (n − 1) × 4 with representatives; pass through `sortAndLabel`. */
export function wardVectorLinkage(
	X: Float64Array, n: number, cols: number, weights: Float64Array | null, control: RunControl = {}
): Float64Array {
	const Z = new Float64Array(Math.max(0, n - 1) * 4);
	const C = X.slice();
	const size = weights ? Float64Array.from(weights) : new Float64Array(n).fill(1);
	// Active clusters in ascending order, so the scan visits them in SciPy's index order.
	const active = new Int32Array(n);
	for (let i = 0; i < n; i++) active[i] = i;
	let nActive = n;
	const chain = new Int32Array(n);
	let chainLength = 0;
	const report = throttle(control.onProgress);
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

	for (let k = 0; k < n - 1; k++) {
		if ((k & 63) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: 'Ward linkage: merging', fraction: 1 - ((n - k) / n) ** 2 });
		}
		if (chainLength === 0) {
			chainLength = 1;
			chain[0] = active[0];
		}
		let x = 0;
		let y = 0;
		let currentMin = Infinity;
		for (;;) {
			x = chain[chainLength - 1];
			if (chainLength > 1) {
				y = chain[chainLength - 2];
				currentMin = ward2(x, y);
			} else currentMin = Infinity;
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
			if (chainLength > 1 && y === chain[chainLength - 2]) break;
			chain[chainLength++] = y;
		}
		chainLength -= 2;
		if (x > y) {
			const t = x;
			x = y;
			y = t;
		}
		const nx = size[x];
		const ny = size[y];
		Z[k * 4] = x;
		Z[k * 4 + 1] = y;
		Z[k * 4 + 2] = Math.sqrt(currentMin);
		Z[k * 4 + 3] = nx + ny;
		// The merged centroid replaces y; x leaves the active list.
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
	report?.({ stage: 'Ward linkage: merging', fraction: 1 });
	return Z;
}

/**
 * Nearest-neighbour-chain agglomeration on a condensed distance matrix, a line-by-line port of SciPy's
 * `scipy/cluster/_hierarchy.pyx::nn_chain` (Müllner 2011, "Modern hierarchical, agglomerative clustering
 * algorithms", fig. 5) for the reducible linkages complete, average and Ward with Lance–Williams updates.
 *
 * The same scan order and the same strict comparisons as SciPy (prefer the previous chain element on ties, then
 * the lowest index) give the same merges on ties, so after `sortAndLabel` the linkage matrix equals SciPy's.
 * Merges come out in chain order, not height order; rows hold point representatives, not cluster ids.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

export type ChainMethod = 'ward' | 'complete' | 'average';

/** Unsorted merges (n − 1) × 4: representative x < y, height, size. D is overwritten. */
export function nnChainLinkage(
	D: Float64Array | Float32Array, n: number, method: ChainMethod, control: RunControl = {}
): Float64Array {
	const Z = new Float64Array(Math.max(0, n - 1) * 4);
	const size = new Int32Array(n).fill(1);
	const chain = new Int32Array(n);
	// rowBase[i] + j is the condensed index of (i, j) for i < j (fits Int32 up to 46,000 rows).
	const rowBase = new Int32Array(n);
	for (let i = 0; i < n; i++) rowBase[i] = n * i - (i * (i + 1)) / 2 - i - 1;
	const at = (a: number, b: number) => (a < b ? rowBase[a] + b : rowBase[b] + a);
	const report = throttle(control.onProgress);
	const code = method === 'ward' ? 0 : method === 'complete' ? 1 : 2;
	let chainLength = 0;

	for (let k = 0; k < n - 1; k++) {
		if ((k & 127) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: `${method} linkage: merging`, fraction: k / (n - 1) });
		}
		if (chainLength === 0) {
			chainLength = 1;
			for (let i = 0; i < n; i++) {
				if (size[i] > 0) {
					chain[0] = i;
					break;
				}
			}
		}
		let x = 0;
		let y = 0;
		let currentMin = Infinity;
		for (;;) {
			x = chain[chainLength - 1];
			if (chainLength > 1) {
				y = chain[chainLength - 2];
				currentMin = D[at(x, y)];
			} else currentMin = Infinity;
			// i < x reads a column of the triangle, i > x a contiguous run of row x.
			for (let i = 0; i < x; i++) {
				if (size[i] === 0) continue;
				const dist = D[rowBase[i] + x];
				if (dist < currentMin) {
					currentMin = dist;
					y = i;
				}
			}
			const base = rowBase[x];
			for (let i = x + 1; i < n; i++) {
				if (size[i] === 0) continue;
				const dist = D[base + i];
				if (dist < currentMin) {
					currentMin = dist;
					y = i;
				}
			}
			if (chainLength > 1 && y === chain[chainLength - 2]) break;
			chain[chainLength++] = y;
		}
		chainLength -= 2;
		// fastcluster's convention, kept by SciPy: the merged cluster lives on at the larger index.
		if (x > y) {
			const t = x;
			x = y;
			y = t;
		}
		const nx = size[x];
		const ny = size[y];
		Z[k * 4] = x;
		Z[k * 4 + 1] = y;
		Z[k * 4 + 2] = currentMin;
		Z[k * 4 + 3] = nx + ny;
		size[x] = 0;
		size[y] = nx + ny;
		const dxy = currentMin;
		// Lance–Williams update of every distance to the merged cluster, which lives on at index y.
		const bx = rowBase[x];
		const by = rowBase[y];
		for (let i = 0; i < n; i++) {
			const ni = size[i];
			if (ni === 0 || i === y) continue;
			const ix = i < x ? rowBase[i] + x : bx + i;
			const iy = i < y ? rowBase[i] + y : by + i;
			const dxi = D[ix];
			const dyi = D[iy];
			let v: number;
			if (code === 0) {
				// SciPy `_ward`: the Lance–Williams form of Ward's criterion on (unsquared) distances.
				const t = 1.0 / (nx + ny + ni);
				v = Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
			} else if (code === 1) v = dxi > dyi ? dxi : dyi;
			else v = (nx * dxi + ny * dyi) / (nx + ny);
			D[iy] = v;
		}
	}
	report?.({ stage: `${method} linkage: merging`, fraction: 1 });
	return Z;
}

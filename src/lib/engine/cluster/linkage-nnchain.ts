/**
 * Agglomeration on a condensed distance matrix for the reducible linkages complete, average and Ward, with
 * SciPy's Lance–Williams updates (`scipy/cluster/_hierarchy.pyx::nn_chain`); the chain itself is nn-chain.ts.
 * Merges come out in chain order, not height order; rows hold point representatives, not cluster ids.
 */
import type { RunControl } from '../progress';
import { nnChain } from './nn-chain';

export type ChainMethod = 'ward' | 'complete' | 'average';

/** Unsorted merges (n − 1) × 4: representative x < y, height, size. D is overwritten. */
export function nnChainLinkage(
	D: Float64Array | Float32Array, n: number, method: ChainMethod, control: RunControl = {}
): Float64Array {
	const size = new Int32Array(n).fill(1);
	// rowBase[i] + j is the condensed index of (i, j) for i < j (fits Int32 up to 46,000 rows).
	const rowBase = new Int32Array(n);
	for (let i = 0; i < n; i++) rowBase[i] = n * i - (i * (i + 1)) / 2 - i - 1;
	const code = method === 'ward' ? 0 : method === 'complete' ? 1 : 2;
	return nnChain(
		n,
		{
			first: () => {
				let i = 0;
				while (size[i] === 0) i++;
				return i;
			},
			distance: (a, b) => D[a < b ? rowBase[a] + b : rowBase[b] + a],
			nearest: (x, best) => {
				let currentMin = best.d, y = best.y;
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
				best.d = currentMin;
				best.y = y;
			},
			size: (i) => size[i],
			merge: (x, y, dxy) => {
				const nx = size[x];
				const ny = size[y];
				size[x] = 0;
				size[y] = nx + ny;
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
		},
		control,
		{ stage: `${method} linkage: merging`, every: 128, fraction: (k) => k / (n - 1) }
	);
}

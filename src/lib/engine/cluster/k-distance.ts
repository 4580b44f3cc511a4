/**
 * The sorted k-distance curve for choosing DBSCAN's eps (Ester et al. 1996, section 4.2), and a suggested eps at
 * its knee.
 *
 * Convention: the point itself counts as its own first neighbour (distance 0), as scikit-learn's
 * `NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)` does when X is passed explicitly. So `kDistance(..., k)`
 * with k = minPts is the smallest eps that would make each point core under DBSCAN's "minPts including
 * itself" rule.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import { EngineError } from '../errors';
import { checkMatrix } from './check-matrix';
import { KDTree } from './kdtree';
import { kthNearestDist2 } from './kdtree-knn';
import { kneedle } from '../metrics/knee';

/** Each row's distance to its k-th nearest row (itself first), sorted ascending. */
export function kDistance(X: Float64Array, rows: number, cols: number, k: number, control: RunControl = {}): Float64Array {
	checkMatrix(X, rows, cols, 'The k-distance plot');
	if (!Number.isInteger(k) || k < 1 || k > rows) {
		throw new EngineError('bad-parameter', `k must be a whole number between 1 and the row count ${rows} (got ${k}).`,
			'Use k = minPts, the DBSCAN minimum number of points.');
	}
	const tree = new KDTree(X, rows, cols);
	const heap = new Float64Array(k);
	const out = new Float64Array(rows);
	const report = throttle(control.onProgress);
	for (let i = 0; i < rows; i++) {
		if ((i & 1023) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: 'k-distances', fraction: i / rows });
		}
		out[i] = Math.sqrt(kthNearestDist2(tree, X, i * cols, k, heap));
	}
	report?.({ stage: 'k-distances', fraction: 1 });
	return out.sort();
}

/**
 * eps at the knee of a sorted (ascending) k-distance curve by Kneedle (convex, increasing). The curve is first
 * reduced to at most 500 evenly spaced quantiles: raw curves of thousands of points have small local wiggles that
 * Kneedle would take for knees. Falls back to the point farthest below the chord when Kneedle finds no knee.
 */
export function suggestEps(kdist: Float64Array | number[]): number {
	const n = kdist.length;
	if (n === 0) throw new EngineError('bad-parameter', 'The k-distance curve is empty.', 'Compute kDistance on at least one row.');
	const m = Math.min(n, 500);
	const x: number[] = [];
	const y: number[] = [];
	for (let t = 0; t < m; t++) {
		const i = m === 1 ? 0 : Math.round((t * (n - 1)) / (m - 1));
		x.push(i);
		y.push(kdist[i]);
	}
	if (y[m - 1] === y[0]) return y[0] > 0 ? y[0] : Number.MIN_VALUE;
	const knee = kneedle(x, y, { curve: 'convex', direction: 'increasing' });
	if (knee !== null) return kdist[knee];
	// Chord fallback: maximum of (normalised x) − (normalised y), the same difference Kneedle maximises.
	let best = 0;
	let bestGap = -Infinity;
	for (let t = 0; t < m; t++) {
		const gap = (x[t] - x[0]) / (x[m - 1] - x[0]) - (y[t] - y[0]) / (y[m - 1] - y[0]);
		if (gap > bestGap) {
			bestGap = gap;
			best = t;
		}
	}
	return y[best];
}

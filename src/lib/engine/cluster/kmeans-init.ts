/**
 * k-means starting centres: greedy k-means++ and random rows.
 *
 * Follows scikit-learn 1.2 `sklearn/cluster/_kmeans.py::_kmeans_plusplus` (Arthur & Vassilvitskii 2007, with the
 * greedy "2 + ln k local trials" refinement): the first centre is a uniform row; each next centre is chosen among
 * `nLocalTrials` candidates drawn with probability proportional to the squared distance to the closest centre so
 * far, keeping the candidate that leaves the lowest potential (sum of closest squared distances).
 */
import type { Rng } from '../random';
import { EngineError } from '../errors';
import { throwIfAborted } from '../progress';
import { openArena, TRIAL_PAIRS_MAX } from './kmeans-wasm';
import { distancesToRow } from './kmeans-init-distances';

/**
 * Greedy k-means++ centres (k × cols, row-major copies of rows of X).
 * Cost: one O(rows·cols) pass per candidate, plus an O(rows) cumulative sum per centre.
 */
export function kmeansPlusPlus(
	X: Float64Array,
	rows: number,
	cols: number,
	k: number,
	rng: Rng,
	nLocalTrials?: number,
	control: { signal?: AbortSignal } = {}
): Float64Array {
	checkK(rows, k);
	// sklearn: n_local_trials = 2 + int(np.log(n_clusters))
	const trials = nLocalTrials === undefined ? 2 + Math.floor(Math.log(k)) : Math.max(1, Math.floor(nLocalTrials));
	const centers = new Float64Array(k * cols);
	const first = rng.int(rows);
	copyRow(X, first, cols, centers, 0);

	// Eight features: all local trials in one WebAssembly pass over a copy of X (bit-identical distances).
	const arena = cols === 8 && trials <= 2 * TRIAL_PAIRS_MAX ? openArena(8 * rows * (8 + 1 + 2 * Math.ceil(trials / 2)) + 64) : null;
	try {
		const Y = arena ? arena.f64(rows * 8, false) : null;
		Y?.set(X);
		const closest = arena ? arena.f64(rows, false) : new Float64Array(rows);
		const out = arena ? arena.f64(rows * 2 * Math.ceil(trials / 2), false) : null;
		let candidate = new Float64Array(arena ? 0 : rows);
		let best = new Float64Array(arena ? 0 : rows);
		const cum = new Float64Array(rows);
		let pot = distancesToRow(X, rows, cols, first, null, closest);

		for (let c = 1; c < k; c++) {
			throwIfAborted(control.signal);
			// Inverse-CDF sampling: sklearn uses np.searchsorted(stable_cumsum(closest_dist_sq), u * pot).
			let run = 0;
			for (let i = 0; i < rows; i++) {
				run += closest[i];
				cum[i] = run;
			}
			let bestPot = Infinity;
			let bestId = -1;
			if (arena) {
				const ids: number[] = [];
				for (let t = 0; t < trials; t++) ids.push(searchLeft(cum, rng.next() * pot));
				const pots = arena.trials(Y!, rows, ids.map((id) => X.subarray(id * 8, id * 8 + 8)), closest, out!);
				let bestT = 0;
				for (let t = 0; t < trials; t++) {
					// Strict '<' keeps the first of equal potentials, like np.argmin.
					if (pots[t] < bestPot) {
						bestPot = pots[t];
						bestId = ids[t];
						bestT = t;
					}
				}
				closest.set(out!.subarray(bestT * rows, (bestT + 1) * rows));
			} else {
				for (let t = 0; t < trials; t++) {
					const id = searchLeft(cum, rng.next() * pot);
					const p = distancesToRow(X, rows, cols, id, closest, candidate);
					// Strict '<' keeps the first of equal potentials, like np.argmin.
					if (p < bestPot) {
						bestPot = p;
						bestId = id;
						const swap = best;
						best = candidate;
						candidate = swap;
					}
				}
				closest.set(best);
			}
			copyRow(X, bestId, cols, centers, c);
			pot = bestPot;
		}
		return centers;
	} finally {
		arena?.close();
	}
}

/** k distinct rows chosen uniformly, in random order (sklearn's init='random': permutation(n)[:k]). */
export function randomInit(X: Float64Array, rows: number, cols: number, k: number, rng: Rng): Float64Array {
	checkK(rows, k);
	const ids = rng.shuffle(rng.sampleIndices(rows, k));
	const centers = new Float64Array(k * cols);
	for (let c = 0; c < k; c++) copyRow(X, ids[c], cols, centers, c);
	return centers;
}

function checkK(rows: number, k: number): void {
	if (!Number.isInteger(k) || k < 1 || k > rows) {
		throw new EngineError(
			'bad-parameter',
			`Cannot choose ${k} starting centres from ${rows} rows.`,
			'Choose a whole number of clusters between 1 and the number of rows.'
		);
	}
}

function copyRow(X: Float64Array, row: number, cols: number, out: Float64Array, at: number): void {
	const o = row * cols;
	const p = at * cols;
	for (let j = 0; j < cols; j++) out[p + j] = X[o + j];
}

/** First index i with cum[i] >= value (numpy searchsorted side='left'), clipped to the last index. */
export function searchLeft(cum: Float64Array, value: number): number {
	let lo = 0;
	let hi = cum.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (cum[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo < cum.length ? lo : cum.length - 1;
}

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
import { kernelArena, TRIAL_PAIRS_MAX } from './kmeans-wasm';
import { distancesFromPairwise, distancesToRow } from './kmeans-init-distances';
import { BLOCK_ROWS } from './kmeans-blocks';
import { blockedPlusPlus, seedScratchBytes } from './kmeans-seed-blocks';

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
	control: {
		signal?: AbortSignal;
		/** Force the lean path on or off (tests); default: from LEAN_ROWS rows. */
		lean?: boolean;
		/** Every row's distances to every row (pairwiseToRows of X), read instead of computed. */
		pairwise?: Float64Array | null;
	} = {}
): Float64Array {
	checkK(rows, k);
	// sklearn: n_local_trials = 2 + int(np.log(n_clusters))
	const trials = nLocalTrials === undefined ? 2 + Math.floor(Math.log(k)) : Math.max(1, Math.floor(nLocalTrials));
	const centers = new Float64Array(k * cols);
	const first = rng.int(rows);
	copyRow(X, first, cols, centers, 0);
	// More than one block of rows: the blocks' canonical order (kmeans-seed-blocks.ts).
	if (rows > BLOCK_ROWS && !control.pairwise) {
		const own = cols === 8 ? kernelArena(8 * rows * cols + seedScratchBytes(rows, cols, trials)) : null;
		try {
			const Y = own ? own.f64(rows * cols, false) : X;
			if (own) Y.set(X);
			const ids = blockedPlusPlus(Y, rows, cols, k, rng, trials, first, control.signal);
			for (let c = 1; c < k; c++) copyRow(X, ids[c], cols, centers, c);
			return centers;
		} finally {
			own?.close();
		}
	}

	// Eight features: all local trials in one WebAssembly pass over a copy of X (bit-identical distances).
	const arena = cols === 8 && trials <= 2 * TRIAL_PAIRS_MAX ? kernelArena(8 * rows * (8 + 1 + 2 * Math.ceil(trials / 2)) + 64) : null;
	try {
		const Y = arena ? arena.f64(rows * 8, false) : null;
		Y?.set(X);
		const closest = arena ? arena.f64(rows, false) : new Float64Array(rows);
		const out = arena ? arena.f64(rows * 2 * Math.ceil(trials / 2), false) : null;
		// Large data: no cumulative-sum array and no candidate buffers (lowMemoryTrials below), 3 fewer doubles a row.
		const lean = !arena && (control.lean ?? rows >= LEAN_ROWS);
		let candidate = new Float64Array(arena || lean ? 0 : rows);
		let best = new Float64Array(arena || lean ? 0 : rows);
		const cum = new Float64Array(lean ? 0 : rows);
		const D = control.pairwise ?? null;
		const toRow = (row: number, prev: Float64Array | null, out: Float64Array) => (D ? distancesFromPairwise(D, rows, row, prev, out) : distancesToRow(X, rows, cols, row, prev, out));
		let pot = toRow(first, null, closest);

		for (let c = 1; c < k; c++) {
			throwIfAborted(control.signal);
			if (lean) {
				const next = leanTrials(X, rows, cols, closest, pot, trials, rng);
				copyRow(X, next.id, cols, centers, c);
				pot = next.pot;
				continue;
			}
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
					const p = toRow(id, closest, candidate);
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

/**
 * Rows from which the starts keep only the closest distances (8 bytes a row instead of 32): 22M rows' buffers were
 * half a gigabyte at the peak of a command-line run (issue #18).
 */
export const LEAN_ROWS = 1_000_000;

/**
 * One greedy step with only `closest` in memory, choosing exactly what the buffered loop chooses: each candidate
 * drawn by a running sum of `closest` (the same additions, in the same order, as the cumulative array, so the same
 * first index reaching u·pot), its potential summed without storing its distances, then `closest` updated once
 * for the winner (the same min of the same distances). One more pass over the data per centre than the buffered loop.
 */
function leanTrials(X: Float64Array, rows: number, cols: number, closest: Float64Array, pot: number, trials: number, rng: Rng): { id: number; pot: number } {
	let bestPot = Infinity;
	let bestId = -1;
	for (let t = 0; t < trials; t++) {
		const target = rng.next() * pot;
		let run = 0;
		let id = rows - 1;
		for (let i = 0; i < rows; i++) {
			run += closest[i];
			if (run >= target) {
				id = i;
				break;
			}
		}
		const p = potentialToRow(X, rows, cols, id, closest);
		if (p < bestPot) {
			bestPot = p;
			bestId = id;
		}
	}
	distancesToRow(X, rows, cols, bestId, closest, closest);
	return { id: bestId, pot: bestPot };
}

/** Σ min(closest[i], ‖X_i − X_row‖²), each term as distancesToRow computes it, without writing anything. */
function potentialToRow(X: Float64Array, rows: number, cols: number, row: number, closest: Float64Array): number {
	const r = row * cols;
	let total = 0;
	for (let i = 0, o = 0; i < rows; i++, o += cols) {
		let s = 0;
		if (cols === 8) {
			const d0 = X[o] - X[r], d1 = X[o + 1] - X[r + 1], d2 = X[o + 2] - X[r + 2], d3 = X[o + 3] - X[r + 3];
			const d4 = X[o + 4] - X[r + 4], d5 = X[o + 5] - X[r + 5], d6 = X[o + 6] - X[r + 6], d7 = X[o + 7] - X[r + 7];
			s = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + (d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7);
		} else {
			for (let j = 0; j < cols; j++) {
				const d = X[o + j] - X[r + j];
				s += d * d;
			}
		}
		total += closest[i] < s ? closest[i] : s;
	}
	return total;
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

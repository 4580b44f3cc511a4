/**
 * k-means++ on more than one block of rows (BLOCK_ROWS, kmeans-blocks.ts), in the blocks' canonical order so that
 * a team of threads sharing memory (kmeans-team.ts) chooses the same centres as one thread. For each centre:
 * every candidate's potential Σ min(closest_i, ‖x_i − c‖²) is computed per block (OP_TRIALS) and the blocks' parts
 * are added in block order; the winner's parts are each block's new total of closest distances, and the distances
 * themselves are updated for the winner in the same pass over the rows as the next centre's candidates
 * (OP_UPDATE_TRIALS), or before it for a block that sampling must scan. A candidate is drawn with probability proportional to
 * closest_i, as scikit-learn's searchsorted(cumsum(closest), u·pot): the blocks' totals are walked in order to the
 * first block whose running total reaches u·pot, then that block's rows are scanned, the running total continuing
 * row by row, to the first row reaching it (the block's last row if rounding leaves it short). Everything is a
 * function of the per-block values alone, which do not depend on the thread that computed them.
 */
import type { Rng } from '../random';
import { throwIfAborted } from '../progress';
import { blockCount, blockRange, OP_CLOSEST, OP_TRIALS, OP_UPDATE_TRIALS, runBlocks, type BlockJob } from './kmeans-blocks';
import { seedClosest } from './kmeans-seed-kernels';
import { arenaOf } from './kmeans-wasm';

/** Bytes of blockedPlusPlus' scratch (placed in Y's arena when there is one). */
export const seedScratchBytes = (rows: number, cols: number, trials: number) =>
	8 * rows + 8 * blockCount(rows) * (trials + 2) + 8 * (trials + 1) * cols + 256;

/**
 * The rows chosen as greedy k-means++ centres (k ids) among the rows of Y (rows × cols: the data, or its centred and
 * padded copy in a run's arena, which a team may share), the first being row `first`, `trials` candidates per
 * further centre.
 */
export function blockedPlusPlus(
	Y: Float64Array, rows: number, cols: number, k: number, rng: Rng, trials: number, first: number, signal?: AbortSignal
): Int32Array {
	const arena = arenaOf(Y);
	const mark = arena?.mark() ?? 0;
	try {
		const blocks = blockCount(rows);
		const f64 = (n: number) => (arena ? arena.f64(n) : new Float64Array(n));
		const closest = f64(rows).fill(Infinity);
		// The candidates, then the last chosen centre (row `trials`).
		const cands = f64((trials + 1) * cols);
		const winner = cands.subarray(trials * cols);
		const parts = f64(blocks * trials);
		const blockPot = f64(blocks);
		// Per block: 1 once its closest distances account for the last chosen centre.
		const upToDate = arena ? arena.i32(blocks) : new Int32Array(blocks);
		const job: BlockJob = {
			op: OP_CLOSEST, X: Y, rows, stride: cols, k: 1, centers: winner, labels: arena ? arena.i32(0) : new Int32Array(0),
			sums: parts, counts: null, changed: upToDate, inertia: blockPot, closest
		};
		const chosen = new Int32Array(k);
		const rowOf = (id: number) => Y.subarray(id * cols, (id + 1) * cols);
		chosen[0] = first;
		winner.set(rowOf(first));
		runBlocks(job);
		let pot = 0;
		for (let b = 0; b < blocks; b++) pot += blockPot[b];
		upToDate.fill(1);
		// The last centre's distances are folded into the next centre's pass over the rows (OP_UPDATE_TRIALS); a
		// block about to be sampled is brought up to date here first, with the same values.
		const ready = (b: number) => {
			if (upToDate[b] === 1) return;
			const { from, n } = blockRange(rows, b);
			seedClosest(Y.subarray(from * cols, (from + n) * cols), n, cols, winner, closest.subarray(from, from + n));
			upToDate[b] = 1;
		};
		const ids = new Int32Array(trials);
		for (let c = 1; c < k; c++) {
			throwIfAborted(signal);
			for (let t = 0; t < trials; t++) {
				ids[t] = sample(rng.next() * pot, closest, blockPot, rows, ready);
				cands.set(rowOf(ids[t]), t * cols);
			}
			const update = c > 1;
			runBlocks({ ...job, op: update ? OP_UPDATE_TRIALS : OP_TRIALS, k: trials, centers: update ? cands : cands.subarray(0, trials * cols) });
			let bestPot = Infinity, bestT = 0;
			for (let t = 0; t < trials; t++) {
				let p = 0;
				for (let b = 0; b < blocks; b++) p += parts[b * trials + t];
				// Strict '<' keeps the first of equal potentials, like np.argmin.
				if (p < bestPot) {
					bestPot = p;
					bestT = t;
				}
			}
			chosen[c] = ids[bestT];
			winner.set(rowOf(ids[bestT]));
			// Each block's total of the closest distances once updated for the winner: its part of the winner's potential.
			for (let b = 0; b < blocks; b++) blockPot[b] = parts[b * trials + bestT];
			upToDate.fill(0);
			pot = bestPot;
		}
		return chosen;
	} finally {
		arena?.reset(mark);
	}
}

/** sklearn's n_local_trials = 2 + int(np.log(n_clusters)). */
export const plusPlusTrials = (k: number) => 2 + Math.floor(Math.log(k));

/**
 * k-means++ on more than one block of rows, on the centred, padded data (so a team sharing the arena can help,
 * with no copy of X): the chosen rows' centred values are the padded start, exactly what toPadded makes of the rows
 * of X. Consumes the generator as kmeansPlusPlus does.
 */
export function blockedStart(data: Float64Array, rows: number, stride: number, k: number, rng: Rng, signal?: AbortSignal): Float64Array {
	const first = rng.int(rows);
	const ids = blockedPlusPlus(data, rows, stride, k, rng, plusPlusTrials(k), first, signal);
	const start = new Float64Array(k * stride);
	for (let c = 0; c < k; c++) start.set(data.subarray(ids[c] * stride, (ids[c] + 1) * stride), c * stride);
	return start;
}

/** The first row whose running total of closest reaches target, walking the blocks' totals first. */
function sample(target: number, closest: Float64Array, blockPot: Float64Array, rows: number, ready: (b: number) => void): number {
	let prefix = 0, b = 0;
	for (; b < blockPot.length - 1; b++) {
		const next = prefix + blockPot[b];
		if (next >= target) break;
		prefix = next;
	}
	ready(b);
	const { from, n } = blockRange(rows, b);
	let run = prefix;
	for (let i = from; i < from + n; i++) {
		run += closest[i];
		if (run >= target) return i;
	}
	return from + n - 1;
}

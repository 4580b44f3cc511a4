/**
 * k-means++ on more than one block of rows (BLOCK_ROWS, kmeans-blocks.ts), in the blocks' canonical order so that
 * a team of threads sharing memory (kmeans-team.ts) chooses the same centres as one thread. For each centre:
 * every candidate's potential Σ min(closest_i, ‖x_i − c‖²) is computed per block (OP_TRIALS, nothing written) and
 * the blocks' parts are added in block order; the winner's closest distances are then updated per block
 * (OP_CLOSEST), which also gives each block's total. A candidate is drawn with probability proportional to
 * closest_i, as scikit-learn's searchsorted(cumsum(closest), u·pot): the blocks' totals are walked in order to the
 * first block whose running total reaches u·pot, then that block's rows are scanned, the running total continuing
 * row by row, to the first row reaching it (the block's last row if rounding leaves it short). Everything is a
 * function of the per-block values alone, which do not depend on the thread that computed them.
 */
import type { Rng } from '../random';
import { throwIfAborted } from '../progress';
import { BLOCK_ROWS, blockCount, OP_CLOSEST, OP_TRIALS, runBlocks, type BlockJob } from './kmeans-blocks';
import { arenaOf } from './kmeans-wasm';

/** Bytes of blockedPlusPlus' scratch (placed in Y's arena when there is one). */
export const seedScratchBytes = (rows: number, cols: number, trials: number) =>
	8 * rows + 8 * blockCount(rows) * (trials + 2) + 8 * trials * cols + 256;

/**
 * Greedy k-means++ centres (k × cols) from rows of Y (rows × cols; the data's copy in an arena shared by a team, or
 * the data itself), the first centre being row `first`, `trials` candidates per further centre.
 */
export function blockedPlusPlus(
	Y: Float64Array, rows: number, cols: number, k: number, rng: Rng, trials: number, first: number, signal?: AbortSignal
): Float64Array {
	const arena = arenaOf(Y);
	const mark = arena?.mark() ?? 0;
	try {
		const blocks = blockCount(rows);
		const f64 = (n: number) => (arena ? arena.f64(n) : new Float64Array(n));
		const closest = f64(rows).fill(Infinity);
		const cands = f64(trials * cols);
		const parts = f64(blocks * trials);
		const blockPot = f64(blocks);
		const job: BlockJob = {
			op: OP_CLOSEST, X: Y, rows, stride: cols, k: 1, centers: cands.subarray(0, cols), labels: arena ? arena.i32(0) : new Int32Array(0),
			sums: null, counts: null, changed: arena ? arena.i32(blocks) : new Int32Array(blocks), inertia: blockPot, closest
		};
		const centers = new Float64Array(k * cols);
		const choose = (id: number, c: number) => {
			centers.set(Y.subarray(id * cols, (id + 1) * cols), c * cols);
			cands.set(Y.subarray(id * cols, (id + 1) * cols));
			runBlocks({ ...job, op: OP_CLOSEST, k: 1, centers: cands.subarray(0, cols), sums: null });
		};
		choose(first, 0);
		let pot = 0;
		for (let b = 0; b < blocks; b++) pot += blockPot[b];
		const ids = new Int32Array(trials);
		for (let c = 1; c < k; c++) {
			throwIfAborted(signal);
			for (let t = 0; t < trials; t++) {
				ids[t] = sample(rng.next() * pot, closest, blockPot, rows);
				cands.set(Y.subarray(ids[t] * cols, (ids[t] + 1) * cols), t * cols);
			}
			runBlocks({ ...job, op: OP_TRIALS, k: trials, centers: cands, sums: parts });
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
			choose(ids[bestT], c);
			pot = bestPot;
		}
		return centers;
	} finally {
		arena?.reset(mark);
	}
}

/** The first row whose running total of closest reaches target, walking the blocks' totals first. */
function sample(target: number, closest: Float64Array, blockPot: Float64Array, rows: number): number {
	let prefix = 0, b = 0;
	for (; b < blockPot.length - 1; b++) {
		const next = prefix + blockPot[b];
		if (next >= target) break;
		prefix = next;
	}
	const from = b * BLOCK_ROWS, to = Math.min(rows, from + BLOCK_ROWS);
	let run = prefix;
	for (let i = from; i < to; i++) {
		run += closest[i];
		if (run >= target) return i;
	}
	return to - 1;
}

/**
 * Single-point moves after Lloyd: Hartigan & Wong's (1979, AS 136) exact transfer test, which R's default
 * `kmeans` applies and Lloyd's iterations cannot. Moving row x from segment a (n_a rows, mean c_a) to b changes
 * the within-segment sum of squares by
 *     n_b/(n_b+1)·‖x − c_b‖² − n_a/(n_a−1)·‖x − c_a‖²,
 * so a move is made whenever that is negative, and both means are updated at once. Each pass visits every row
 * once; passes repeat until none moves (every row is then also nearest its own mean: a Lloyd fixed point). The
 * partition's sum of squares strictly falls with each move, so the loop ends; MAX_PASSES only bounds the time.
 * As Hartigan & Wong's "live set", a pass compares a row only with the segments that changed since the row was
 * last tested (all of them when its own segment changed): the other comparisons would give the same answer as
 * before, so skipping them changes nothing but the time.
 * Telgarsky & Vattani (2010) show Hartigan's fixed points are a subset of Lloyd's, which is why it finds lower
 * inertia from the same start.
 *
 * Works on the centred, padded data of kmeans.ts (row stride `stride`, `cols` real features), in place on the
 * labels; returns the means (k × stride) and the exact sum of squares, recomputed from scratch at the end.
 */
import { BLOCK_ROWS, blockCount, foldParts, OP_INERTIA, OP_MARGINS, OP_SUMS, runBlocks, type BlockJob } from './kmeans-blocks';
import { PassDrift, sqN } from './kmeans-hartigan-bounds';
import { arenaOf, type WasmArena } from './kmeans-wasm';

const MAX_PASSES = 50;
/** A move must gain more than this share of the row's current cost: rounding can never make two rows swap forever. */
const MIN_GAIN = 1e-12;

export function hartiganRefine(
	X: Float64Array, rows: number, stride: number, cols: number, k: number, labels: Int32Array
): { centers: Float64Array; inertia: number; moves: number; skipped: number } {
	// More than one block of rows: the means and the final sum of squares in the blocks' canonical order
	// (kmeans-blocks.ts), on the team when the data's arena has one; with a team, each pass also starts with the
	// rows' bounds computed on it (kmeans-hartigan-bounds.ts), and skips the rows they prove would not move.
	const arena = rows > BLOCK_ROWS ? (arenaOf(X) ?? null) : null;
	const team = arena?.team && arena.team.size > 1;
	const mark = arena?.mark() ?? 0;
	try {
		const f64 = (n: number) => (arena ? arena.f64(n) : new Float64Array(n));
		const centers = f64(k * stride);
		const counts = f64(k);
		const lab = arena && !arena.holds(labels) ? arena.i32(rows, false) : labels;
		if (lab !== labels) lab.set(labels);
		const blocked = rows > BLOCK_ROWS ? blockedPasses(arena, X, rows, stride, cols, k, centers, counts, lab, team === true) : null;
		const r = refine(X, rows, stride, cols, k, lab, centers, counts, blocked);
		if (lab !== labels) labels.set(lab);
		return { ...r, centers: centers.slice() };
	} finally {
		arena?.reset(mark);
	}
}

interface BlockedPasses {
	means(): void;
	inertia(): number;
	bounds: { upper: Float64Array; lower: Float64Array; slack: Float64Array; compute: () => void } | null;
}

/** The passes over the blocks of rows that refine makes on more than one block (arrays in `arena` when given). */
function blockedPasses(
	arena: WasmArena | null, X: Float64Array, rows: number, stride: number, cols: number, k: number,
	centers: Float64Array, counts: Float64Array, labels: Int32Array, withBounds: boolean
): BlockedPasses {
	const blocks = blockCount(rows);
	const f64 = (n: number) => (arena ? arena.f64(n, false) : new Float64Array(n));
	const partSums = f64(blocks * k * stride), partCounts = f64(blocks * k), parts = f64(blocks);
	const job: BlockJob = {
		op: OP_SUMS, X, rows, stride, cols, k, centers, labels, sums: partSums, counts: partCounts,
		changed: arena ? arena.i32(blocks) : new Int32Array(blocks), inertia: parts
	};
	const upper = withBounds ? f64(rows) : null, lower = withBounds ? f64(rows) : null, slack = withBounds ? f64(rows) : null;
	return {
		means() {
			runBlocks(job);
			centers.fill(0);
			counts.fill(0);
			foldParts(partSums, partCounts, blocks, centers, counts);
			for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < cols; j++) centers[c * stride + j] /= counts[c];
		},
		inertia() {
			runBlocks({ ...job, op: OP_INERTIA, sums: null, counts: null });
			let total = 0;
			for (let b = 0; b < blocks; b++) total += parts[b];
			return total;
		},
		bounds: upper && lower && slack ? { upper, lower, slack, compute: () => runBlocks({ ...job, op: OP_MARGINS, sums: null, counts, closest: upper, lower, slack }) } : null
	};
}

function refine(
	X: Float64Array, rows: number, stride: number, cols: number, k: number, labels: Int32Array,
	centers: Float64Array, counts: Float64Array, blocked: BlockedPasses | null
): { inertia: number; moves: number; skipped: number } {
	const means = () => (blocked ? blocked.means() : meansOf(X, rows, stride, cols, k, labels, centers, counts));
	const bounds = blocked?.bounds ?? null;
	means();
	let moves = 0, skipped = 0;
	// Segments changed in the previous pass (every one before the first) and in this pass so far.
	let before = new Uint8Array(k).fill(1);
	let now = new Uint8Array(k);
	const live = new Int32Array(k);
	for (let pass = 0; pass < MAX_PASSES; pass++) {
		let moved = 0;
		bounds?.compute();
		const drift = bounds ? new PassDrift(counts) : null;
		const upper = bounds?.upper, lower = bounds?.lower, slack = bounds?.slack;
		// A row is skipped when its lower bound, less every possible drift, still exceeds its upper bound plus its
		// segment's drift, each term widened by 1e-9 of itself (the distances and factors round by about 1e-15, so
		// the true values then differ by more than any rounding of the exact test's); before
		// that, while the counts have hardly changed (drift.withinBudget), its slack against the largest drift alone.
		const sigma = drift?.sigma, shift = drift?.drift;
		let rho = 1, dmax = 0, lim = slack ? 0 : Infinity;
		for (let i = 0; i < rows; i++) {
			if (slack !== undefined && slack[i] > lim) {
				skipped++;
				continue;
			}
			const a = labels[i];
			const na = counts[a];
			if (na <= 1) continue;
			if (upper && rho * lower![i] * (1 - 1e-9) - dmax * (1 + 1e-9) > (sigma![a] * upper[i] + Math.SQRT2 * shift![a]) * (1 + 1e-9)) {
				skipped++;
				continue;
			}
			const all = before[a] === 1 || now[a] === 1;
			let nLive = 0;
			for (let b = 0; b < k; b++) if (b !== a && (all || before[b] === 1 || now[b] === 1)) live[nLive++] = b;
			if (nLive === 0) continue;
			const o = i * stride;
			const da = sq(X, o, centers, a * stride, cols, stride);
			const remove = (na / (na - 1)) * da;
			let best = -1, bestCost = remove * (1 - MIN_GAIN);
			for (let t = 0; t < nLive; t++) {
				const b = live[t];
				const nb = counts[b];
				const db = sq(X, o, centers, b * stride, cols, stride);
				const add = (nb / (nb + 1)) * db;
				if (add < bestCost) {
					bestCost = add;
					best = b;
				}
			}
			if (best < 0) continue;
			const nb = counts[best];
			const ca = a * stride, cb = best * stride;
			let ma = 0, mb = 0, sa = 0, sb = 0;
			for (let j = 0; j < cols; j++) {
				const x = X[o + j];
				const ua = (centers[ca + j] - x) / (na - 1), ub = (x - centers[cb + j]) / (nb + 1);
				centers[ca + j] += ua;
				centers[cb + j] += ub;
				sa += ua * ua;
				sb += ub * ub;
				ma += Math.abs(centers[ca + j]);
				mb += Math.abs(centers[cb + j]);
			}
			counts[a] = na - 1;
			counts[best] = nb + 1;
			drift?.moved(a, sa, ma, na - 1);
			if (drift) {
				drift.moved(best, sb, mb, nb + 1);
				rho = drift.rho;
				dmax = drift.dmax;
				lim = drift.withinBudget ? 2.5 * dmax : Infinity;
			}
			labels[i] = best;
			now[a] = 1;
			now[best] = 1;
			moved++;
		}
		moves += moved;
		[before, now] = [now, before];
		now.fill(0);
		// Fresh means after every pass that moved rows: the running updates must not drift.
		if (moved > 0) means();
		else break;
	}
	let inertia = 0;
	if (blocked) inertia = blocked.inertia();
	else for (let i = 0; i < rows; i++) inertia += sq(X, i * stride, centers, labels[i] * stride, cols, stride);
	return { inertia, moves, skipped };
}

/**
 * ‖X_o − C_c‖² over the real features. Rows and centres are zero-padded to the stride, so with a stride of 4 or 8
 * the loop written out over the whole stride adds the same squares in the same order, then exact zeros: the same
 * value bit for bit, about 3× sooner on small data. Small functions, so that the engine inlines them.
 */
function sq(X: Float64Array, o: number, C: Float64Array, c: number, cols: number, stride: number): number {
	return stride === 8 ? sq8(X, o, C, c) : stride === 4 ? sq4(X, o, C, c) : sqN(X, o, C, c, cols);
}

function sq8(X: Float64Array, o: number, C: Float64Array, c: number): number {
	const d0 = X[o] - C[c], d1 = X[o + 1] - C[c + 1], d2 = X[o + 2] - C[c + 2], d3 = X[o + 3] - C[c + 3];
	const d4 = X[o + 4] - C[c + 4], d5 = X[o + 5] - C[c + 5], d6 = X[o + 6] - C[c + 6], d7 = X[o + 7] - C[c + 7];
	return ((((((d0 * d0 + d1 * d1) + d2 * d2) + d3 * d3) + d4 * d4) + d5 * d5) + d6 * d6) + d7 * d7;
}

function sq4(X: Float64Array, o: number, C: Float64Array, c: number): number {
	const d0 = X[o] - C[c], d1 = X[o + 1] - C[c + 1], d2 = X[o + 2] - C[c + 2], d3 = X[o + 3] - C[c + 3];
	return ((d0 * d0 + d1 * d1) + d2 * d2) + d3 * d3;
}

function meansOf(X: Float64Array, rows: number, stride: number, cols: number, k: number, labels: Int32Array, centers: Float64Array, counts: Float64Array): void {
	centers.fill(0);
	counts.fill(0);
	for (let i = 0; i < rows; i++) {
		const c = labels[i] * stride, o = i * stride;
		counts[labels[i]]++;
		for (let j = 0; j < cols; j++) centers[c + j] += X[o + j];
	}
	for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < cols; j++) centers[c * stride + j] /= counts[c];
}

/** Bytes of hartiganRefine's scratch in the data's arena on more than one block of rows. */
export const hartiganScratchBytes = (rows: number, k: number, stride: number) =>
	28 * rows + 8 * k * (stride + 1) + blockCount(rows) * (8 * k * (stride + 1) + 16) + 512;

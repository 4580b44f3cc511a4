/**
 * The shared words of a k-means team (kmeans-team.ts) and the helper threads' side: the control words that describe
 * a job, the per-block states, claiming blocks from the shared counter, and a helper's loop, which computes its
 * blocks into its own scratch and commits them only if they are still its own.
 */
import {
	blockCount, blockOutputs, runBlock, runBlockInto, storeBlockValue, type BlockJob, type BlockOut,
	OP_ASSIGN, OP_BOUNDS, OP_CLOSEST, OP_MARGINS, OP_SUMS, OP_TRIALS, OP_UPDATE_TRIALS
} from './kmeans-blocks';
import { sharedArena, type WasmArena, type WasmMemory } from './kmeans-wasm';

/**
 * Control words. NEXT = (generation & 0x7fff) << 16 | next block; FINISHED counts finished blocks; HELPED counts
 * blocks done by helpers, TAKEN blocks the caller took over from a stalled helper (for tests and benchmarks); SAFE
 * says whether helpers compute in their scratch (so that their blocks can be taken over).
 */
export const GEN = 0, FINISHED = 1, NEXT = 2, STOP = 3, OP = 4, ROWS = 5, STRIDE = 6, K = 7, HELPED = 15;
export const PX = 8, PLABELS = 9, PCENTERS = 10, PSUMS = 11, PCOUNTS = 12, PCHANGED = 13, PINERTIA = 14;
export const PCLOSEST = 16, PLOWER = 17, COLS = 18, SAFE = 19, TAKEN = 20, PSLACK = 21, PPARAMS = 22;
export const WORDS = 32;
/** Blocks a job can have (NEXT's 16 bits); each has a state word after the control words. */
export const MAX_BLOCKS = 65536;

/**
 * A block's state in a job of generation g: st(g, s). OPEN until a thread claims it; a helper moves it to CLAIMED,
 * computes into its scratch, then to COMMITTING (copying into the job's arrays) and DONE. The caller, once its own
 * blocks are done and helpers have had their grace, moves OPEN or CLAIMED blocks to TAKEN and computes them itself;
 * a helper that then tries to commit finds TAKEN and drops its copy. Blocks are computed the same way by anyone,
 * so taking over changes nothing in the result.
 */
export const OPEN = 1, CLAIMED = 2, COMMITTING = 3, DONE = 4, TAKEN_OVER = 5;
export const st = (gen: number, s: number) => ((gen & 0x0fffffff) << 3) | s;

/** Bytes of each helper's own scratch (its blocks' outputs, and the kernels' centre blocks) at the start of the memory. */
export const SCRATCH = 1 << 20;
/** Jobs whose per-block sums fit this many bytes run in the helpers' scratch; larger ones in place. */
export const SCRATCH_SUMS = 256 * 1024;
export const BASE = 64;

/** A helper waits at most this long for work to be claimed before the run is declared broken. */
export const WAIT_MS = 120_000;
/**
 * Once its own blocks are done, the caller waits for the helpers' blocks this long, or four times its own time per
 * block if longer, then takes over every block not yet finished: a helper the system has stopped costs a pass at
 * most that (issue #17: one 220,000-row run in a loaded CI waited 170 s).
 */
export const GRACE_MS = 100;
export const GRACE_BLOCKS = 4;

export interface TeamInit {
	memory: WasmMemory;
	control: SharedArrayBuffer;
	/** 0-based helper index: its scratch region. */
	index: number;
	/** Tests only: the helper sleeps this long after claiming each block, as a thread the system has stopped. */
	stallMs?: number;
}

export const tag = (gen: number) => (gen & 0x7fff) << 16;

/**
 * Claims and runs blocks of generation `gen` until none are left (or the counter belongs to another job); returns
 * how many it ran. The caller (arena null) computes in place; a helper (its scratch arena) as helperBlock says.
 */
export function claim(job: BlockJob, c: Int32Array, state: Int32Array, gen: number, scratch: WasmArena | null, stallMs = 0): number {
	const blocks = blockCount(job.rows);
	let ran = 0;
	for (;;) {
		const v = Atomics.load(c, NEXT);
		if ((v & ~0xffff) !== tag(gen) || (v & 0xffff) >= blocks) return ran;
		if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
		const b = v & 0xffff;
		if (scratch === null) runBlock(job, b);
		else if (!helperBlock(job, b, c, state, gen, scratch, stallMs)) continue;
		ran++;
		if (scratch === null) Atomics.store(state, b, st(gen, DONE));
		else Atomics.add(c, HELPED, 1);
		if (Atomics.add(c, FINISHED, 1) + 1 === blocks) Atomics.notify(c, FINISHED);
	}
}

/**
 * A helper's block: in a SAFE job, computed into the helper's scratch and committed only if the caller has not
 * taken it over meanwhile (false then: someone else finished it); otherwise in place.
 */
function helperBlock(job: BlockJob, b: number, c: Int32Array, state: Int32Array, gen: number, scratch: WasmArena, stallMs: number): boolean {
	if (Atomics.load(c, SAFE) !== 1) {
		runBlock(job, b);
		return true;
	}
	if (Atomics.compareExchange(state, b, st(gen, OPEN), st(gen, CLAIMED)) !== st(gen, OPEN)) return false;
	if (stallMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, stallMs);
	const mark = scratch.mark();
	try {
		const real = blockOutputs(job, b);
		const mine: BlockOut = {
			labels: real.labels ? scratch.i32(real.labels.length, false) : null,
			closest: real.closest ? scratch.f64(real.closest.length, false) : null,
			lower: real.lower ? scratch.f64(real.lower.length, false) : null,
			slack: real.slack ? scratch.f64(real.slack.length, false) : null,
			sums: real.sums ? scratch.f64(real.sums.length, false) : null,
			counts: real.counts ? scratch.f64(real.counts.length, false) : null
		};
		// The ops read the block's current labels and closest distances (OP_BOUNDS reads the job's own, and may
		// keep the block's parts).
		const bounded = job.op === OP_BOUNDS;
		if (mine.labels && !bounded) mine.labels.set(real.labels!);
		if (mine.closest && (job.op === OP_CLOSEST || job.op === OP_UPDATE_TRIALS)) mine.closest.set(real.closest!);
		if (bounded) {
			mine.sums!.set(real.sums!);
			mine.counts!.set(real.counts!);
		}
		const value = runBlockInto(job, b, mine);
		if (Atomics.compareExchange(state, b, st(gen, CLAIMED), st(gen, COMMITTING)) !== st(gen, CLAIMED)) return false;
		if (bounded) commitBounded(real, mine, value);
		else for (const key of ['labels', 'closest', 'lower', 'slack', 'sums', 'counts'] as const) if (mine[key]) real[key]!.set(mine[key] as never);
		storeBlockValue(job, b, value);
		Atomics.store(state, b, st(gen, DONE));
		return true;
	} finally {
		scratch.reset(mark);
	}
}

/** OP_BOUNDS' commit: the labels when some changed, the bounds of the listed rows, the block's parts. */
function commitBounded(real: BlockOut, mine: BlockOut, changed: number): void {
	if (changed > 0) real.labels!.set(mine.labels!);
	const t = mine.touched!, up = real.closest!, lo = real.lower!, myUp = mine.closest!, myLo = mine.lower!;
	for (let j = 0; j < t.length; j++) {
		const r = t[j];
		up[r] = myUp[r];
		lo[r] = myLo[r];
	}
	real.sums!.set(mine.sums!);
	real.counts!.set(mine.counts!);
}

/** A helper thread's loop: call once `ready` has been signalled; returns when the team stops. */
export function runTeamHelper(init: TeamInit, ready: () => void = () => {}): void {
	const c = new Int32Array(init.control, 0, WORDS);
	const state = new Int32Array(init.control, WORDS * 4, MAX_BLOCKS);
	let seen = Atomics.load(c, GEN);
	ready();
	let arena: WasmArena | null = null;
	for (;;) {
		Atomics.wait(c, GEN, seen);
		const gen = (seen = Atomics.load(c, GEN));
		if (Atomics.load(c, STOP)) return;
		// Too late for this job (every block claimed, or already a newer one): back to sleep.
		const v = Atomics.load(c, NEXT);
		if ((v & ~0xffff) !== tag(gen) || (v & 0xffff) >= blockCount(c[ROWS])) continue;
		// The memory may have grown since the last job: views are remade on its current buffer.
		if (!arena || arena.buffer.byteLength !== init.memory.buffer.byteLength) {
			arena?.close();
			arena = sharedArena(init.memory, BASE + init.index * SCRATCH, BASE + (init.index + 1) * SCRATCH);
		}
		claim(jobOf(arena!.buffer, c), c, state, gen, arena!, init.stallMs ?? 0);
	}
}

/** The job described by the control words, as views of the team's memory (a helper's side of runAll). */
function jobOf(buf: ArrayBuffer, c: Int32Array): BlockJob {
	const rows = c[ROWS], stride = c[STRIDE], k = c[K], blocks = blockCount(rows), op = c[OP];
	const seeding = op === OP_TRIALS || op === OP_CLOSEST || op === OP_UPDATE_TRIALS;
	const f64 = (word: number, n: number) => (c[word] !== 0 ? new Float64Array(buf, c[word], n) : null);
	return {
		op, rows, stride, k, cols: c[COLS],
		X: new Float64Array(buf, c[PX], rows * stride),
		labels: seeding ? new Int32Array(0) : new Int32Array(buf, c[PLABELS], rows),
		centers: new Float64Array(buf, c[PCENTERS], (op === OP_UPDATE_TRIALS ? k + 1 : k) * stride),
		sums: op === OP_ASSIGN || op === OP_SUMS || op === OP_BOUNDS ? f64(PSUMS, blocks * k * stride) : op === OP_TRIALS || op === OP_UPDATE_TRIALS ? f64(PSUMS, blocks * k) : null,
		counts: op === OP_ASSIGN || op === OP_SUMS || op === OP_BOUNDS ? f64(PCOUNTS, blocks * k) : op === OP_MARGINS ? f64(PCOUNTS, k) : null,
		changed: new Int32Array(buf, c[PCHANGED], blocks),
		inertia: new Float64Array(buf, c[PINERTIA], blocks),
		closest: f64(PCLOSEST, rows),
		lower: f64(PLOWER, rows),
		slack: f64(PSLACK, rows),
		params: f64(PPARAMS, 3 * k + 2)
	};
}


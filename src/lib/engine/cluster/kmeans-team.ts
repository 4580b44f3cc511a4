/**
 * One k-means run on several threads sharing memory. The run's arena (centred data, labels, centres, per-block
 * parts) lives in one shared WebAssembly memory; every helper thread instantiates the same kernels on it. For each
 * pass over the rows (kmeans-blocks.ts) the thread running k-means writes the job into a small shared control
 * array and wakes the helpers; all threads, itself included, claim blocks from a shared counter until none are
 * left, each writing its block's parts into the block's own slots; the caller waits until every block is finished
 * (not for helpers that woke too late to claim any: on a busy machine a sleeping helper must not hold up a pass),
 * then adds the parts in block order. Which thread did which block changes nothing in the result. The claim
 * counter carries the job's generation, so a helper that wakes late for a finished job can never claim a block
 * of the next one with the old job's parameters. Needs shared memory and Atomics.wait: Node's
 * worker_threads, or browser workers on a cross-origin-isolated page. The threads themselves are started by the
 * caller (src/lib/workers/kmeans-team-client.ts, src/cli/kmeans-threads.ts), which hands each helper a TeamInit.
 */
import { EngineError } from '../errors';
import {
	blockCount, blockOutputs, runBlock, runBlockInto, storeBlockValue, type BlockJob, type BlockOut, type BlockRunner,
	OP_ASSIGN, OP_CLOSEST, OP_MARGINS, OP_SUMS, OP_TRIALS, OP_UPDATE_TRIALS
} from './kmeans-blocks';
import { sharedArena, sharedKernelMemory, type WasmArena, type WasmMemory } from './kmeans-wasm';

/**
 * Control words. NEXT = (generation & 0x7fff) << 16 | next block; FINISHED counts finished blocks; HELPED counts
 * blocks done by helpers, TAKEN blocks the caller took over from a stalled helper (for tests and benchmarks); SAFE
 * says whether helpers compute in their scratch (so that their blocks can be taken over).
 */
const GEN = 0, FINISHED = 1, NEXT = 2, STOP = 3, OP = 4, ROWS = 5, STRIDE = 6, K = 7, HELPED = 15;
const PX = 8, PLABELS = 9, PCENTERS = 10, PSUMS = 11, PCOUNTS = 12, PCHANGED = 13, PINERTIA = 14;
const PCLOSEST = 16, PLOWER = 17, COLS = 18, SAFE = 19, TAKEN = 20, PSLACK = 21;
const WORDS = 32;
/** Blocks a job can have (NEXT's 16 bits); each has a state word after the control words. */
const MAX_BLOCKS = 65536;

/**
 * A block's state in a job of generation g: st(g, s). OPEN until a thread claims it; a helper moves it to CLAIMED,
 * computes into its scratch, then to COMMITTING (copying into the job's arrays) and DONE. The caller, once its own
 * blocks are done and helpers have had their grace, moves OPEN or CLAIMED blocks to TAKEN and computes them itself;
 * a helper that then tries to commit finds TAKEN and drops its copy. Blocks are computed the same way by anyone,
 * so taking over changes nothing in the result.
 */
const OPEN = 1, CLAIMED = 2, COMMITTING = 3, DONE = 4, TAKEN_OVER = 5;
const st = (gen: number, s: number) => ((gen & 0x0fffffff) << 3) | s;

/** Bytes of each helper's own scratch (its blocks' outputs, and the kernels' centre blocks) at the start of the memory. */
const SCRATCH = 1 << 20;
/** Jobs whose per-block sums fit this many bytes run in the helpers' scratch; larger ones in place. */
const SCRATCH_SUMS = 256 * 1024;
const BASE = 64;

/** A helper waits at most this long for work to be claimed before the run is declared broken. */
const WAIT_MS = 120_000;
/**
 * Once its own blocks are done, the caller waits for the helpers' blocks this long, or four times its own time per
 * block if longer, then takes over every block not yet finished: a helper the system has stopped costs a pass at
 * most that (issue #17: one 220,000-row run in a loaded CI waited 170 s).
 */
const GRACE_MS = 100;
const GRACE_BLOCKS = 4;

export interface TeamInit {
	memory: WasmMemory;
	control: SharedArrayBuffer;
	/** 0-based helper index: its scratch region. */
	index: number;
	/** Tests only: the helper sleeps this long after claiming each block, as a thread the system has stopped. */
	stallMs?: number;
}

export class RowTeam implements BlockRunner {
	/** Threads working on a run's blocks, this one included. */
	readonly size: number;
	/** Called after a pass in which this thread took over blocks from stalled helpers (the clients log it). */
	onTakeOver: ((blocks: number) => void) | null = null;
	private readonly ctrl: Int32Array;
	private readonly state: Int32Array;
	private arena: WasmArena | null = null;

	private constructor(private readonly memory: WasmMemory, private readonly helpers: number, control: SharedArrayBuffer) {
		this.size = helpers + 1;
		this.ctrl = new Int32Array(control, 0, WORDS);
		this.state = new Int32Array(control, WORDS * 4, MAX_BLOCKS);
	}

	/** A team with `helpers` helper threads to be started with `team.init(i)`, or null without shared memory. */
	static create(helpers: number): RowTeam | null {
		const memory = sharedKernelMemory();
		if (memory === null || helpers < 1) return null;
		return new RowTeam(memory, helpers, new SharedArrayBuffer((WORDS + MAX_BLOCKS) * 4));
	}

	/** What helper i needs (post it to the thread, which calls runTeamHelper with it). */
	init(index: number, stallMs = 0): TeamInit {
		return { memory: this.memory, control: this.ctrl.buffer as SharedArrayBuffer, index, stallMs };
	}

	/** An arena of `bytes` in the team's memory (one at a time), or null when it cannot grow that far. */
	openArena(bytes: number): WasmArena | null {
		this.arena?.close();
		const start = BASE + this.helpers * SCRATCH;
		const arena = sharedArena(this.memory, start, start + Math.ceil(bytes / 16) * 16 + 65536);
		if (arena) arena.team = this;
		this.arena = arena;
		return arena;
	}

	/** Runs every block of `job` on all threads; false if the job's arrays are not in the team's open arena. */
	runAll(job: BlockJob): boolean {
		const a = this.arena;
		const blocks = blockCount(job.rows);
		if (blocks > MAX_BLOCKS) return false;
		if (!a || !a.holds(job.X, job.labels, job.centers, job.sums, job.counts, job.changed, job.inertia, job.closest ?? null, job.lower ?? null, job.slack ?? null)) return false;
		const c = this.ctrl;
		c[OP] = job.op; c[ROWS] = job.rows; c[STRIDE] = job.stride; c[K] = job.k; c[COLS] = job.cols ?? job.stride;
		c[PCLOSEST] = job.closest ? job.closest.byteOffset : 0; c[PLOWER] = job.lower ? job.lower.byteOffset : 0;
		c[PSLACK] = job.slack ? job.slack.byteOffset : 0;
		c[PX] = job.X.byteOffset; c[PLABELS] = job.labels.byteOffset; c[PCENTERS] = job.centers.byteOffset;
		c[PSUMS] = job.sums ? job.sums.byteOffset : 0; c[PCOUNTS] = job.counts ? job.counts.byteOffset : 0;
		c[PCHANGED] = job.changed.byteOffset; c[PINERTIA] = job.inertia.byteOffset;
		const safe = job.k * (job.stride + 1) * 8 <= SCRATCH_SUMS;
		c[SAFE] = safe ? 1 : 0;
		const gen = (Atomics.load(c, GEN) + 1) | 0;
		for (let b = 0; b < blocks; b++) Atomics.store(this.state, b, st(gen, OPEN));
		Atomics.store(c, FINISHED, 0);
		Atomics.store(c, NEXT, tag(gen));
		Atomics.store(c, GEN, gen);
		Atomics.notify(c, GEN);
		const t0 = Date.now();
		const mine = claim(job, c, this.state, gen, null);
		const waitFrom = Date.now();
		const grace = Math.max(GRACE_MS, mine > 0 ? (GRACE_BLOCKS * (waitFrom - t0)) / mine : 0);
		let tookOver = !safe;
		for (let f = Atomics.load(c, FINISHED); f < blocks; f = Atomics.load(c, FINISHED)) {
			if (!tookOver) {
				const left = grace - (Date.now() - waitFrom);
				if (left > 0) Atomics.wait(c, FINISHED, f, left);
				else {
					this.takeOver(job, gen, blocks);
					tookOver = true;
				}
			} else if (Atomics.wait(c, FINISHED, f, WAIT_MS) === 'timed-out') {
				throw new EngineError('internal', 'A k-means helper thread stopped responding.', 'Run again; if it happens again, reload the page.');
			}
		}
		// Closed before the next job's parameters are written: a helper that read this job's generation late
		// cannot claim anything whatever it reads next.
		Atomics.store(c, NEXT, tag(gen) | 0xffff);
		return true;
	}

	/** Computes here every block a helper claimed (or was about to) but has not finished. */
	private takeOver(job: BlockJob, gen: number, blocks: number): void {
		let taken = 0;
		for (let b = 0; b < blocks; b++) {
			for (;;) {
				const s = Atomics.load(this.state, b);
				if (s !== st(gen, OPEN) && s !== st(gen, CLAIMED)) break;
				if (Atomics.compareExchange(this.state, b, s, st(gen, TAKEN_OVER)) !== s) continue;
				runBlock(job, b);
				Atomics.add(this.ctrl, FINISHED, 1);
				taken++;
				break;
			}
		}
		if (taken > 0) {
			Atomics.add(this.ctrl, TAKEN, taken);
			this.onTakeOver?.(taken);
		}
	}

	/** Blocks run by helper threads so far (for tests and benchmarks). */
	get helped(): number {
		return Atomics.load(this.ctrl, HELPED);
	}

	/** Blocks this thread took over from helpers that had not finished them in time. */
	get takenOver(): number {
		return Atomics.load(this.ctrl, TAKEN);
	}

	/** Ends the helpers' loops (they return from runTeamHelper). */
	stop(): void {
		this.arena?.close();
		this.arena = null;
		Atomics.store(this.ctrl, STOP, 1);
		Atomics.add(this.ctrl, GEN, 1);
		Atomics.notify(this.ctrl, GEN);
	}
}

const tag = (gen: number) => (gen & 0x7fff) << 16;

/**
 * Claims and runs blocks of generation `gen` until none are left (or the counter belongs to another job); returns
 * how many it ran. The caller (arena null) computes in place; a helper (its scratch arena) as helperBlock says.
 */
function claim(job: BlockJob, c: Int32Array, state: Int32Array, gen: number, scratch: WasmArena | null, stallMs = 0): number {
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
		// The ops read the block's current labels and closest distances.
		if (mine.labels) mine.labels.set(real.labels!);
		if (mine.closest && (job.op === OP_CLOSEST || job.op === OP_UPDATE_TRIALS)) mine.closest.set(real.closest!);
		const value = runBlockInto(job, b, mine);
		if (Atomics.compareExchange(state, b, st(gen, CLAIMED), st(gen, COMMITTING)) !== st(gen, CLAIMED)) return false;
		for (const key of ['labels', 'closest', 'lower', 'slack', 'sums', 'counts'] as const) if (mine[key]) real[key]!.set(mine[key] as never);
		storeBlockValue(job, b, value);
		Atomics.store(state, b, st(gen, DONE));
		return true;
	} finally {
		scratch.reset(mark);
	}
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
		sums: op === OP_ASSIGN || op === OP_SUMS ? f64(PSUMS, blocks * k * stride) : op === OP_TRIALS || op === OP_UPDATE_TRIALS ? f64(PSUMS, blocks * k) : null,
		counts: op === OP_ASSIGN || op === OP_SUMS ? f64(PCOUNTS, blocks * k) : op === OP_MARGINS ? f64(PCOUNTS, k) : null,
		changed: new Int32Array(buf, c[PCHANGED], blocks),
		inertia: new Float64Array(buf, c[PINERTIA], blocks),
		closest: f64(PCLOSEST, rows),
		lower: f64(PLOWER, rows),
		slack: f64(PSLACK, rows)
	};
}

/** The team k-means runs use on this thread (installed by the engine worker or the command line). */
let installed: { team: RowTeam | null; cores: number } = { team: null, cores: 1 };

export function installRowTeam(team: RowTeam | null, cores: number): void {
	installed = { team, cores };
}

export function installedRowTeam(): { team: RowTeam | null; cores: number } {
	return installed;
}

/** k-means on fewer rows stays on one thread (waking helpers costs more than the blocks save). */
export const TEAM_MIN_ROWS = 65_536;

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
import { runBlock, type BlockJob, type BlockRunner, OP_ASSIGN, OP_CLOSEST, OP_MARGINS, OP_TRIALS, blockCount } from './kmeans-blocks';
import { sharedArena, sharedKernelMemory, type WasmArena, type WasmMemory } from './kmeans-wasm';

/**
 * Control words. NEXT = (generation & 0x7fff) << 16 | next block; FINISHED counts finished blocks; HELPED counts
 * blocks done by helpers (for tests and benchmarks).
 */
const GEN = 0, FINISHED = 1, NEXT = 2, STOP = 3, OP = 4, ROWS = 5, STRIDE = 6, K = 7, HELPED = 15;
const PX = 8, PLABELS = 9, PCENTERS = 10, PSUMS = 11, PCOUNTS = 12, PCHANGED = 13, PINERTIA = 14;
const PCLOSEST = 16, PLOWER = 17, COLS = 18;
const WORDS = 20;

/** Bytes of each helper's own scratch (the assignment kernel's centre blocks) at the start of the memory. */
const SCRATCH = 65536;
const BASE = 64;

/** A helper waits at most this long for work to be claimed before the run is declared broken. */
const WAIT_MS = 120_000;

export interface TeamInit {
	memory: WasmMemory;
	control: SharedArrayBuffer;
	/** 0-based helper index: its scratch region. */
	index: number;
}

export class RowTeam implements BlockRunner {
	/** Threads working on a run's blocks, this one included. */
	readonly size: number;
	private readonly ctrl: Int32Array;
	private arena: WasmArena | null = null;

	private constructor(private readonly memory: WasmMemory, private readonly helpers: number, control: SharedArrayBuffer) {
		this.size = helpers + 1;
		this.ctrl = new Int32Array(control);
	}

	/** A team with `helpers` helper threads to be started with `team.init(i)`, or null without shared memory. */
	static create(helpers: number): RowTeam | null {
		const memory = sharedKernelMemory();
		if (memory === null || helpers < 1) return null;
		return new RowTeam(memory, helpers, new SharedArrayBuffer(WORDS * 4));
	}

	/** What helper i needs (post it to the thread, which calls runTeamHelper with it). */
	init(index: number): TeamInit {
		return { memory: this.memory, control: this.ctrl.buffer as SharedArrayBuffer, index };
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
		if (!a || !a.holds(job.X, job.labels, job.centers, job.sums, job.counts, job.changed, job.inertia, job.closest ?? null, job.lower ?? null)) return false;
		const c = this.ctrl;
		c[OP] = job.op; c[ROWS] = job.rows; c[STRIDE] = job.stride; c[K] = job.k; c[COLS] = job.cols ?? job.stride;
		c[PCLOSEST] = job.closest ? job.closest.byteOffset : 0; c[PLOWER] = job.lower ? job.lower.byteOffset : 0;
		c[PX] = job.X.byteOffset; c[PLABELS] = job.labels.byteOffset; c[PCENTERS] = job.centers.byteOffset;
		c[PSUMS] = job.sums ? job.sums.byteOffset : 0; c[PCOUNTS] = job.counts ? job.counts.byteOffset : 0;
		c[PCHANGED] = job.changed.byteOffset; c[PINERTIA] = job.inertia.byteOffset;
		const gen = (Atomics.load(c, GEN) + 1) | 0;
		const blocks = blockCount(job.rows);
		Atomics.store(c, FINISHED, 0);
		Atomics.store(c, NEXT, tag(gen));
		Atomics.store(c, GEN, gen);
		Atomics.notify(c, GEN);
		claim(job, c, gen, false);
		for (let f = Atomics.load(c, FINISHED); f < blocks; f = Atomics.load(c, FINISHED)) {
			if (Atomics.wait(c, FINISHED, f, WAIT_MS) === 'timed-out') {
				throw new EngineError('internal', 'A k-means helper thread stopped responding.', 'Run again; if it happens again, reload the page.');
			}
		}
		// Closed before the next job's parameters are written: a helper that read this job's generation late
		// cannot claim anything whatever it reads next.
		Atomics.store(c, NEXT, tag(gen) | 0xffff);
		return true;
	}

	/** Blocks run by helper threads so far (for tests and benchmarks). */
	get helped(): number {
		return Atomics.load(this.ctrl, HELPED);
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

/** Claims and runs blocks of generation `gen` until none are left (or the counter belongs to another job). */
function claim(job: BlockJob, c: Int32Array, gen: number, helper: boolean): void {
	const blocks = blockCount(job.rows);
	for (;;) {
		const v = Atomics.load(c, NEXT);
		if ((v & ~0xffff) !== tag(gen) || (v & 0xffff) >= blocks) return;
		if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
		runBlock(job, v & 0xffff);
		if (helper) Atomics.add(c, HELPED, 1);
		if (Atomics.add(c, FINISHED, 1) + 1 === blocks) Atomics.notify(c, FINISHED);
	}
}

/** A helper thread's loop: call once `ready` has been signalled; returns when the team stops. */
export function runTeamHelper(init: TeamInit, ready: () => void = () => {}): void {
	const c = new Int32Array(init.control);
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
		claim(jobOf(arena!.buffer, c), c, gen, true);
	}
}

/** The job described by the control words, as views of the team's memory (a helper's side of runAll). */
function jobOf(buf: ArrayBuffer, c: Int32Array): BlockJob {
	const rows = c[ROWS], stride = c[STRIDE], k = c[K], blocks = blockCount(rows), op = c[OP];
	const seeding = op === OP_TRIALS || op === OP_CLOSEST;
	const f64 = (word: number, n: number) => (c[word] !== 0 ? new Float64Array(buf, c[word], n) : null);
	return {
		op, rows, stride, k, cols: c[COLS],
		X: new Float64Array(buf, c[PX], rows * stride),
		labels: seeding ? new Int32Array(0) : new Int32Array(buf, c[PLABELS], rows),
		centers: new Float64Array(buf, c[PCENTERS], k * stride),
		sums: op === OP_ASSIGN ? f64(PSUMS, blocks * k * stride) : op === OP_TRIALS ? f64(PSUMS, blocks * k) : null,
		counts: op === OP_ASSIGN ? f64(PCOUNTS, blocks * k) : op === OP_MARGINS ? f64(PCOUNTS, k) : null,
		changed: new Int32Array(buf, c[PCHANGED], blocks),
		inertia: new Float64Array(buf, c[PINERTIA], blocks),
		closest: f64(PCLOSEST, rows),
		lower: f64(PLOWER, rows)
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

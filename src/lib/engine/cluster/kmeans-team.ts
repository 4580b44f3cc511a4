/**
 * One k-means run on several threads sharing memory. The run's arena (centred data, labels, centres, per-block
 * parts) lives in one shared WebAssembly memory; every helper thread instantiates the same kernels on it. For each
 * pass over the rows (kmeans-blocks.ts) the thread running k-means writes the job into a small shared control
 * array and wakes the helpers; all threads, itself included, claim blocks from a shared counter until none are
 * left, each writing its block's parts into the block's own slots; the caller waits until every block is finished
 * (not for helpers that woke too late to claim any: on a busy machine a sleeping helper must not hold up a pass;
 * nor, beyond a short grace, for a helper that claimed a block and stalled: the caller then computes it itself, and
 * the helper's late copy is dropped, kmeans-team-helper.ts), then adds the parts in block order. Which thread did which block changes nothing in the result. The claim
 * counter carries the job's generation, so a helper that wakes late for a finished job can never claim a block
 * of the next one with the old job's parameters. Needs shared memory and Atomics.wait: Node's
 * worker_threads, or browser workers on a cross-origin-isolated page. The threads themselves are started by the
 * caller (src/lib/workers/kmeans-team-client.ts, src/cli/kmeans-threads.ts), which hands each helper a TeamInit.
 */
import { EngineError } from '../errors';
import { blockCount, runBlock, type BlockJob, type BlockRunner } from './kmeans-blocks';
import { sharedArena, sharedKernelMemory, type WasmArena, type WasmMemory } from './kmeans-wasm';
import {
	BASE, CLAIMED, claim, COLS, FINISHED, GEN, GRACE_BLOCKS, GRACE_MS, HELPED, K, MAX_BLOCKS, NEXT, OP, OPEN, PCENTERS,
	PCHANGED, PCLOSEST, PCOUNTS, PINERTIA, PLABELS, PLOWER, PPARAMS, PSLACK, PSUMS, PX, ROWS, SAFE, SCRATCH, SCRATCH_SUMS, st,
	STOP, STRIDE, tag, TAKEN, TAKEN_OVER, WAIT_MS, WORDS, type TeamInit
} from './kmeans-team-helper';

export { runTeamHelper, type TeamInit } from './kmeans-team-helper';

export class RowTeam implements BlockRunner {
	/** Threads working on a run's blocks, this one included. */
	readonly size: number;
	/** Called after a pass in which this thread took over blocks from stalled helpers (the clients log it). */
	onTakeOver: ((blocks: number) => void) | null = null;
	/**
	 * Tests only: after posting a job, wait up to this long for a helper to claim a block before claiming any here, so
	 * that a check that the helpers took part does not depend on how busy the machine is (a helper woken late for
	 * every pass of a short run finds nothing left). The result is the same whoever computes a block.
	 */
	waitForHelperMs = 0;
	private readonly ctrl: Int32Array;
	private readonly state: Int32Array;
	private arena: WasmArena | null = null;
	/** The shared memory; null once stopped, so that nothing here keeps it alive (it never shrinks). */
	private memory: WasmMemory | null;

	private constructor(memory: WasmMemory, private readonly helpers: number, control: SharedArrayBuffer) {
		this.memory = memory;
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
		if (!this.memory) throw new Error('RowTeam: the team was stopped.');
		return { memory: this.memory, control: this.ctrl.buffer as SharedArrayBuffer, index, stallMs };
	}

	/** An arena of `bytes` in the team's memory (one at a time), or null when it cannot grow that far. */
	openArena(bytes: number): WasmArena | null {
		this.arena?.close();
		if (!this.memory) return null;
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
		if (!a || !a.holds(job.X, job.labels, job.centers, job.sums, job.counts, job.changed, job.inertia, job.closest ?? null, job.lower ?? null, job.slack ?? null, job.params ?? null)) return false;
		const c = this.ctrl;
		c[OP] = job.op; c[ROWS] = job.rows; c[STRIDE] = job.stride; c[K] = job.k; c[COLS] = job.cols ?? job.stride;
		c[PCLOSEST] = job.closest ? job.closest.byteOffset : 0; c[PLOWER] = job.lower ? job.lower.byteOffset : 0;
		c[PSLACK] = job.slack ? job.slack.byteOffset : 0; c[PPARAMS] = job.params ? job.params.byteOffset : 0;
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
		if (this.waitForHelperMs > 0) {
			const until = Date.now() + this.waitForHelperMs;
			while ((Atomics.load(c, NEXT) & 0xffff) === 0 && Date.now() < until) Atomics.wait(c, FINISHED, 0, 1);
		}
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

	/** Bytes of shared memory this team holds (0 once stopped). */
	get heldBytes(): number {
		return this.memory?.buffer.byteLength ?? 0;
	}

	/** Ends the helpers' loops (they return from runTeamHelper) and lets go of the team's memory. */
	stop(): void {
		this.arena?.close();
		this.arena = null;
		this.memory = null;
		Atomics.store(this.ctrl, STOP, 1);
		Atomics.add(this.ctrl, GEN, 1);
		Atomics.notify(this.ctrl, GEN);
	}
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

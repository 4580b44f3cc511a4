/**
 * Cancel without losing the worker: a long call that the page may cancel but whose worker holds state worth
 * keeping (the loaded table, the prepared matrix) runs as slices of about 25 ms, yielding to the worker's event
 * loop between them, so that a cancelJob message from the page is handled and the next checkpoint stops the call
 * with a 'cancelled' error. The page terminates the worker if the call has not stopped 100 ms after it asked
 * (EngineClient in pool.ts), so a slice that runs long can delay a cancel but never lose it.
 *
 * A cancel is kept only while its job can still run: the job is running, or has not arrived yet. The page numbers
 * its jobs in the order it sends them (pool.ts callCancellable) and each job starts here when its message arrives,
 * so a job that is not running and is older than the newest started one has ended (or was overtaken and given up
 * by the page): a cancel for it that arrives late is dropped, and one asked before it started is forgotten once a
 * newer job starts. (Late cancels used to stay in the set for the worker's lifetime.)
 */
import { cancelled } from '../engine/errors';
import type { Progress, ProgressFn } from '../engine/progress';

/** Cancels asked for jobs that can still run. */
const asked = new Set<number>();
/** Jobs started and not yet done. */
const running = new Set<number>();
/** The highest job id started so far. */
let newest = -Infinity;

/** The page's cancel for job `id` (a call started with that id). */
export function cancelJob(id: number): void {
	// Too late: the job has ended (it is older than the newest job started, and not running).
	if (id <= newest && !running.has(id)) return;
	asked.add(id);
}

/** Cancels held (jobs running or yet to arrive): for tests, which check it stays bounded. */
export function heldCancels(): number {
	return asked.size;
}

function started(id: number): void {
	running.add(id);
	if (id <= newest) return;
	newest = id;
	// Older jobs not running can no longer start: forget cancels asked for them.
	for (const a of asked) if (a < id && !running.has(a)) asked.delete(a);
}

/** A macrotask turn without the 4 ms clamp of nested timers: a message to ourselves. */
function yieldToEvents(): Promise<void> {
	return new Promise((resolve) => {
		const ch = new MessageChannel();
		ch.port1.onmessage = () => {
			ch.port1.close();
			resolve();
		};
		ch.port2.postMessage(null);
	});
}

export interface JobControl {
	/** Between pieces of work: once a slice has run its time, yields, then throws 'cancelled' if the page asked. True when it yielded. */
	checkpoint(): Promise<boolean>;
	/** The call is over (a cancel arriving later is ignored). */
	done(): void;
}

export function jobControl(id: number | undefined, sliceMs = 25): JobControl {
	let last = performance.now();
	if (id !== undefined) started(id);
	return {
		async checkpoint() {
			if (id === undefined || performance.now() - last < sliceMs) return false;
			await yieldToEvents();
			last = performance.now();
			if (asked.has(id)) {
				asked.delete(id);
				throw cancelled();
			}
			return true;
		},
		done() {
			if (id === undefined) return;
			asked.delete(id);
			running.delete(id);
		}
	};
}

/**
 * Runs an engine step generator (engine/steps.ts) with a checkpoint between its steps, reporting the progress its
 * steps yield at most every 100 ms (and its first at once, which marks the call as started for the page).
 */
export async function runSteps<T>(steps: Generator<Progress, T>, ctl: JobControl, onProgress?: ProgressFn): Promise<T> {
	let reported = -Infinity;
	for (;;) {
		const s = steps.next();
		if (s.done) return s.value;
		if (performance.now() - reported > 100) {
			reported = performance.now();
			onProgress?.(s.value);
		}
		await ctl.checkpoint();
	}
}

/**
 * Cancel without losing the worker: a long call that the page may cancel but whose worker holds state worth
 * keeping (the loaded table, the prepared matrix) runs as slices of about 25 ms, yielding to the worker's event
 * loop between them, so that a cancelJob message from the page is handled and the next checkpoint stops the call
 * with a 'cancelled' error. The page terminates the worker if the call has not stopped 100 ms after it asked
 * (EngineClient in pool.ts), so a slice that runs long can delay a cancel but never lose it.
 */
import { cancelled } from '../engine/errors';
import type { Progress, ProgressFn } from '../engine/progress';

const asked = new Set<number>();

/** The page's cancel for job `id` (a call started with that id). */
export function cancelJob(id: number): void {
	asked.add(id);
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
			if (id !== undefined) asked.delete(id);
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

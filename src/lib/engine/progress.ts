/** Progress reporting and cancellation shared by every long-running engine function. */

export interface Progress {
	/** What is happening now, in words a user understands ("k-means, k = 4, restart 3 of 10"). */
	stage: string;
	/** Fraction done in [0, 1] for the whole call. */
	fraction: number;
}

export type ProgressFn = (p: Progress) => void;

export interface RunControl {
	onProgress?: ProgressFn;
	signal?: AbortSignal;
}

import { cancelled } from './errors';

export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw cancelled();
}

/**
 * Maps the progress of one sub-task onto a slice [from, to] of the caller's progress, so nested steps report
 * one monotone bar.
 */
export function subProgress(onProgress: ProgressFn | undefined, from: number, to: number): ProgressFn | undefined {
	if (!onProgress) return undefined;
	return (p) => onProgress({ stage: p.stage, fraction: from + (to - from) * Math.min(1, Math.max(0, p.fraction)) });
}

/** Calls onProgress at most every `ms` milliseconds (plus always at fraction 1), to keep message traffic low. */
export function throttle(onProgress: ProgressFn | undefined, ms = 50): ProgressFn | undefined {
	if (!onProgress) return undefined;
	let last = -Infinity;
	return (p) => {
		const now = Date.now();
		if (p.fraction >= 1 || now - last >= ms) {
			last = now;
			onProgress(p);
		}
	};
}

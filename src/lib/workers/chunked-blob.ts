/**
 * A file written from a generator of text chunks as a Blob, in slices the page can cancel (job-control.ts), with
 * progress: the results CSV of 1,000,000 rows takes seconds, and its worker holds the loaded table, which
 * terminating the worker would lose (the file would have to be read again).
 */
import type { ProgressFn } from '../engine/progress';
import { jobControl } from './job-control';

export interface ChunkedOptions {
	/** The page's id for this call (cancelJob(id) stops it); none: not cancellable short of terminating the worker. */
	job?: number;
	onProgress?: ProgressFn;
	stage: string;
	/** The share of the file written so far, read at each progress report. */
	fraction: () => number;
}

export async function chunkedBlob(chunks: Iterable<string>, type: string, o: ChunkedOptions): Promise<Blob> {
	const ctl = jobControl(o.job);
	const parts: string[] = [];
	let reported = 0;
	try {
		o.onProgress?.({ stage: o.stage, fraction: 0 });
		for (const chunk of chunks) {
			parts.push(chunk);
			if ((await ctl.checkpoint()) && performance.now() - reported > 100) {
				reported = performance.now();
				o.onProgress?.({ stage: o.stage, fraction: Math.min(1, o.fraction()) });
			}
		}
		return new Blob(parts, { type });
	} finally {
		ctl.done();
	}
}

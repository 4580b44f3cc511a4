/**
 * A file written from a generator of text chunks as a Blob, in slices the page can cancel (job-control.ts), with
 * progress: the results CSV of 1,000,000 rows takes seconds, and its worker holds the loaded table, which
 * terminating the worker would lose (the file would have to be read again).
 */
import type { ProgressFn } from '../engine/progress';
import { jobControl } from './job-control';
import { BlobParts } from './chunk-blob';

export interface CancellableBlobOptions {
	/** The page's id for this call (cancelJob(id) stops it); none: not cancellable short of terminating the worker. */
	job?: number;
	onProgress?: ProgressFn;
	stage: string;
	/** The share of the file written so far, read at each progress report. */
	fraction: () => number;
}

export async function cancellableBlob(chunks: Iterable<string>, type: string, o: CancellableBlobOptions): Promise<Blob> {
	const ctl = jobControl(o.job);
	// Made into Blob parts as the chunks come, not held as strings to the end (chunk-blob.ts).
	const parts = new BlobParts();
	let reported = 0;
	try {
		o.onProgress?.({ stage: o.stage, fraction: 0 });
		for (const chunk of chunks) {
			parts.add(chunk);
			if ((await ctl.checkpoint()) && performance.now() - reported > 100) {
				reported = performance.now();
				o.onProgress?.({ stage: o.stage, fraction: Math.min(1, o.fraction()) });
			}
		}
		return parts.finish(type);
	} finally {
		ctl.done();
	}
}

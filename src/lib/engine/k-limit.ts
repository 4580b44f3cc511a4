/**
 * How many segments the data can support. Below about five rows a segment's mean and spread are noise, and the
 * metrics that choose k (silhouette, Calinski–Harabasz) reward splitting such tiny groups off; so the largest k
 * offered is rows / 5 (k-cap.ts; never below 2, never above MAX_K), and a larger one is refused in plain words — in the page
 * beside the field and on the command line — instead of by a browser's validation bubble.
 */
import { maxKFor, MIN_ROWS_PER_SEGMENT } from './k-cap';
import { MAX_K } from './recipe';

/** The largest k offered and accepted: k-cap.ts's rows / 5, but at least 2 (a tiny file still gets one split to look at). */
export function maxSupportedK(rows: number): number {
	return Math.max(2, maxKFor(rows));
}

/** Why a largest k is too large for this many rows, or null when it is fine. */
export function kRangeProblem(largestK: number, rows: number): string | null {
	const max = maxSupportedK(rows);
	if (largestK <= max) return null;
	// Plenty of rows: the limit is the product's, not the data's — say that, not a rows-per-segment figure that
	// would be well above five and contradict the refusal.
	if (max === MAX_K && rows / largestK >= MIN_ROWS_PER_SEGMENT) {
		return `Segment Lab tries at most ${MAX_K} segments (more are rarely usable by a team, and each k adds a full clustering run); k = ${largestK} is beyond that.`;
	}
	return `${rows.toLocaleString('en')} rows support at most ${max} segments (about ${MIN_ROWS_PER_SEGMENT} rows per segment or more); k = ${largestK} would leave about ${(rows / largestK).toFixed(1)} rows per segment.`;
}

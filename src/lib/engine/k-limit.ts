/**
 * How many segments the data can support. Below about five rows a segment's mean and spread are noise, and the
 * metrics that choose k (silhouette, Calinski–Harabasz) reward splitting such tiny groups off; so the largest k
 * offered is rows / 5 (never below 2, never above MAX_K), and a larger one is refused in plain words — in the page
 * beside the field and on the command line — instead of by a browser's validation bubble.
 */
import { MAX_K } from './recipe';

export const MIN_ROWS_PER_SEGMENT = 5;

export function maxSupportedK(rows: number): number {
	return Math.max(2, Math.min(MAX_K, Math.floor(rows / MIN_ROWS_PER_SEGMENT)));
}

/** Why a largest k is too large for this many rows, or null when it is fine. */
export function kRangeProblem(largestK: number, rows: number): string | null {
	const max = maxSupportedK(rows);
	if (largestK <= max) return null;
	return `${rows.toLocaleString('en')} rows support at most ${max} segments (about ${MIN_ROWS_PER_SEGMENT} rows per segment or more); k = ${largestK} would leave about ${(rows / largestK).toFixed(1)} rows per segment.`;
}

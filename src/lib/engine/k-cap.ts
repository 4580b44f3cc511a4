/**
 * How many segments the data can support: a segment of fewer than MIN_ROWS_PER_SEGMENT rows says nothing a team
 * can act on, so the largest k is rows / MIN_ROWS_PER_SEGMENT (and never above the recipe's MAX_K).
 */
import { MAX_K } from './recipe';

export const MIN_ROWS_PER_SEGMENT = 5;

export function maxKFor(rows: number): number {
	return Math.max(1, Math.min(MAX_K, Math.floor(rows / MIN_ROWS_PER_SEGMENT)));
}

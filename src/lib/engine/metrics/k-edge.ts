/**
 * A recommendation at an end of the tried k range may only mean the range stopped too early: at the top, the
 * metrics might keep improving beyond it. Say so, and how far the range can grow (the caller's cap: k-limit.ts), so
 * the page can offer one button ("Try k up to …") and the command line one flag.
 */

/** The top of the range grows by this many values of k at a time. */
export const WIDEN_BY = 5;

export interface KEdge {
	side: 'high' | 'low';
	/** The range that was tried (its top capped by the rows). */
	tried: [number, number];
	/** The new top of the range to offer, or null when the data support no larger k. */
	widenTo: number | null;
	text: string;
}

/** `cap`: the largest k the data support (k-limit.ts); `rows`: rows clustered. */
export function kEdge(k: number, range: [number, number], rows: number, cap: number): KEdge | null {
	const lo = range[0];
	const hi = Math.min(range[1], rows);
	if (hi <= lo) return null;
	if (k === hi) {
		const widenTo = Math.min(cap, hi + WIDEN_BY) > hi ? Math.min(cap, hi + WIDEN_BY) : null;
		const text = widenTo !== null
			? `k = ${k} is the largest k tried (${lo}–${hi}): the best k may lie above it. Try k up to ${widenTo}.`
			: `k = ${k} is the largest k tried (${lo}–${hi}) and the largest these ${rows.toLocaleString('en')} rows support.`;
		return { side: 'high', tried: [lo, hi], widenTo, text };
	}
	if (k === lo && lo > 2) {
		return { side: 'low', tried: [lo, hi], widenTo: null, text: `k = ${k} is the smallest k tried (${lo}–${hi}): the best k may lie below it. Try a range starting at 2.` };
	}
	return null;
}

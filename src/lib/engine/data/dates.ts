/**
 * Dates and times as whole UTC milliseconds. Text is read as local wall-clock time with no zone (as pandas'
 * to_datetime does for naive stamps), so a day is always 86,400,000 ms and no daylight-saving shift can move a
 * transaction to another day.
 */
export const DAY_MS = 86_400_000;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export type DayOrder = 'mdy' | 'dmy';

/** Milliseconds since 1970-01-01 (UTC wall clock), or NaN when the text is not a date this reader knows. */
export function parseDateTime(text: string, order: DayOrder = 'mdy'): number {
	const t = text.trim();
	let m = ISO.exec(t);
	if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6], m[7]);
	m = SLASHED.exec(t);
	if (m) {
		const [a, b] = [+m[1], +m[2]];
		const year = m[3].length === 2 ? 2000 + +m[3] : +m[3];
		return order === 'mdy' ? build(year, a, b, m[4], m[5], m[6]) : build(year, b, a, m[4], m[5], m[6]);
	}
	return NaN;
}

/** "d/m/y" when some first field exceeds 12 (it cannot be a month), else "m/d/y" (the UCI Online Retail form). */
export function detectDayOrder(texts: Iterable<string>): DayOrder {
	for (const t of texts) {
		const m = SLASHED.exec(t.trim());
		if (m && +m[1] > 12) return 'dmy';
	}
	return 'mdy';
}

function build(y: number, mo: number, d: number, h?: string, mi?: string, s?: string, frac?: string): number {
	if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
	const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
	const v = Date.UTC(y, mo - 1, d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, ms);
	// Date.UTC rolls 31 February over into March; a calendar that does so is not reading a date.
	return new Date(v).getUTCDate() === d ? v : NaN;
}

/** The calendar day number (days since 1970-01-01) of a timestamp. */
export function dayOf(ms: number): number {
	return Math.floor(ms / DAY_MS);
}

/** "YYYY-MM-DD" of a day number. */
export function isoDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

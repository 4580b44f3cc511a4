/**
 * The typed fast path: a char-level reader for the common clean case — every field a plain decimal number or
 * blank, no quotes, no padding — that writes numbers straight into one Float64Array per column and records each
 * row's offsets, never creating a string per cell. On the first thing it does not expect it gives up (returns
 * null) and the general, quote-aware path reads the file instead, so correctness never depends on this path.
 *
 * Numbers follow Clinger's fast path (as in fast_float / pandas' xstrtod "round trip"): a mantissa of at most
 * 15 digits and a power of ten ≤ 22 are both exact doubles, so one multiply or divide is correctly rounded and
 * equals Number(text). Anything longer goes through Number() on the slice.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import type { Offsets } from '../types';
import { maxRecords } from './tokenizer';

const LF = 10, CR = 13, DOT = 46, MINUS = 45, PLUS = 43, ZERO = 48, NINE = 57;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

export interface FastResult {
	rows: number;
	columns: Float64Array[];
	missing: number[];
	rowStart: Offsets;
	rowEnd: Offsets;
	/** Blank lines at the very end of the file (the only blank lines this path accepts). */
	trailingBlankLines: number;
}

export function readNumericFast(text: string, delimiter: string, ncols: number, from: number, control: RunControl = {}, label = ''): FastResult | null {
	const n = text.length;
	const delim = delimiter.charCodeAt(0);
	if (firstLineHasText(text, from, delim)) return null;
	// Rows ≤ line breaks + 1: allocate once instead of growing (which would double peak memory); the results are
	// subarray views, so the spare slot is never copied away.
	const cap = maxRecords(text, from);
	const columns = Array.from({ length: ncols }, () => new Float64Array(cap));
	const missing = new Array<number>(ncols).fill(0);
	const rowStart = new Float64Array(cap);
	const rowEnd = new Float64Array(cap);
	let row = 0;
	let i = from;
	let trailingBlankLines = 0;
	while (i < n) {
		let c = text.charCodeAt(i);
		if (c === LF || c === CR) {
			// A blank line: fine only if nothing but line breaks follows.
			for (let k = i; k < n; k++) {
				const d = text.charCodeAt(k);
				if (d !== LF && d !== CR) return null;
				if (d === LF || text.charCodeAt(k + 1) !== LF) trailingBlankLines++;
			}
			break;
		}
		// maxRecords bounds the rows; should it ever fall short, the general path reads the file rather than a
		// typed array dropping writes past its end.
		if (row === cap) return null;
		rowStart[row] = i;
		for (let j = 0; j < ncols; j++) {
			const fieldStart = i;
			let value: number;
			let neg = false;
			if (c === MINUS || c === PLUS) {
				neg = c === MINUS;
				c = text.charCodeAt(++i);
			}
			// As in fast-bytes.ts: digits into an int32 while there are at most 9, longer mantissas read again. (Compared
			// as c >= ZERO && c <= NINE: past the text's end charCodeAt gives NaN, which (NaN - ZERO) >>> 0 reads as 0.)
			let mant = 0;
			const intStart = i;
			while (c >= ZERO && c <= NINE) {
				mant = (mant * 10 + (c - ZERO)) | 0;
				c = text.charCodeAt(++i);
			}
			let digits = i - intStart, frac = 0;
			if (c === DOT) {
				const fracStart = ++i;
				c = text.charCodeAt(i);
				while (c >= ZERO && c <= NINE) {
					mant = (mant * 10 + (c - ZERO)) | 0;
					c = text.charCodeAt(++i);
				}
				frac = i - fracStart;
				digits += frac;
			}
			if (digits === 0) {
				// An empty field (or the end of the text) is a missing value; anything else is not for this path.
				if (i !== fieldStart || !(c === delim || c === LF || c === CR || i >= n)) return null;
				value = NaN;
				missing[j]++;
			} else {
				let exp = 0;
				if (c === 101 || c === 69) {
					c = text.charCodeAt(++i);
					let eneg = false;
					if (c === MINUS || c === PLUS) {
						eneg = c === MINUS;
						c = text.charCodeAt(++i);
					}
					let edigits = 0;
					while (c >= ZERO && c <= NINE) {
						exp = exp * 10 + (c - ZERO);
						edigits++;
						c = text.charCodeAt(++i);
					}
					if (edigits === 0 || edigits > 4) return null;
					if (eneg) exp = -exp;
				}
				exp -= frac;
				if (digits <= 9 && exp === -frac) value = mant / POW10[frac];
				else if (digits <= 15 && exp >= -22 && exp <= 22) {
					let m = 0;
					for (let k = intStart; k < i; k++) {
						const d = text.charCodeAt(k) - ZERO;
						if (d >= 0 && d <= 9) m = m * 10 + d;
						else if (d !== DOT - ZERO) break;
					}
					value = exp < 0 ? m / POW10[-exp] : m * POW10[exp];
				} else {
					value = Number(text.slice(fieldStart, i));
					if (!Number.isFinite(value)) return null;
					neg = false;
				}
				if (neg) value = -value;
			}
			columns[j][row] = value;
			if (j < ncols - 1) {
				if (c !== delim) return null;
				c = text.charCodeAt(++i);
			}
		}
		rowEnd[row] = i;
		if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
		else if (c === LF) i++;
		else if (i < n) return null;
		row++;
		if ((row & 0x3ffff) === 0) {
			throwIfAborted(control.signal);
			control.onProgress?.({ stage: `Reading ${label}: ${row.toLocaleString('en')} rows`, fraction: i / n });
		}
	}
	return {
		rows: row,
		columns: columns.map((c) => c.subarray(0, row)),
		missing,
		rowStart: rowStart.subarray(0, row),
		rowEnd: rowEnd.subarray(0, row),
		trailingBlankLines
	};
}

/**
 * A letter other than an exponent's, or a quote, on the first data line: this path would give up on that line, so
 * it does at once — before scanning the text for its line count and allocating every column for it (the journey
 * file's id column made that 104 MB, every time the file was loaded).
 */
function firstLineHasText(text: string, from: number, delim: number): boolean {
	for (let i = from; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === LF || c === CR) return false;
		if (c === delim) continue;
		const l = c | 32;
		if ((l >= 97 && l <= 122 && l !== 101) || c === 34) return true;
	}
	return false;
}

/**
 * The typed fast path (fast-numeric.ts) run on a file's bytes, chunk by chunk, instead of on its decoded text:
 * the whole file is never in memory and no string is built. Rows that straddle a chunk's end are carried into
 * the next chunk. It accepts only ASCII (digits, sign, dot, exponent, the delimiter, line breaks), so byte
 * offsets in the data are character offsets of the decoded text shifted by a constant (`delta`: the BOM plus
 * the extra bytes of any non-ASCII header), and the bytes hash exactly as that text would (TextHash).
 * (A source that reads on another thread hashes there: ByteSource.hashReads.)
 * On anything else it gives up (null) and the caller reads the file the general way.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import type { ByteSource } from './byte-source';
import type { FastResult } from './fast-numeric';
import type { Offsets } from '../types';
import type { TextHash } from './fingerprint';

const LF = 10, CR = 13, DOT = 46, MINUS = 45, PLUS = 43, ZERO = 48;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
export const CHUNK_BYTES = 4 * 2 ** 20;

export interface ByteFastOptions {
	/** Byte offset of the first data row. */
	from: number;
	/** Byte offset minus character offset in the decoded text, constant over the (ASCII) data. */
	delta: number;
	/** Fed every byte from `from` on. */
	hash: TextHash;
	chunk?: number;
}

/** The rows' state between chunks: kept in an object so the hot loop (parseRows) works on locals. */
interface Rows {
	columns: Float64Array[];
	rowStart: Offsets;
	rowEnd: Offsets;
	missing: Int32Array;
	row: number;
	cap: number;
	/** Set by parseRows: stopped because the arrays are full / at a blank line (its offset). */
	full: boolean;
	blankAt: number;
}

export async function readNumericBytes(src: ByteSource, delimiter: string, ncols: number, opt: ByteFastOptions, control: RunControl = {}, label = ''): Promise<FastResult | null> {
	const delim = delimiter.charCodeAt(0);
	const size = src.size, chunk = opt.chunk ?? CHUNK_BYTES;
	// Offsets below 2^32 fit a Uint32Array: 4 bytes a row instead of 8 for each of start and end.
	const offsets = (n: number): Offsets => (size < 2 ** 32 ? new Uint32Array(n) : new Float64Array(n));
	const st: Rows = { columns: [], rowStart: offsets(0), rowEnd: offsets(0), missing: new Int32Array(ncols), row: 0, cap: 0, full: false, blankAt: -1 };
	let work: Uint8Array = new Uint8Array(0);
	/** The tail of the previous chunk (an incomplete row), as a range of the work buffer. */
	let carry: { start: number; length: number } | null = null;
	let pos = opt.from;
	// After the first blank line only line breaks may follow (trailing blank lines); pendingCR: a CR whose
	// successor is not yet known (CRLF counts once, a lone CR once).
	let trailing = false, pendingCR = false, trailingBlankLines = 0;
	/** Rows the file holds, estimated from its first chunk; the arrays take that size after their first 1,024 rows. */
	let estimate = 0;
	const mb = (x: number) => (x / 2 ** 20).toFixed(0);
	const hashedBySource = src.hashReads?.(opt.hash) ?? false;

	/** Line breaks only from `a` to `b`; false on anything else. */
	const blankTail = (buf: Uint8Array, a: number, b: number): boolean => {
		for (let k = a; k < b; k++) {
			const d = buf[k];
			if (d === LF) {
				trailingBlankLines++;
				pendingCR = false;
			} else if (d === CR) {
				if (pendingCR) trailingBlankLines++;
				pendingCR = true;
			} else return false;
		}
		return true;
	};

	while (pos < size || carry) {
		const end = Math.min(size, pos + chunk);
		const last = end >= size;
		const carried: number = carry ? carry.length : 0;
		const len: number = carried + end - pos;
		// One work buffer, reused while rows fit; one spare byte holds a line feed so every scan stops there
		// without a bounds check.
		if (work.length < len + 1) {
			const next = new Uint8Array(len + 1 + (len >> 3));
			if (carry) next.set(work.subarray(carry.start, carry.start + carried));
			work = next;
		} else if (carry) work.copyWithin(0, carry.start, carry.start + carried);
		if (src.readIntoAsync) work = await src.readIntoAsync(work, carried, pos, end);
		else if (src.readInto) src.readInto(work, carried, pos, end);
		else {
			const fresh = src.read(pos, end);
			work.set(fresh, carried);
			src.release?.(fresh);
		}
		const buf = work;
		if (!hashedBySource) opt.hash.bytes(buf, carried, len);
		buf[len] = LF;
		const base = pos - carried;
		pos = end;
		carry = null;
		if (trailing) {
			if (!blankTail(buf, 0, len)) return null;
			if (last) break;
			continue;
		}
		let limit = len;
		if (!last) {
			// Parse only whole rows; the rest waits for the next chunk.
			let cut = buf.lastIndexOf(LF, len - 1);
			if (cut < 0 && len >= 2) cut = buf.lastIndexOf(CR, len - 2);
			if (cut < 0) {
				carry = { start: 0, length: len };
				continue;
			}
			limit = cut + 1;
		}
		if (st.cap === 0) {
			// Size the columns from this chunk's bytes per row (+2%); grow by a quarter if the guess falls short.
			let breaks = 0;
			for (let p = buf.indexOf(LF); p !== -1 && p < limit; p = buf.indexOf(LF, p + 1)) breaks++;
			if (breaks === 0) for (let p = buf.indexOf(CR); p !== -1 && p < limit; p = buf.indexOf(CR, p + 1)) breaks++;
			st.columns = Array.from({ length: ncols }, () => new Float64Array(0));
			// The first rows go into small arrays, the estimate only once they parsed: a file with a text column
			// fails on its first row, and had allocated every column for the whole file (96 MB for the journey's).
			estimate = Math.ceil(((Math.max(1, breaks) * (size - opt.from)) / Math.max(1, limit)) * 1.02) + 64;
			grow(st, 0);
		}
		let i = 0;
		for (;;) {
			i = parseRows(buf, i, limit, base - opt.delta, delim, ncols, st);
			if (i < 0) return null;
			if (!st.full) break;
			grow(st, estimate);
			estimate = 0;
		}
		if (st.blankAt >= 0) {
			trailing = true;
			if (!blankTail(buf, st.blankAt, len)) return null;
		} else if (limit < len) carry = { start: limit, length: len - limit };
		throwIfAborted(control.signal);
		control.onProgress?.({ stage: `Reading ${label}: ${mb(pos)} of ${mb(size)} MB, ${st.row.toLocaleString('en')} rows`, fraction: pos / size });
		if (last && !carry) break;
	}
	if (pendingCR) trailingBlankLines++;
	const rows = st.row;
	return {
		rows,
		columns: st.columns.map((c) => c.subarray(0, rows)),
		missing: Array.from(st.missing),
		rowStart: st.rowStart.subarray(0, rows),
		rowEnd: st.rowEnd.subarray(0, rows),
		trailingBlankLines
	};
}

/** Grows every array to max(need, 1.25 × capacity), one array at a time (one column's copy at a time at the peak). */
function grow(st: Rows, need: number): void {
	const next = Math.max(need, Math.ceil(st.cap * 1.25) + 1024);
	for (let j = 0; j < st.columns.length; j++) st.columns[j] = extend(st.columns[j], next, st.row);
	st.rowStart = extend(st.rowStart, next, st.row);
	st.rowEnd = extend(st.rowEnd, next, st.row);
	st.cap = next;
}

/**
 * Parses whole rows of buf from i up to limit (buf[limit - 1] is a line break, or limit is the file's end with a
 * line feed stored after it). Returns where it stopped, or -1 on anything the fast path does not take; sets
 * st.full when the arrays are full and st.blankAt at a blank line.
 */
function parseRows(buf: Uint8Array, i: number, limit: number, shift: number, delim: number, ncols: number, st: Rows): number {
	const columns = st.columns, rowStart = st.rowStart, rowEnd = st.rowEnd, missing = st.missing, cap = st.cap;
	let row = st.row;
	st.full = false;
	st.blankAt = -1;
	while (i < limit) {
		let c = buf[i];
		if (c === LF || c === CR) {
			st.blankAt = i;
			break;
		}
		if (row === cap) {
			st.full = true;
			break;
		}
		rowStart[row] = i + shift;
		for (let j = 0; j < ncols; j++) {
			const fieldStart = i;
			let value: number;
			let neg = false;
			if (c === MINUS || c === PLUS) {
				neg = c === MINUS;
				c = buf[++i];
			}
			// Digits into an int32 (exact while there are at most 9): an integer multiply-add per digit instead of a
			// floating-point one, which is most of the parse. Longer mantissas are read again below. The one-compare
			// digit test, (c - ZERO) >>> 0 < 10, relies on the line feed stored after the bytes: read past the array,
			// c would be undefined, which the test takes for a digit.
			let mant = 0;
			const intStart = i;
			while ((c - ZERO) >>> 0 < 10) {
				mant = (mant * 10 + (c - ZERO)) | 0;
				c = buf[++i];
			}
			let digits = i - intStart, frac = 0;
			if (c === DOT) {
				const fracStart = ++i;
				c = buf[i];
				while ((c - ZERO) >>> 0 < 10) {
					mant = (mant * 10 + (c - ZERO)) | 0;
					c = buf[++i];
				}
				frac = i - fracStart;
				digits += frac;
			}
			if (digits === 0) {
				// An empty field is a missing value; anything else without digits is not for the fast path.
				if (i !== fieldStart || (c !== delim && c !== LF && c !== CR)) return -1;
				value = NaN;
				missing[j]++;
			} else {
				let exp = 0;
				if (c === 101 || c === 69) {
					c = buf[++i];
					let eneg = false;
					if (c === MINUS || c === PLUS) {
						eneg = c === MINUS;
						c = buf[++i];
					}
					let edigits = 0;
					while ((c - ZERO) >>> 0 < 10) {
						exp = exp * 10 + (c - ZERO);
						edigits++;
						c = buf[++i];
					}
					if (edigits === 0 || edigits > 4) return -1;
					if (eneg) exp = -exp;
				}
				exp -= frac;
				if (digits <= 9 && exp === -frac) value = mant / POW10[frac];
				else if (digits <= 15 && exp >= -22 && exp <= 22) {
					// Up to 15 digits are still exact in a double: read them again that way.
					let m = 0;
					for (let k = intStart; k < i; k++) {
						const d = buf[k] - ZERO;
						if (d >>> 0 < 10) m = m * 10 + d;
						else if (d !== DOT - ZERO) break;
					}
					value = exp < 0 ? m / POW10[-exp] : m * POW10[exp];
				} else {
					value = Number(ascii(buf, fieldStart, i));
					if (!Number.isFinite(value)) return -1;
					neg = false;
				}
				if (neg) value = -value;
			}
			columns[j][row] = value;
			if (j < ncols - 1) {
				if (c !== delim) return -1;
				c = buf[++i];
			}
		}
		rowEnd[row] = i + shift;
		if (c === CR) i += buf[i + 1] === LF ? 2 : 1;
		else if (c === LF) i++;
		else return -1;
		row++;
	}
	st.row = row;
	return i;
}

function extend<T extends Offsets>(a: T, cap: number, used: number): T {
	const b = (a instanceof Uint32Array ? new Uint32Array(cap) : new Float64Array(cap)) as T;
	b.set(a.subarray(0, used));
	return b;
}

function ascii(buf: Uint8Array, a: number, b: number): string {
	let s = '';
	for (let k = a; k < b; k++) s += String.fromCharCode(buf[k]);
	return s;
}

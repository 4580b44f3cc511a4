/**
 * Builds one typed Column from text cells pushed one at a time, so a parser never holds the whole table as
 * strings: numbers for every cell (formatted numbers included), dictionary codes while cheap, counts for the
 * profile. Spreadsheet error values (#N/A, #VALUE!) count as missing and are reported.
 * While every filled cell is a plain number written one way (plain-numbers.ts) the builder keeps the numbers only:
 * no string is looked up and no codes array is grown; the dictionary comes from the numbers at the end
 * (value-codes.ts). The first other cell (text, "1e5", "$12") rebuilds, from the numbers, the dictionary the cells'
 * text would have built, and the column goes on as before — the Column is the same either way.
 */
import type { Column } from '../types';
import { DICTIONARY_CAP } from './columns';
import { numericDistinct } from './numeric-column';
import { parseNumber } from './number';
import { describeFormats, isSpreadsheetError, parseFormatted, type DecimalMark } from './number-format';
import { isMissingToken } from './missing-tokens';
import { PlainNumbers } from './plain-numbers';
import { lazyMissingNumbers, lazyValueCodes } from './lazy-column';
import { TextSet } from './text-set';
import { valueCodes } from './value-codes';

const EXACT_DISTINCT_LIMIT = 1_000_000;
/** Up to this many levels pushRange compares a cell with each instead of making its string for the dictionary. */
const FEW_LEVELS = 16;

/** The index of the level equal to text.slice(from, to), or −1. */
function levelAt(levels: string[], text: string, from: number, to: number): number {
	const len = to - from;
	for (let k = 0; k < levels.length; k++) {
		const l = levels[k];
		if (l.length !== len) continue;
		let i = 0;
		while (i < len && l.charCodeAt(i) === text.charCodeAt(from + i)) i++;
		if (i === len) return k;
	}
	return -1;
}

export class ColumnBuilder {
	/**
	 * Null once the column has left the plain path with no number stored yet, until its first number: a text column
	 * never allocates one (8 MB a million rows), and ends with numbers made only when read (lazy-column.ts).
	 */
	private numbers: Float64Array | null;
	private cap: number;
	private codes: Int32Array | null;
	private dict: Map<string, number> | null = new Map();
	private levels: string[] | null = [];
	private overflow: TextSet | null = null;
	private n = 0;
	private missing = 0;
	private nonNumeric = 0;
	private errorValues = 0;
	private errorRows: number[] = [];
	/** Missing-value tokens as written ("NA", "n/a", "#N/A") and how often: few distinct, so a Map is cheap. */
	private tokens: Map<string, number> | null = null;
	private formatted = 0;
	private formatFlags = 0;
	/** Per level: its number and the format flags number() found in its text (for cells that repeat it). */
	private levelNumbers: number[] = [];
	private levelFlags: number[] = [];
	/** The format flags of the cell number() read last (0: plain or not a number). */
	private lastFlags = 0;
	/** Set while every filled cell is a plain number (then `codes` is null and means nothing yet). */
	private plain: PlainNumbers | null;

	constructor(readonly name: string, private readonly decimal: DecimalMark = '.', capacity = 1024) {
		this.cap = Math.max(16, capacity);
		this.numbers = new Float64Array(this.cap);
		// A decimal-comma file reads "1.5" otherwise than a plain number: the string path does it all.
		this.plain = decimal === '.' ? new PlainNumbers() : null;
		this.codes = this.plain ? null : new Int32Array(this.cap);
	}

	push(raw: string): void {
		if (this.n === this.cap) this.grow();
		const i = this.n++;
		const t = raw.trim();
		let token: boolean | undefined;
		if (t !== '') {
			if (this.plain) {
				const v = this.plain.read(t);
				if (v === v) {
					this.numbers![i] = v;
					return;
				}
				token = isMissingToken(t);
				if (!token) this.leavePlain(i);
			}
			if (this.dict && this.plain === null) {
				// A text seen before: its code, and its number as number(t) read it the first time (missing tokens
				// never have a code). Most cells of a categorical column end here.
				const code = this.dict.get(t);
				if (code !== undefined) {
					this.again(i, code);
					return;
				}
			}
		}
		if (t === '' || (token ?? isMissingToken(t))) {
			if (t !== '') {
				if (isSpreadsheetError(t) && this.errorValues++ < 5) this.errorRows.push(i);
				this.tokens ??= new Map();
				this.tokens.set(t, (this.tokens.get(t) ?? 0) + 1);
			}
			if (this.numbers) this.numbers[i] = NaN;
			this.missing++;
			if (this.codes) this.codes[i] = -1;
			return;
		}
		this.put(i, this.number(t));
		this.code(i, t);
	}

	/**
	 * push(text.slice(from, to)) without the slice where it can: a field whose ends are visible ASCII needs no
	 * trimming, and a plain number is read from the text in place. Anything else goes through push.
	 */
	pushRange(text: string, from: number, to: number): void {
		if (from < to) {
			const a = text.charCodeAt(from), b = text.charCodeAt(to - 1);
			if (a > 32 && a < 127 && b > 32 && b < 127) {
				if (this.plain) {
					const v = this.plain.readRange(text, from, to);
					if (v === v) {
						if (this.n === this.cap) this.grow();
						this.numbers![this.n++] = v;
						return;
					}
				} else if (this.levels && this.levels.length <= FEW_LEVELS) {
					// A column of few levels (region, channel): the cell is compared with each in place; a match is
					// what push's dictionary lookup would find (the levels are distinct, and a token is never one).
					const code = levelAt(this.levels, text, from, to);
					if (code >= 0) {
						if (this.n === this.cap) this.grow();
						this.again(this.n++, code);
						return;
					}
				}
			}
		}
		this.push(text.slice(from, to));
	}

	private number(t: string): number {
		const commaFile = this.decimal === ',' && (t.includes(',') || t.includes('.'));
		let v = commaFile ? NaN : parseNumber(t);
		this.lastFlags = 0;
		if (Number.isNaN(v)) {
			const [f, flags] = parseFormatted(t, this.decimal);
			v = f;
			if (Number.isNaN(v)) this.nonNumeric++;
			else if (flags) (this.formatted++, (this.formatFlags |= flags), (this.lastFlags = flags));
		}
		return v;
	}

	/** Cell i repeats level `code`: what number() and code() did for its first cell, without reading it again. */
	private again(i: number, code: number): void {
		const v = this.levelNumbers[code];
		this.put(i, v);
		if (v !== v) this.nonNumeric++;
		else {
			const flags = this.levelFlags[code];
			if (flags) (this.formatted++, (this.formatFlags |= flags));
		}
		this.codes![i] = code;
	}

	private code(i: number, t: string): void {
		if (this.dict && this.codes && this.levels) {
			let code = this.dict.get(t);
			if (code === undefined) {
				if (this.levels.length >= DICTIONARY_CAP) {
					this.overflow = new TextSet(this.levels);
					this.overflow.add(t);
					this.dict = this.codes = this.levels = null;
					return;
				}
				code = this.levels.length;
				this.dict.set(t, code);
				this.levels.push(t);
				this.levelNumbers.push(this.numberAt(i));
				this.levelFlags.push(this.lastFlags);
			}
			this.codes[i] = code;
		} else if (this.overflow && this.overflow.size < EXACT_DISTINCT_LIMIT && Number.isNaN(this.numberAt(i))) {
			// Past the dictionary, only text cells go in the set (text-set.ts); numbers are counted at the end from the typed array.
			this.overflow.add(t);
		}
	}

	/**
	 * Back to the string dictionary before cell `upto`: the codes, levels (or the distinct set past the cap) that
	 * cells 0..upto−1 would have built from their text, rebuilt from their numbers (PlainNumbers.text), in order.
	 */
	private leavePlain(upto: number): void {
		const plain = this.plain!;
		this.plain = null;
		const numbers = this.numbers!;
		this.codes = new Int32Array(this.cap);
		let stored = false;
		const seen = new Map<number, number>();
		for (let i = 0; i < upto && this.codes; i++) {
			const v = numbers[i];
			if (v === v) stored = true;
			if (v !== v) this.codes[i] = -1;
			else {
				const code = seen.get(v);
				if (code !== undefined) this.codes[i] = code;
				else {
					this.lastFlags = 0;
					this.code(i, plain.text(v));
					if (this.codes) seen.set(v, this.codes[i]);
				}
			}
		}
		// (The replay stops at the cap; the cells after it count too.) No number yet: no array until one comes.
		for (let i = 0; i < upto && !stored; i++) if (numbers[i] === numbers[i]) stored = true;
		if (!stored) this.numbers = null;
	}

	private put(i: number, v: number): void {
		if (this.numbers) this.numbers[i] = v;
		else if (v === v) {
			this.numbers = new Float64Array(this.cap).fill(NaN);
			this.numbers[i] = v;
		}
	}

	private numberAt(i: number): number {
		return this.numbers ? this.numbers[i] : NaN;
	}

	private grow(): void {
		const cap = (this.cap *= 2);
		if (this.numbers) {
			const numbers = new Float64Array(cap);
			numbers.set(this.numbers);
			this.numbers = numbers;
		}
		if (this.codes) {
			const codes = new Int32Array(cap);
			codes.set(this.codes);
			this.codes = codes;
		}
	}

	get length(): number {
		return this.n;
	}

	finish(): Column {
		const n = this.n;
		const numbers = this.numbers ? this.numbers.subarray(0, n) : new Float64Array(0);
		const byValue = this.plain !== null;
		if (this.plain) this.finishPlain(numbers);
		const codes = this.codes ? this.codes.subarray(0, n) : null;
		let exact = this.levels !== null || (this.overflow !== null && this.overflow.size < EXACT_DISTINCT_LIMIT);
		let distinct = this.levels ? this.levels.length : (this.overflow?.size ?? 0);
		if (this.overflow) {
			const numericCells = n - this.missing - this.nonNumeric;
			if (this.nonNumeric === 0) {
				const numeric = numericDistinct(numbers);
				distinct = numeric.exact ? numeric.count : DICTIONARY_CAP + 1;
				exact = numeric.exact;
			} else if (numericCells > 0) {
				exact = false; // text and numbers mixed past the dictionary: the Set holds the text only
			}
		}
		const col: Column = {
			name: this.name,
			numbers,
			codes,
			levels: this.levels,
			missing: this.missing,
			nonNumeric: this.nonNumeric,
			distinct,
			distinctExact: exact
		};
		if (this.formatted > 0) col.formats = `${this.formatted.toLocaleString('en')} formatted number(s): ${describeFormats(this.formatFlags)}`;
		if (this.tokens) col.missingTokens = [...this.tokens].map(([token, count]) => ({ token, count })).sort((a, b) => b.count - a.count);
		if (this.errorValues > 0) {
			col.errorValues = this.errorValues;
			col.errorRows = this.errorRows;
		}
		// Arrays nothing may read, made only when read (lazy-column.ts): a text column's numbers (all NaN), and a
		// plain numeric column's codes (valueCodes of its numbers again; the profile reads the levels' counts).
		if (n > 0 && this.missing + this.nonNumeric === n) lazyMissingNumbers(col, n);
		else if (byValue && codes && this.levels) {
			const counts = new Int32Array(this.levels.length);
			for (let i = 0; i < n; i++) if (codes[i] >= 0) counts[codes[i]]++;
			lazyValueCodes(col, counts);
		}
		return col;
	}

	/** The dictionary of a plain column from its numbers; past the cap, as the string path leaves it (no codes). */
	private finishPlain(numbers: Float64Array): void {
		const dict = valueCodes(numbers, DICTIONARY_CAP);
		if (dict) {
			this.codes = dict.codes;
			this.levels = Array.from(dict.values, (v) => this.plain!.text(v));
		} else {
			this.codes = this.levels = this.dict = null;
			this.overflow = new TextSet();
		}
		this.plain = null;
	}
}

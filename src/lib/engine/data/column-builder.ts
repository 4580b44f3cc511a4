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
import { EXACT_DISTINCT_LIMIT, TextDictionary } from './text-dictionary';
import { TextSet } from './text-set';
import { valueCodes } from './value-codes';

export class ColumnBuilder {
	/**
	 * Null once the column has left the plain path with no number stored yet, until its first number: a text column
	 * never allocates one (8 MB a million rows), and ends with numbers made only when read (lazy-column.ts).
	 */
	private numbers: Float64Array | null;
	private cap: number;
	/** Set while every filled cell is a plain number; then there is no dictionary yet (`text` is null). */
	private plain: PlainNumbers | null;
	private text: TextDictionary | null;
	private n = 0;
	private missing = 0;
	private nonNumeric = 0;
	private errorValues = 0;
	private errorRows: number[] = [];
	/** Missing-value tokens as written ("NA", "n/a", "#N/A") and how often: few distinct, so a Map is cheap. */
	private tokens: Map<string, number> | null = null;
	private formatted = 0;
	private formatFlags = 0;
	/** The format flags of the cell number() read last (0: plain or not a number). */
	private lastFlags = 0;

	constructor(readonly name: string, private readonly decimal: DecimalMark = '.', capacity = 1024) {
		this.cap = Math.max(16, capacity);
		this.numbers = new Float64Array(this.cap);
		// A decimal-comma file reads "1.5" otherwise than a plain number: the string path does it all.
		this.plain = decimal === '.' ? new PlainNumbers() : null;
		this.text = this.plain ? null : new TextDictionary(this.cap);
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
			// A text seen before: its code, and its number as number(t) read it the first time (missing tokens never
			// have a code). Most cells of a categorical column end here.
			const code = this.plain ? undefined : this.text!.find(t);
			if (code !== undefined) {
				this.again(i, code);
				return;
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
			this.text?.blank(i);
			return;
		}
		const v = this.number(t);
		this.put(i, v);
		this.text!.add(i, t, v, this.lastFlags);
	}

	/**
	 * push(text.slice(from, to)) without the slice where it can: a field whose ends are visible ASCII needs no
	 * trimming; a plain number is read from the text in place, a level of a column of few levels found in place.
	 */
	pushRange(text: string, from: number, to: number): void {
		if (from < to) {
			const a = text.charCodeAt(from), b = text.charCodeAt(to - 1);
			if (a > 32 && a < 127 && b > 32 && b < 127) {
				const v = this.plain ? this.plain.readRange(text, from, to) : NaN;
				const code = this.plain ? -1 : this.text!.findRange(text, from, to);
				if (v === v || code >= 0) {
					if (this.n === this.cap) this.grow();
					if (v === v) this.numbers![this.n++] = v;
					else this.again(this.n++, code);
					return;
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

	/** Cell i repeats level `code`: what number() and the dictionary did for its first cell, without reading it. */
	private again(i: number, code: number): void {
		const text = this.text!;
		const v = text.levelNumbers[code];
		this.put(i, v);
		if (v !== v) this.nonNumeric++;
		else {
			const flags = text.levelFlags[code];
			if (flags) (this.formatted++, (this.formatFlags |= flags));
		}
		text.codes![i] = code;
	}

	/**
	 * Back to the string dictionary before cell `upto`: the codes, levels (or the distinct set past the cap) that
	 * cells 0..upto−1 would have built from their text, rebuilt from their numbers (PlainNumbers.text), in order.
	 */
	private leavePlain(upto: number): void {
		const plain = this.plain!;
		this.plain = null;
		const numbers = this.numbers!;
		const text = (this.text = new TextDictionary(this.cap));
		const seen = new Map<number, number>();
		let stored = false;
		for (let i = 0; i < upto; i++) {
			const v = numbers[i];
			if (v !== v) {
				text.blank(i);
				continue;
			}
			stored = true;
			if (!text.codes) continue; // past the cap: numbers are counted at the end
			const code = seen.get(v);
			if (code !== undefined) text.codes[i] = code;
			else {
				text.add(i, plain.text(v), v, 0);
				if (text.codes) seen.set(v, text.codes[i]);
			}
		}
		// No number yet: no array until one comes.
		if (!stored) this.numbers = null;
	}

	private put(i: number, v: number): void {
		if (this.numbers) this.numbers[i] = v;
		else if (v === v) {
			this.numbers = new Float64Array(this.cap).fill(NaN);
			this.numbers[i] = v;
		}
	}

	private grow(): void {
		const cap = (this.cap *= 2);
		if (this.numbers) {
			const numbers = new Float64Array(cap);
			numbers.set(this.numbers);
			this.numbers = numbers;
		}
		this.text?.grow(cap);
	}

	get length(): number {
		return this.n;
	}

	finish(): Column {
		const n = this.n;
		const numbers = this.numbers ? this.numbers.subarray(0, n) : new Float64Array(0);
		let codes: Int32Array | null = null, levels: string[] | null = null, overflow: TextSet | null = null;
		const byValue = this.plain !== null;
		if (this.plain) {
			// The dictionary of a plain column from its numbers; past the cap, as the string path leaves it.
			const dict = valueCodes(numbers, DICTIONARY_CAP);
			if (dict) (codes = dict.codes), (levels = Array.from(dict.values, (v) => this.plain!.text(v)));
			else overflow = new TextSet();
		} else {
			const text = this.text!;
			codes = text.codes ? text.codes.subarray(0, n) : null;
			({ levels, overflow } = text);
		}
		let exact = levels !== null || (overflow !== null && overflow.size < EXACT_DISTINCT_LIMIT);
		let distinct = levels ? levels.length : (overflow?.size ?? 0);
		if (overflow) {
			const numericCells = n - this.missing - this.nonNumeric;
			if (this.nonNumeric === 0) {
				const numeric = numericDistinct(numbers);
				distinct = numeric.exact ? numeric.count : DICTIONARY_CAP + 1;
				exact = numeric.exact;
			} else if (numericCells > 0) {
				exact = false; // text and numbers mixed past the dictionary: the set holds the text only
			}
		}
		const col: Column = { name: this.name, numbers, codes, levels, missing: this.missing, nonNumeric: this.nonNumeric, distinct, distinctExact: exact };
		if (this.formatted > 0) col.formats = `${this.formatted.toLocaleString('en')} formatted number(s): ${describeFormats(this.formatFlags)}`;
		if (this.tokens) col.missingTokens = [...this.tokens].map(([token, count]) => ({ token, count })).sort((a, b) => b.count - a.count);
		if (this.errorValues > 0) {
			col.errorValues = this.errorValues;
			col.errorRows = this.errorRows;
		}
		// Arrays nothing may read, made only when read (lazy-column.ts): a text column's numbers (all NaN), and a
		// plain numeric column's codes (valueCodes of its numbers again; the profile reads the levels' counts).
		if (n > 0 && this.missing + this.nonNumeric === n) lazyMissingNumbers(col, n);
		else if (byValue && codes && levels) lazyValueCodes(col, levels.length);
		return col;
	}
}

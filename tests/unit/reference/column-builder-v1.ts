// The ColumnBuilder as it was at fe031d1 (before the plain-number path), kept unchanged as the reference the
// differential test (tests/unit/column-builder-equivalence.test.ts) compares the current builder against.
/**
 * Builds one typed Column from text cells pushed one at a time, so a parser never holds the whole table as
 * strings: numbers for every cell (formatted numbers included), dictionary codes while cheap, counts for the
 * profile. Spreadsheet error values (#N/A, #VALUE!) count as missing and are reported.
 */
import type { Column } from '../../../src/lib/engine/types';
import { DICTIONARY_CAP } from '../../../src/lib/engine/data/columns';
import { numericDistinct } from '../../../src/lib/engine/data/numeric-column';
import { parseNumber } from '../../../src/lib/engine/data/number';
import { describeFormats, isSpreadsheetError, type DecimalMark } from '../../../src/lib/engine/data/number-format';
import { MISSING_TOKENS } from '../../../src/lib/engine/data/missing-tokens';

const EXACT_DISTINCT_LIMIT = 1_000_000;

export class ReferenceColumnBuilder {
	private numbers: Float64Array;
	private codes: Int32Array | null;
	private dict: Map<string, number> | null = new Map();
	private levels: string[] | null = [];
	private overflow: Set<string> | null = null;
	private n = 0;
	private missing = 0;
	private nonNumeric = 0;
	private errorValues = 0;
	private errorRows: number[] = [];
	/** Missing-value tokens as written ("NA", "n/a", "#N/A") and how often: few distinct, so a Map is cheap. */
	private tokens: Map<string, number> | null = null;
	private formatted = 0;
	private formatFlags = 0;

	constructor(readonly name: string, private readonly decimal: DecimalMark = '.', capacity = 1024) {
		this.numbers = new Float64Array(Math.max(16, capacity));
		this.codes = new Int32Array(Math.max(16, capacity));
	}

	push(raw: string): void {
		if (this.n === this.numbers.length) this.grow();
		const i = this.n++;
		const t = raw.trim();
		if (t === '' || isMissingToken(t)) {
			if (t !== '') {
				if (isSpreadsheetError(t) && this.errorValues++ < 5) this.errorRows.push(i);
				this.tokens ??= new Map();
				this.tokens.set(t, (this.tokens.get(t) ?? 0) + 1);
			}
			this.numbers[i] = NaN;
			this.missing++;
			if (this.codes) this.codes[i] = -1;
			return;
		}
		this.numbers[i] = this.number(t);
		this.code(i, t);
	}

	private number(t: string): number {
		const commaFile = this.decimal === ',' && (t.includes(',') || t.includes('.'));
		let v = commaFile ? NaN : parseNumber(t);
		if (Number.isNaN(v)) {
			const [f, flags] = parseFormatted(t, this.decimal);
			v = f;
			if (Number.isNaN(v)) this.nonNumeric++;
			else if (flags) (this.formatted++, (this.formatFlags |= flags));
		}
		return v;
	}

	private code(i: number, t: string): void {
		if (this.dict && this.codes && this.levels) {
			let code = this.dict.get(t);
			if (code === undefined) {
				if (this.levels.length >= DICTIONARY_CAP) {
					this.overflow = new Set(this.levels);
					this.overflow.add(t);
					this.dict = this.codes = this.levels = null;
					return;
				}
				code = this.levels.length;
				this.dict.set(t, code);
				this.levels.push(t);
			}
			this.codes[i] = code;
		} else if (this.overflow && this.overflow.size < EXACT_DISTINCT_LIMIT && Number.isNaN(this.numbers[i])) {
			// Past the dictionary, only text cells go in the Set; numbers are counted at the end from the typed array.
			this.overflow.add(t);
		}
	}

	private grow(): void {
		const cap = this.numbers.length * 2;
		const numbers = new Float64Array(cap);
		numbers.set(this.numbers);
		this.numbers = numbers;
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
		const numbers = this.numbers.subarray(0, n);
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
		return col;
	}
}

// isMissingToken and parseFormatted as they were at fe031d1 (the current ones have cheap early rejections).
const LOWER = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));
const MAX_LEN = Math.max(...MISSING_TOKENS.map((t) => t.length));

export function isMissingToken(t: string): boolean {
	if (t.length === 0 || t.length > MAX_LEN) return false;
	return LOWER.has(t.toLowerCase()) || isSpreadsheetError(t);
}

const Fmt = { currency: 1, percent: 2, thousands: 4, decimalComma: 8, parentheses: 16 } as const;
const CURRENCY = /^(?:[$€£¥₹]|US\$|R\$|CHF|EUR|USD|GBP)\s*|\s*(?:[$€£¥₹]|kr|CHF|EUR|USD|GBP)$/;
const SPACES = /[\s\u00a0\u202f']/g;

export function parseFormatted(s: string, decimal: DecimalMark): [number, number] {
	let t = s.trim();
	let flags = 0;
	let negative = false;
	if (t.length > 2 && t[0] === '(' && t[t.length - 1] === ')') {
		negative = true;
		flags |= Fmt.parentheses;
		t = t.slice(1, -1).trim();
	}
	if (t[0] === '-' && t.length > 1 && !/\d/.test(t[1])) {
		negative = !negative;
		t = t.slice(1).trim();
	}
	const stripped = t.replace(CURRENCY, '');
	if (stripped !== t) (flags |= Fmt.currency), (t = stripped.trim());
	if (t.endsWith('%')) (flags |= Fmt.percent), (t = t.slice(0, -1).trim());
	const stripped2 = t.replace(CURRENCY, '');
	if (stripped2 !== t) (flags |= Fmt.currency), (t = stripped2.trim());
	if (t === '') return [NaN, 0];
	let body = t.replace(SPACES, '');
	if (body !== t) flags |= Fmt.thousands;
	const group = decimal === ',' ? '.' : ',';
	if (body.includes(group)) {
		const re = decimal === ',' ? /^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$/ : /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;
		if (!re.test(body)) return [NaN, 0];
		body = body.split(group).join('');
		flags |= Fmt.thousands;
	}
	if (decimal === ',' && body.includes(',')) {
		body = body.replace(',', '.');
		flags |= Fmt.decimalComma;
	}
	const v = parseNumber(body);
	if (Number.isNaN(v)) return [NaN, 0];
	return [negative ? -v : v, flags];
}

/**
 * Numbers as people format them in spreadsheets: "$1,234", "45%", "€ 12,50", "1.234,56", "(120)". A cell that plain
 * parseNumber rejects is tried here; what had to be removed is recorded so the column's reason can say so.
 */
import { parseNumber } from './number';

export type DecimalMark = '.' | ',';

/** Bit flags of what a formatted cell contained. */
export const Fmt = { currency: 1, percent: 2, thousands: 4, decimalComma: 8, parentheses: 16 } as const;

const CURRENCY = /^(?:[$€£¥₹]|US\$|R\$|CHF|EUR|USD|GBP)\s*|\s*(?:[$€£¥₹]|kr|CHF|EUR|USD|GBP)$/;
const SPACES = /[\s\u00a0\u202f']/g;
/** The prefixes of CURRENCY that start with a letter. */
const LETTER_PREFIXES = ['US$', 'R$', 'CHF', 'EUR', 'USD', 'GBP'];

/** Parses a formatted number; returns [value, flags] or [NaN, 0]. `decimal` is the file's decimal mark. */
export function parseFormatted(s: string, decimal: DecimalMark): [number, number] {
	let t = s.trim();
	// A cell starting with a letter is a number only after a currency code ("USD 12"): the other text cells of a
	// column ("C0001234", "West") stop here instead of going through the expressions below. Only the end of the
	// text is cut before a prefix is looked for, so a prefix found later would have been found here.
	const c0 = t.charCodeAt(0) | 32;
	if (c0 >= 97 && c0 <= 122 && !LETTER_PREFIXES.some((p) => t.startsWith(p))) return [NaN, 0];
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
		// Thousands groups must be well formed (1,234,567): "1,2" in a comma-decimal file is not 12.
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

/** Words for the flags, for a column's reason: "currency signs and thousands separators removed". */
export function describeFormats(flags: number): string {
	const parts: string[] = [];
	if (flags & Fmt.currency) parts.push('currency signs');
	if (flags & Fmt.percent) parts.push('percent signs (45% is read as 45)');
	if (flags & Fmt.thousands) parts.push('thousands separators');
	if (flags & Fmt.parentheses) parts.push('accounting parentheses for negatives');
	const removed = parts.length ? `${parts.join(', ')} removed` : '';
	const comma = flags & Fmt.decimalComma ? 'decimal commas read as points' : '';
	return [removed, comma].filter(Boolean).join('; ');
}

/**
 * Whether a file writes decimals with a comma: only possible when the delimiter is not a comma, and decided by
 * the sample's cells that look like "12,5" or "1.234,56" outnumbering those like "12.5".
 */
export function detectDecimalMark(sampleCells: string[], delimiter: string): DecimalMark {
	if (delimiter === ',') return '.';
	let comma = 0, point = 0;
	for (const c of sampleCells) {
		const t = c.trim();
		if (/^[-+(]?[^\d,.]{0,4}\d{1,3}(\.\d{3})*,\d+\D{0,4}$/.test(t) || /^[-+]?\d+,\d+$/.test(t)) comma++;
		else if (/^[-+]?\d*\.\d+$/.test(t) && !/^[-+]?\d{1,3}\.\d{3}$/.test(t)) point++;
	}
	return comma > point ? ',' : '.';
}

/** Spreadsheet error values: treated as missing and counted, never as text levels. */
export function isSpreadsheetError(t: string): boolean {
	return t.length >= 4 && t.length <= 7 && t[0] === '#' && SHEET_ERRORS.has(t.toUpperCase());
}
const SHEET_ERRORS = new Set(['#VALUE!', '#N/A', '#DIV/0!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!']);

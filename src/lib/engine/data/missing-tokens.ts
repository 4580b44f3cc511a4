/**
 * Cells that mean "no value": pandas' default `na_values` (read_csv; 1.5 and 2.x), spreadsheet error values,
 * and a few more customer exports use ("-", "?", "inf"). Compared case-insensitively after trimming. Such a cell is
 * missing in every parser path: counted per column, never a number, never a text level, so one "NA" cannot turn
 * a numeric column into a categorical one.
 */
import { isSpreadsheetError } from './number-format';

/** pandas' STR_NA_VALUES (read_csv's default na_values): 1.5.3's list, plus "None", which pandas 2.0 added. */
const PANDAS_NA = ['#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null'];
/** Not in pandas' list, but written for "nothing" in exports; infinities are never a customer's value. */
const EXTRA_NA = ['-', '?', '--', 'inf', '-inf', '+inf', 'infinity', '-infinity', '+infinity', '#VALUE!', '#DIV/0!', '#REF!', '#NAME?', '#NUM!', '#NULL!', 'nil', 'missing'];

/** Every token, as displayed in the README and the profile's help. */
export const MISSING_TOKENS: readonly string[] = [...PANDAS_NA, ...EXTRA_NA];

const LOWER = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));
const MAX_LEN = Math.max(...MISSING_TOKENS.map((t) => t.length));

/**
 * The first characters tokens start with, in either case: most cells of a text column ("C0001234", "West") are
 * ruled out on their first character instead of a lower-cased copy and a Set lookup (about 5% of a large load).
 * Every token is ASCII, and ASCII letters change case one to one, so nothing else can match.
 */
const FIRST = new Uint8Array(128);
for (const t of MISSING_TOKENS) FIRST[t.toLowerCase().charCodeAt(0)] = FIRST[t.toUpperCase().charCodeAt(0)] = 1;

/** Whether a trimmed, non-empty cell is a missing-value token (or a spreadsheet error value). */
export function isMissingToken(t: string): boolean {
	if (t.length === 0 || t.length > MAX_LEN) return false;
	const c = t.charCodeAt(0);
	if (c < 128 && FIRST[c] === 0) return false;
	return LOWER.has(t.toLowerCase()) || isSpreadsheetError(t);
}

/** A header cell that is blank or a missing/error token: the column has no real name. */
export function badHeader(h: string): 'blank' | 'token' | null {
	const t = h.trim();
	if (t === '') return 'blank';
	return isMissingToken(t) ? 'token' : null;
}

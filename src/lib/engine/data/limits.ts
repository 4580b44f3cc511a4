/**
 * The input limits, each stated, checked before the work it protects, and explained in its message (the README
 * lists them with these reasons). A file past a limit ends in a message that names the limit and what to do,
 * never in a frozen tab, an out-of-memory crash or a stack overflow.
 */
import { EngineError } from '../errors';

/**
 * Most columns a table may have. Segmenting on more than a few hundred measures is not something an analyst does
 * (distances lose contrast long before); 10,000 leaves room for wide exports with many unused columns, and keeps the
 * per-column work (profiles, the column list) to about a second. Checked on the header, before any row is read.
 */
export const MAX_COLUMNS = 10_000;

/**
 * Longest physical line of delimited text, in characters: 1 Mi. A row of MAX_COLUMNS fields of ~100 characters
 * fits; a longer line is not a table row (a minified document, a blob, a file without line breaks), and splitting one
 * would build millions of strings. Checked with one scan for line breaks before the text is parsed.
 */
export const MAX_LINE_CHARS = 2 ** 20;

/**
 * Most bytes a workbook may unzip to: 256 MiB. The workbook reader holds each sheet's XML as one string and every
 * cell as a value, so a larger workbook would exhaust a tab's memory (a 2 MB "zip bomb" unzips to gigabytes).
 * Checked on the sizes the zip's central directory declares, before inflating, and again while inflating (a
 * running count), since a hostile file can declare small sizes. Larger data: export CSV, which has no such limit.
 */
export const MAX_WORKBOOK_BYTES = 256 * 2 ** 20;

/**
 * Deepest nesting of arrays and objects in a JSON file: 64. Records are flat (nested values are kept as their JSON
 * text); much deeper nesting is not a table, and walking it recursively would overflow the call stack.
 * Checked with one scan of the text before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;

const fmt = (n: number) => n.toLocaleString('en');

/** Throws when a table would have more than MAX_COLUMNS columns. */
export function checkColumnCount(count: number, name: string): void {
	if (count <= MAX_COLUMNS) return;
	throw new EngineError(
		'too-large',
		`"${name}" has ${fmt(count)} columns; Segment Lab reads at most ${fmt(MAX_COLUMNS)} columns.`,
		'Save a copy with only the columns you need (an id and the measures to segment on) and load that file.'
	);
}

/** Throws at the first physical line (LF, CRLF or lone CR) longer than MAX_LINE_CHARS; linear (indexOf passes). */
export function checkLineLengths(text: string, name: string, from = 0): void {
	const n = text.length;
	let start = from, line = 1;
	let cr = text.indexOf('\r', from);
	while (start < n) {
		let lf = text.indexOf('\n', start);
		if (lf === -1) lf = n;
		const crlf = lf < n && text.charCodeAt(lf - 1) === 13 ? lf - 1 : -1;
		let s = start;
		// Lone CRs before this LF end lines of their own.
		while (cr !== -1 && cr < lf && cr !== crlf) {
			if (cr - s > MAX_LINE_CHARS) throw lineTooLong(name, line, cr - s);
			line++;
			s = cr + 1;
			cr = text.indexOf('\r', s);
		}
		const end = crlf === -1 ? lf : crlf;
		if (end - s > MAX_LINE_CHARS) throw lineTooLong(name, line, end - s);
		if (cr !== -1 && cr < lf) cr = text.indexOf('\r', lf);
		line++;
		start = lf + 1;
	}
}

function lineTooLong(name: string, line: number, length: number): EngineError {
	return new EngineError(
		'too-large',
		`Line ${fmt(line)} of "${name}" is ${fmt(length)} characters long; Segment Lab reads lines of at most ${fmt(MAX_LINE_CHARS)} characters.`,
		'A line that long is not a table row: check the file is a CSV with one row per line (not a single-line export), or split it into rows and load it again.'
	);
}

/** Throws when arrays and objects nest deeper than MAX_JSON_DEPTH (strings skipped); one pass over the text. */
export function checkJsonDepth(text: string, name: string): void {
	let depth = 0, line = 1;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) {
			// A string: skip to its closing quote (a backslash escapes the next character).
			for (i++; i < text.length; i++) {
				const d = text.charCodeAt(i);
				if (d === 92) i++;
				else if (d === 34) break;
			}
		} else if (c === 91 || c === 123) {
			if (++depth > MAX_JSON_DEPTH) {
				throw new EngineError(
					'too-large',
					`"${name}" nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep (line ${fmt(line)}); Segment Lab reads records of named fields.`,
					'Export the data as an array of flat records ([{"id": 1, "spend": 20}, …]) or one record per line (NDJSON), or as CSV.'
				);
			}
		} else if (c === 93 || c === 125) depth--;
		else if (c === 10) line++;
	}
}

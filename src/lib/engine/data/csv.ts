/**
 * Delimited text → Table. Clean numeric files go through the typed fast path (fast-numeric.ts); anything else —
 * quotes, text columns, formatted numbers, ragged or stray lines — through the quote-aware general path
 * (delimited-rows.ts). Either way every data row's position in the text is kept so exports copy rows untouched,
 * and every physical input line is accounted for as header, row, blank or skipped (with a reason).
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import type { Column, LineAccount, Offsets, Table } from '../types';
import { detectDelimiter } from './delimiter';
import { isConflictMarker, readGeneralRows } from './delimited-rows';
import { checkColumnCount, checkLineLengths } from './limits';
import { readNumericFast } from './fast-numeric';
import { uniqueHeaders } from './headers';
import { errorValueNotes } from './records-table';
import { detectDecimalMark, type DecimalMark } from './number-format';
import { numericColumn } from './numeric-column';
import { SkipLog, skipNotes } from './skipped';
import { looksBinary } from './sniff';
import { RecordReader } from './tokenizer';

export interface ParseOptions {
	/** Force a delimiter instead of detecting it. */
	delimiter?: string;
	/** Force the decimal mark instead of detecting it. */
	decimal?: DecimalMark;
	/** Set false to always use the general path (tests compare the two). */
	fastPath?: boolean;
}

export function parseCsv(text: string, name: string, options: ParseOptions = {}, control: RunControl = {}): Table {
	if (text.length > 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim().length === 0) {
		throw new EngineError('empty-file', `"${name}" is empty.`, 'Choose a file that has a header row and at least one row of data, or try the demo data.');
	}
	if (looksBinary(text)) {
		throw new EngineError(
			'binary-file',
			`"${name}" does not look like a text file (it contains binary bytes).`,
			'Export the data as CSV (comma-separated values) from your spreadsheet or database and load that file.'
		);
	}
	// Limits first (limits.ts): one scan for line breaks, then the header's width, before anything is built.
	checkLineLengths(text, name);
	throwIfAborted(control.signal);
	const progress = { signal: control.signal, onProgress: throttle(control.onProgress, 100) };
	const delimiter = options.delimiter ?? detectDelimiter(text);
	const { rawHeader, headerText, headerLines, newline, lead, leadBlank, firstLine, from } = readHead(text, delimiter);
	if (rawHeader === null) throw new EngineError('empty-file', `"${name}" has no rows.`, 'Choose a file with a header row and data rows.');
	checkColumnCount(rawHeader.length, name);
	const { names, notes } = uniqueHeaders(rawHeader);
	let columns: Column[], rowStart: Offsets, rowEnd: Offsets, rows: number, decimal: DecimalMark = options.decimal ?? '.';
	let fast = false;
	let account: LineAccount;
	let skips = lead;
	const fastResult = options.fastPath === false ? null : readNumericFast(text, delimiter, names.length, from, progress, name);
	if (fastResult && fastResult.rows > 0) {
		fast = true;
		({ rows, rowStart, rowEnd } = fastResult);
		const scratch = new Int32Array(fastResult.rows);
		columns = names.map((nm, j) => numericColumn(nm, fastResult.columns[j], fastResult.missing[j], scratch));
		account = { total: 0, header: headerLines, rows, blank: leadBlank + fastResult.trailingBlankLines, skipped: lead.skippedLines };
	} else {
		if (!options.decimal) decimal = detectDecimalMark(sampleCells(text, delimiter, from, firstLine), delimiter);
		const g = readGeneralRows(new RecordReader(text, delimiter, from, firstLine), text, names, rawHeader, decimal, progress, name);
		({ rows, rowStart, rowEnd } = g);
		columns = g.builders.map((b) => b.finish());
		skips = mergeSkips(lead, g.skips);
		account = { total: 0, header: headerLines, rows: g.rowLines, blank: leadBlank + g.blankLines, skipped: skips.skippedLines };
		if (g.padded > 0) {
			notes.push(
				`${g.padded.toLocaleString('en')} row(s) had fewer fields than the header (first at line${g.paddedLines.length > 1 ? 's' : ''} ${g.paddedLines.join(', ')}); the missing fields were read as blanks.`
			);
		}
	}
	account.total = account.header + account.rows + account.blank + account.skipped;
	const skipped = skips.finish(account);
	if (rows === 0) {
		throw new EngineError(
			'header-only',
			skipped.count > 0
				? `"${name}" has a header row (${rawHeader.length} columns) but none of its ${skipped.count.toLocaleString('en')} other line(s) could be read as a data row.`
				: `"${name}" has a header row (${rawHeader.length} columns) but no data rows.`,
			skipped.count > 0 ? `Check the delimiter (read as "${showDelimiter(delimiter)}"): choose another in the Delimiter list, or fix the file.` : 'Check that you exported the data and not only the column names.'
		);
	}
	if (rawHeader.length < 2 && !mostlyNumeric(columns[0], rows)) {
		throw new EngineError(
			'not-delimited',
			`"${name}" does not look like a delimited table: every line is a single field of text (the first is "${headerText.slice(0, 40)}").`,
			'Load a CSV file whose first line names the columns, separated by commas, semicolons, tabs or pipes.'
		);
	}
	notes.push(...skipNotes(skipped, name));
	notes.push(...errorValueNotes(columns, name, (rowsAt) => linesAt(text, rowsAt.map((i) => rowStart[i]))));
	if (decimal === ',') notes.push(`Numbers in "${name}" use a decimal comma ("1.234,56"); they were read as 1234.56.`);
	if (skipped.byReason['conflict-marker']) notes.push('The file contains an unresolved merge conflict: rows from both sides were kept. Resolve the conflict and load the file again to be sure.');
	progress.onProgress?.({ stage: 'Reading columns', fraction: 1 });
	return {
		name,
		rowCount: rows,
		columns,
		notes,
		format: { kind: 'delimited', delimiter, decimal, fastPath: fast },
		skipped,
		source: { text, header: headerText, delimiter, newline, rowStart, rowEnd }
	};
}

export interface Head {
	/** The header's fields (trimmed), or null when the text has no non-blank record. */
	rawHeader: string[] | null;
	headerText: string;
	headerLines: number;
	newline: string;
	/** Records before the header that are not data (conflict markers, unbalanced quotes), and blank lines. */
	lead: SkipLog;
	leadBlank: number;
	/** 1-based line and character offset where the data starts. */
	firstLine: number;
	from: number;
}

/** The header record: the first record that is not blank, a merge-conflict marker or an unclosed quote. */
export function readHead(text: string, delimiter: string): Head {
	const reader = new RecordReader(text, delimiter);
	const fields: string[] = [];
	const lead = new SkipLog();
	let leadBlank = 0;
	let rawHeader: string[] | null = null;
	let headerText = '', headerLines = 0, newline = '\n';
	while (reader.next(fields)) {
		if (fields.length === 1 && fields[0].trim() === '' && !reader.quoted) leadBlank += reader.lines;
		else if (isConflictMarker(fields[0]) || reader.unterminated) lead.add(reader.start, reader.end, reader.line, reader.lines, reader.unterminated ? 'unbalanced-quote' : 'conflict-marker');
		else {
			rawHeader = fields.map((h) => h.trim());
			headerText = text.slice(reader.start, reader.end);
			headerLines = reader.lines;
			newline = text.slice(reader.end, reader.offset) || '\n';
			break;
		}
	}
	return { rawHeader, headerText, headerLines, newline, lead, leadBlank, firstLine: reader.line + headerLines, from: reader.offset };
}

function mergeSkips(lead: SkipLog, rest: SkipLog): SkipLog {
	if (lead.count === 0) return rest;
	lead.append(rest);
	return lead;
}

/** Cells of the first 200 records, for deciding the decimal mark before the real pass. */
function sampleCells(text: string, delimiter: string, from: number, firstLine: number): string[] {
	const r = new RecordReader(text, delimiter, from, firstLine);
	const out: string[] = [];
	const f: string[] = [];
	for (let k = 0; k < 200 && r.next(f); k++) out.push(...f);
	return out;
}

/** A one-column file is fine when its cells are numbers; a page of prose is not a table. */
function mostlyNumeric(col: Column, rows: number): boolean {
	const filled = rows - col.missing;
	return filled > 0 && (filled - col.nonNumeric) / filled >= 0.8;
}

export function showDelimiter(d: string): string {
	return d === '\t' ? 'tab' : d;
}

/** 1-based line numbers of text offsets (given in increasing order), in one pass up to the last of them. */
function linesAt(text: string, offsets: number[]): number[] {
	const sorted = [...offsets].sort((a, b) => a - b);
	const at = new Map<number, number>();
	let line = 1, k = 0;
	for (let i = 0; k < sorted.length; i++) {
		while (k < sorted.length && sorted[k] === i) at.set(sorted[k++], line);
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
		if (i >= text.length) break;
	}
	return offsets.map((o) => at.get(o) ?? line);
}

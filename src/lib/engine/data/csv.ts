/**
 * Delimited text → Table, with papaparse doing the tokenising (quotes, embedded delimiters and newlines,
 * delimiter detection). Every data row's position in the text is kept so exports can copy rows untouched.
 */
import Papa from 'papaparse';
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { throwIfAborted, throttle } from '../progress';
import type { Table } from '../types';
import { buildColumns } from './columns';
import { detectDelimiter } from './delimiter';
import { uniqueHeaders } from './headers';
import { parseNumber } from './number';
import { looksBinary } from './sniff';

export interface ParseOptions {
	/** Force a delimiter instead of detecting it. */
	delimiter?: string;
}

export function parseCsv(text: string, name: string, options: ParseOptions = {}, control: RunControl = {}): Table {
	if (text.length > 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim().length === 0) {
		throw new EngineError(
			'empty-file',
			`"${name}" is empty.`,
			'Choose a file that has a header row and at least one row of data, or try the demo data.'
		);
	}
	if (looksBinary(text)) {
		throw new EngineError(
			'binary-file',
			`"${name}" does not look like a text file (it contains binary bytes).`,
			'Export the data as CSV (comma-separated values) from your spreadsheet or database and load that file.'
		);
	}
	const onProgress = throttle(control.onProgress, 100);
	const cells: string[][] = [];
	const rowStart: number[] = [];
	const rowEnd: number[] = [];
	let header: string[] | null = null;
	let headerText = '';
	let ragged = 0;
	const raggedLines: number[] = [];
	let prevCursor = 0;
	let lineNo = 0;
	let newline = '\n';
	let delimiter = ',';
	let aborted = false;
	const total = text.length;

	Papa.parse<string[]>(text, {
		delimiter: options.delimiter ?? detectDelimiter(text),
		skipEmptyLines: false,
		step: (res, parser) => {
			if (lineNo === 0) {
				newline = res.meta.linebreak || '\n';
				delimiter = res.meta.delimiter || ',';
			}
			const cursor = res.meta.cursor;
			let end = cursor;
			if (text.startsWith(newline, end - newline.length)) end -= newline.length;
			const start = prevCursor;
			prevCursor = cursor;
			lineNo++;
			const row = res.data;
			const blank = row.length === 1 && row[0].trim() === '';
			if (blank) return;
			if (header === null) {
				header = row.map((h) => h.trim());
				headerText = text.slice(start, end);
				return;
			}
			if (row.length !== header.length) {
				ragged++;
				if (raggedLines.length < 5) raggedLines.push(lineNo);
				// Short rows are padded, long rows keep their first columns: counted and reported, never silent.
				while (row.length < header.length) row.push('');
			}
			cells.push(row);
			rowStart.push(start);
			rowEnd.push(end);
			if ((cells.length & 4095) === 0) {
				if (control.signal?.aborted) {
					aborted = true;
					parser.abort();
					return;
				}
				onProgress?.({ stage: `Reading ${name}: ${cells.length.toLocaleString('en')} rows`, fraction: cursor / total });
			}
		}
	});
	if (aborted) throwIfAborted(control.signal);
	if (header === null) {
		throw new EngineError('empty-file', `"${name}" has no rows.`, 'Choose a file with a header row and data rows.');
	}
	const rawHeader: string[] = header;
	if (cells.length === 0) {
		throw new EngineError(
			'header-only',
			`"${name}" has a header row (${rawHeader.length} columns) but no data rows.`,
			'Check that you exported the data and not only the column names.'
		);
	}
	if (rawHeader.length < 2 && !mostlyNumeric(cells)) {
		throw new EngineError(
			'not-delimited',
			`"${name}" does not look like a delimited table: every line is a single field of text (the first is "${headerText.slice(0, 40)}").`,
			'Load a CSV file whose first line names the columns, separated by commas, semicolons, tabs or pipes.'
		);
	}
	const { names, notes } = uniqueHeaders(rawHeader);
	if (ragged > 0) {
		notes.push(
			`${ragged.toLocaleString('en')} row(s) had a different number of fields than the header (first at line${raggedLines.length > 1 ? 's' : ''} ${raggedLines.join(', ')}); short rows were padded with blanks and extra fields ignored.`
		);
	}
	onProgress?.({ stage: 'Reading columns', fraction: 1 });
	const columns = buildColumns(names, cells);
	return {
		name,
		rowCount: cells.length,
		columns,
		notes,
		source: {
			text,
			header: headerText,
			delimiter,
			newline,
			rowStart: Float64Array.from(rowStart),
			rowEnd: Float64Array.from(rowEnd)
		}
	};
}

/** A one-column file is fine when its cells are numbers; a page of prose is not a table. */
function mostlyNumeric(cells: string[][]): boolean {
	const m = Math.min(cells.length, 200);
	let num = 0, filled = 0;
	for (let i = 0; i < m; i++) {
		const t = cells[i][0]?.trim() ?? '';
		if (t === '') continue;
		filled++;
		if (!Number.isNaN(parseNumber(t))) num++;
	}
	return filled > 0 && num / filled >= 0.8;
}

/**
 * The general path for delimited text: every record goes through the quote-aware RecordReader, lines that are not
 * data are set aside with a reason (never silently), and good rows stream cell by cell into ColumnBuilders.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import { ColumnBuilder } from './column-builder';
import type { DecimalMark } from './number-format';
import { SkipLog } from './skipped';
import { maxRecords, RecordReader } from './tokenizer';
import type { Offsets } from '../types';

export interface GeneralRows {
	builders: ColumnBuilder[];
	/** Uint32Array where every offset fits (text under 4 GB), as the byte fast path keeps them: half the memory. */
	rowStart: Offsets;
	rowEnd: Offsets;
	rows: number;
	rowLines: number;
	blankLines: number;
	skips: SkipLog;
	/** Rows with fewer fields than the header (2 or more), padded with blanks: count and first line numbers. */
	padded: number;
	paddedLines: number[];
}

const CONFLICT = /^(<{7}|={7}|>{7})( |$)/;

export function isConflictMarker(line: string): boolean {
	// The first character rules out almost every row before the pattern is tried.
	const c = line.charCodeAt(0);
	return (c === 60 || c === 61 || c === 62) && CONFLICT.test(line);
}

/** The row repeats the header (a file concatenated from several exports): compared field by field, no joined copy. */
function isHeaderAgain(fields: string[], rawHeader: string[]): boolean {
	if (fields.length !== rawHeader.length) return false;
	for (let j = 0; j < fields.length; j++) if (fields[j] !== rawHeader[j]) return false;
	return true;
}

export function readGeneralRows(
	reader: RecordReader,
	text: string,
	names: string[],
	rawHeader: string[],
	decimal: DecimalMark,
	control: RunControl,
	label: string
): GeneralRows {
	const ncols = names.length;
	const guess = maxRecords(text, reader.offset);
	const builders = names.map((nm) => new ColumnBuilder(nm, decimal, guess));
	let rowStart = new Float64Array(guess);
	let rowEnd = new Float64Array(guess);
	const skips = new SkipLog();
	const fields: string[] = [];
	let rows = 0, rowLines = 0, blankLines = 0, padded = 0;
	const paddedLines: number[] = [];
	while (reader.next(fields)) {
		const { start, end, line, lines } = reader;
		if (reader.unterminated) {
			skips.add(start, end, line, lines, 'unbalanced-quote');
			continue;
		}
		if (fields.length === 1 && fields[0].trim() === '' && !reader.quoted) {
			blankLines += lines;
			continue;
		}
		if (!reader.quoted && isConflictMarker(fields[0])) {
			skips.add(start, end, line, lines, 'conflict-marker');
			continue;
		}
		if (fields.length > ncols) {
			// Trailing empty fields (a delimiter at the end of the line) are harmless; text there is not.
			let extra = false;
			for (let k = ncols; k < fields.length; k++) if (fields[k].trim() !== '') extra = true;
			if (extra) {
				skips.add(start, end, line, lines, 'too-many-fields');
				continue;
			}
		} else if (fields.length === 1 && ncols > 1) {
			skips.add(start, end, line, lines, 'one-field');
			continue;
		} else if (fields.length < ncols) {
			padded++;
			if (paddedLines.length < 5) paddedLines.push(line);
		}
		if (isHeaderAgain(fields, rawHeader)) {
			skips.add(start, end, line, lines, 'repeated-header');
			continue;
		}
		for (let j = 0; j < ncols; j++) builders[j].push(j < fields.length ? fields[j] : '');
		if (rows === rowStart.length) {
			rowStart = grow(rowStart);
			rowEnd = grow(rowEnd);
		}
		rowStart[rows] = start;
		rowEnd[rows] = end;
		rows++;
		rowLines += lines;
		if ((rows & 0xffff) === 0) {
			throwIfAborted(control.signal);
			control.onProgress?.({ stage: `Reading ${label}: ${rows.toLocaleString('en')} rows`, fraction: reader.offset / text.length });
		}
	}
	const compact = (a: Float64Array): Offsets => (text.length < 2 ** 32 ? Uint32Array.from(a.subarray(0, rows)) : a.subarray(0, rows));
	return { builders, rowStart: compact(rowStart), rowEnd: compact(rowEnd), rows, rowLines, blankLines, skips, padded, paddedLines };
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
	const b = new Float64Array(a.length * 2);
	b.set(a);
	return b;
}

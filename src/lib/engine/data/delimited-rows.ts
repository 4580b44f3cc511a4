/**
 * The general path for delimited text: every record goes through the quote-aware RecordReader, lines that are not
 * data are set aside with a reason (never silently), and good rows stream cell by cell into ColumnBuilders.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import { ColumnBuilder } from './column-builder';
import type { DecimalMark } from './number-format';
import { SkipLog } from './skipped';
import { Fields, maxRecords, RecordReader } from './tokenizer';
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
	return isConflictStart(line.charCodeAt(0)) && CONFLICT.test(line);
}

/** '<', '=' or '>': how a merge-conflict marker starts. */
function isConflictStart(c: number): boolean {
	return c === 60 || c === 61 || c === 62;
}

/** The row repeats the header (a file concatenated from several exports): compared field by field, no joined copy. */
function isHeaderAgain(f: Fields, text: string, rawHeader: string[]): boolean {
	if (f.count !== rawHeader.length) return false;
	for (let j = 0; j < f.count; j++) {
		const h = rawHeader[j], v = f.value[j];
		if (v !== null) {
			if (v !== h) return false;
			continue;
		}
		const s = f.start[j];
		if (f.end[j] - s !== h.length) return false;
		for (let k = 0; k < h.length; k++) if (text.charCodeAt(s + k) !== h.charCodeAt(k)) return false;
	}
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
	// Uint32 where every offset fits (always, for a string V8 can hold), written in place rather than compacted from a
	// Float64Array at the end (which had held both, 24 MB for a million rows, at the end of the parse).
	const wide = text.length >= 2 ** 32;
	let rowStart: Offsets = wide ? new Float64Array(guess) : new Uint32Array(guess);
	let rowEnd: Offsets = wide ? new Float64Array(guess) : new Uint32Array(guess);
	const skips = new SkipLog();
	// Fields as ranges of the text: an unquoted cell becomes a string only if the builder needs one (not for a
	// plain number), which spared most of the million-row journey file's 11 million strings.
	const f = new Fields();
	let rows = 0, rowLines = 0, blankLines = 0, padded = 0;
	const paddedLines: number[] = [];
	while (reader.nextFields(f)) {
		const { start, end, line, lines } = reader;
		const count = f.count;
		if (reader.unterminated) {
			skips.add(start, end, line, lines, 'unbalanced-quote');
			continue;
		}
		if (count === 1 && !reader.quoted && f.text(text, 0).trim() === '') {
			blankLines += lines;
			continue;
		}
		// Unquoted: field 0 is a range; its first character rules out almost every row before a string is made.
		if (!reader.quoted && isConflictStart(text.charCodeAt(f.start[0])) && isConflictMarker(f.text(text, 0))) {
			skips.add(start, end, line, lines, 'conflict-marker');
			continue;
		}
		if (count > ncols) {
			// Trailing empty fields (a delimiter at the end of the line) are harmless; text there is not.
			let extra = false;
			for (let k = ncols; k < count; k++) if (f.text(text, k).trim() !== '') extra = true;
			if (extra) {
				skips.add(start, end, line, lines, 'too-many-fields');
				continue;
			}
		} else if (count === 1 && ncols > 1) {
			skips.add(start, end, line, lines, 'one-field');
			continue;
		} else if (count < ncols) {
			padded++;
			if (paddedLines.length < 5) paddedLines.push(line);
		}
		if (isHeaderAgain(f, text, rawHeader)) {
			skips.add(start, end, line, lines, 'repeated-header');
			continue;
		}
		for (let j = 0; j < ncols; j++) {
			if (j >= count) builders[j].push('');
			else {
				const v = f.value[j];
				if (v !== null) builders[j].push(v);
				else builders[j].pushRange(text, f.start[j], f.end[j]);
			}
		}
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
	return { builders, rowStart: rowStart.subarray(0, rows), rowEnd: rowEnd.subarray(0, rows), rows, rowLines, blankLines, skips, padded, paddedLines };
}

function grow(a: Offsets): Offsets {
	const b = a instanceof Uint32Array ? new Uint32Array(a.length * 2) : new Float64Array(a.length * 2);
	b.set(a);
	return b;
}

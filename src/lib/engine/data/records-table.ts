/**
 * Rows of values (from a workbook, Parquet or JSON) → Table. These formats have no text to copy rows from, so a
 * CSV rendering of every row and column is synthesised as the source, with each row's offsets, and the results
 * export still carries every original row and column.
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import type { Column, SourceFormat, Table } from '../types';
import { ColumnBuilder } from './column-builder';
import { uniqueHeaders } from './headers';
import { checkColumnCount } from './limits';


/** A cell as text: what the CSV rendering shows and what the column builder parses. */
export function cellText(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'string') return v;
	if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
	if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace('T00:00:00.000Z', '');
	return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
}

/** RFC 4180 quoting, only where needed, so a plain cell's text is itself. */
export function csvField(s: string): string {
	return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableFromRecords(
	name: string,
	rawNames: string[],
	rows: ArrayLike<ArrayLike<unknown>>,
	format: SourceFormat,
	control: RunControl = {},
	notes: string[] = []
): Table {
	if (rawNames.length === 0) throw new EngineError('empty-file', `"${name}" has no columns.`, 'Choose a file with a header row (or named fields) and data.');
	checkColumnCount(rawNames.length, name);
	const n = rows.length;
	if (n === 0) {
		throw new EngineError('header-only', `"${name}" has column names (${rawNames.length}) but no data rows.`, 'Check that you exported the data and not only the column names.');
	}
	const { names, notes: headerNotes } = uniqueHeaders(rawNames.map((h) => cellText(h)));
	const builders = names.map((nm) => new ColumnBuilder(nm, '.', n));
	const header = names.map(csvField).join(',');
	const lines: string[] = [header];
	const rowStart = new Float64Array(n);
	const rowEnd = new Float64Array(n);
	let offset = header.length + 1;
	const ncols = names.length;
	const cells = new Array<string>(ncols);
	control.onProgress?.({ stage: `Reading ${name}: building columns of ${n.toLocaleString('en')} rows`, fraction: 0.5 });
	for (let i = 0; i < n; i++) {
		const row = rows[i];
		for (let j = 0; j < ncols; j++) {
			const t = cellText(j < row.length ? row[j] : null);
			builders[j].push(t);
			cells[j] = csvField(t);
		}
		const line = cells.join(',');
		rowStart[i] = offset;
		rowEnd[i] = offset + line.length;
		offset += line.length + 1;
		lines.push(line);
		if ((i & 0x3fff) === 0x3fff) {
			throwIfAborted(control.signal);
			control.onProgress?.({ stage: `Reading ${name}: columns of ${(i + 1).toLocaleString('en')} of ${n.toLocaleString('en')} rows`, fraction: 0.5 + (0.5 * i) / n });
		}
	}
	const columns = builders.map((b) => b.finish());
	notes.push(...errorValueNotes(columns, name, (at) => at.map((i) => i + 1), 'row'));
	return {
		name,
		rowCount: n,
		columns,
		notes: [...headerNotes, ...notes],
		format,
		source: { text: lines.join('\n') + '\n', header, delimiter: ',', newline: '\n', rowStart, rowEnd }
	};
}

/**
 * One note per column holding spreadsheet error values (#N/A, #VALUE!, …): how many, where the first are (lines
 * of a text file, rows of a workbook or JSON), that they were read as missing, and what to do.
 */
export function errorValueNotes(columns: Column[], name: string, where: (rows: number[]) => number[], unit = 'line'): string[] {
	return columns
		.filter((c) => c.errorValues)
		.map((c) => {
			const at = where(c.errorRows ?? []);
			const more = (c.errorValues ?? 0) > at.length ? ', …' : '';
			return `${c.errorValues!.toLocaleString('en')} spreadsheet error value(s) (#N/A, #VALUE!, #DIV/0!, …) in column "${c.name}" of "${name}" (first at ${unit}${at.length > 1 ? 's' : ''} ${at.join(', ')}${more}) were read as missing. Fix the formulas in the spreadsheet and export again if those cells should have values.`;
		});
}

import { rowStatusLabel, type RowStatusCode, type Table } from '../types';
import { csvText, CsvWriter, type Cell, type CsvChunks } from './csv-writer';
import { rowReader } from '../data/row-reader';

export { rowReader };

/** What the export needs of a run: where each clustered row sits in the table and its segment (0-based). */
export interface Assignment {
	rowIndex: Int32Array;
	status: Uint8Array;
	labels: Int32Array;
	/** Optional extra columns (e.g. projected coordinates), one value per clustered row; NaN is written blank. */
	extra?: { name: string; values: ArrayLike<number> }[];
	/** Segment names (index = segment): a `segment_name` column after `segment`. */
	names?: string[];
	/** "Distinct rows only": per table row, the table row it repeats (−1 if none); a repeat gets that row's segment and extra values. */
	repeatOf?: Int32Array;
}

/**
 * The results file: every original row, in the original order, copied byte-for-byte from the source text, plus a
 * `segment` column (1..k; -1 for DBSCAN noise, scikit-learn's convention; blank when the row was not clustered) and a `status` column saying why. The file's own
 * delimiter and line ending are kept. Cells that a spreadsheet would run as a formula are neutralised (csv-writer.ts);
 * they are the only bytes that change. Yields the file in chunks (a 22M-row file never becomes one string);
 * `at.row`, when given, is the table row reached at each chunk (progress).
 */
export function* resultsCsvChunks(table: Table, result: Assignment, at?: { row: number }): CsvChunks {
	const { labels } = result;
	// -2 = not clustered (blank); -1 = clustered as noise by DBSCAN (written as -1).
	const segmentOf = new Int32Array(table.rowCount).fill(-2);
	for (let r = 0; r < result.rowIndex.length; r++) segmentOf[result.rowIndex[r]] = labels[r];
	const repeatOf = result.repeatOf;
	if (repeatOf) for (let i = 0; i < table.rowCount; i++) if (repeatOf[i] >= 0) segmentOf[i] = segmentOf[repeatOf[i]];
	const { header, delimiter, newline, rowStart, rowEnd } = table.source;
	const names = table.columns.map((c) => c.name);
	const segName = freeName('segment', names);
	const nameCol = result.names ? [freeName('segment_name', [...names, segName])] : [];
	const statusName = freeName('status', [...names, segName, ...nameCol]);
	const extra = result.extra ?? [];
	const extraNames: string[] = [];
	for (const e of extra) extraNames.push(freeName(e.name, [...names, segName, ...nameCol, statusName, ...extraNames]));
	const clusteredRow = new Int32Array(extra.length ? table.rowCount : 0).fill(-1);
	for (let r = 0; r < (extra.length ? result.rowIndex.length : 0); r++) clusteredRow[result.rowIndex[r]] = r;
	if (repeatOf && extra.length) for (let i = 0; i < table.rowCount; i++) if (repeatOf[i] >= 0) clusteredRow[i] = clusteredRow[repeatOf[i]];
	const w = new CsvWriter(delimiter, newline);
	w.sourceRow(header, [segName, ...nameCol, statusName, ...extraNames]);
	const rowText = rowReader(table.source);
	// The segment, its name and the status depend only on (segment, status): each pair's text is made once.
	const fixed = new Map<number, string>();
	const fixedText = (s: number, status: number): string => {
		const key = (s + 2) * 256 + status;
		let text = fixed.get(key);
		if (text === undefined) {
			const cells: Cell[] = [s >= 0 ? s + 1 : s === -1 ? -1 : null];
			if (result.names) cells.push(s >= 0 ? (result.names[s] ?? '') : '');
			cells.push(rowStatusLabel[status as RowStatusCode]);
			fixed.set(key, (text = w.after(cells)));
		}
		return text;
	};
	for (let i = 0; i < table.rowCount; i++) {
		let suffix = fixedText(segmentOf[i], result.status[i]);
		for (const e of extra) suffix += w.delimiter + w.cell(clusteredRow[i] >= 0 ? e.values[clusteredRow[i]] : NaN);
		w.sourceRowThen(rowText(i), suffix);
		if (w.full) {
			if (at) at.row = i + 1;
			yield w.take();
		}
	}
	if (at) at.row = table.rowCount;
	yield w.take();
}

/** The results file as one string (small tables, tests). */
export function resultsCsv(table: Table, result: Assignment): string {
	return csvText(resultsCsvChunks(table, result));
}


/** `base`, or `base_2`, `base_3`, … when the table already has a column of that name. */
export function freeName(base: string, taken: string[]): string {
	const set = new Set(taken);
	let name = base;
	for (let n = 2; set.has(name); n++) name = `${base}_${n}`;
	return name;
}

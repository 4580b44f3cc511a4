import { rowStatusLabel, type RowStatusCode, type Table } from '../types';
import { neutraliseRow, safeCell } from './csv-safe';

/** What the export needs of a run: where each clustered row sits in the table and its segment (0-based). */
export interface Assignment {
	rowIndex: Int32Array;
	status: Uint8Array;
	labels: Int32Array;
	/** Optional extra columns (e.g. projected coordinates), one value per clustered row; NaN is written blank. */
	extra?: { name: string; values: ArrayLike<number> }[];
	/** Segment names (index = segment): a `segment_name` column after `segment`. */
	names?: string[];
}

/**
 * The results file: every original row, in the original order, copied byte-for-byte from the source text, plus a
 * `segment` column (1..k; -1 for DBSCAN noise, scikit-learn's convention; blank when the row was not clustered) and a `status` column saying why. The file's own
 * delimiter and line ending are kept. Cells that a spreadsheet would run as a formula are neutralised (csv-safe.ts);
 * they are the only bytes that change.
 */
export function resultsCsv(table: Table, result: Assignment): string {
	const { labels } = result;
	// -2 = not clustered (blank); -1 = clustered as noise by DBSCAN (written as -1).
	const segmentOf = new Int32Array(table.rowCount).fill(-2);
	for (let r = 0; r < result.rowIndex.length; r++) segmentOf[result.rowIndex[r]] = labels[r];
	const { text, header, delimiter, newline, rowStart, rowEnd } = table.source;
	const names = table.columns.map((c) => c.name);
	const segName = freeName('segment', names);
	const nameCol = result.names ? [freeName('segment_name', [...names, segName])] : [];
	const statusName = freeName('status', [...names, segName, ...nameCol]);
	const extra = result.extra ?? [];
	const extraNames: string[] = [];
	for (const e of extra) extraNames.push(freeName(e.name, [...names, segName, ...nameCol, statusName, ...extraNames]));
	const clusteredRow = new Int32Array(extra.length ? table.rowCount : 0).fill(-1);
	for (let r = 0; r < (extra.length ? result.rowIndex.length : 0); r++) clusteredRow[result.rowIndex[r]] = r;
	const added = [segName, ...nameCol, statusName, ...extraNames].map((x) => safeCell(x, delimiter));
	const parts: string[] = [neutraliseRow(header, delimiter) + added.map((x) => delimiter + x).join('')];
	const segNames = result.names?.map((x) => safeCell(x, delimiter));
	for (let i = 0; i < table.rowCount; i++) {
		const s = segmentOf[i];
		const status = rowStatusLabel[result.status[i] as RowStatusCode];
		let line = neutraliseRow(text.slice(rowStart[i], rowEnd[i]), delimiter) + delimiter + (s >= 0 ? String(s + 1) : s === -1 ? '-1' : '');
		if (segNames) line += delimiter + (s >= 0 ? (segNames[s] ?? '') : '');
		line += delimiter + safeCell(status, delimiter);
		for (const e of extra) {
			const v = clusteredRow[i] >= 0 ? e.values[clusteredRow[i]] : NaN;
			line += delimiter + (Number.isFinite(v) ? String(v) : '');
		}
		parts.push(line);
	}
	return parts.join(newline) + newline;
}

/** `base`, or `base_2`, `base_3`, … when the table already has a column of that name. */
export function freeName(base: string, taken: string[]): string {
	const set = new Set(taken);
	let name = base;
	for (let n = 2; set.has(name); n++) name = `${base}_${n}`;
	return name;
}

import Papa from 'papaparse';
import type { Table } from '../types';
import { rowReader } from './row-reader';

/**
 * The trimmed text of every cell of one column. Columns keep a dictionary only up to a few thousand levels
 * (columns.ts), so above that the text is read back from the source row, which the Table keeps for exports.
 */
export function cellTexts(table: Table, name: string, limit = Infinity): string[] {
	const j = table.columns.findIndex((c) => c.name === name);
	if (j < 0) throw new Error(`no column ${name}`);
	const col = table.columns[j];
	const n = Math.min(limit, table.rowCount);
	const out = new Array<string>(n);
	if (col.codes && col.levels) {
		for (let i = 0; i < n; i++) out[i] = col.codes[i] >= 0 ? col.levels[col.codes[i]] : '';
		return out;
	}
	// Row by row through rowReader: a file kept on disk is read back a megabyte at a time, not decoded whole.
	const rowText = rowReader(table.source), delimiter = table.source.delimiter;
	for (let i = 0; i < n; i++) out[i] = fieldText(rowText(i), j, delimiter);
	return out;
}

/**
 * Field j of one source row, trimmed ('' past the row's last field). Most rows have no quotes: the field is cut
 * out between delimiters there, exactly as a split would give it and without a string per field; rows with quotes
 * go through the tokeniser.
 */
export function fieldText(row: string, j: number, delimiter: string): string {
	if (row.includes('"')) return (((Papa.parse<string[]>(row, { delimiter }).data[0] as string[] | undefined) ?? [])[j] ?? '').trim();
	let from = 0;
	for (let f = 0; f < j; f++) {
		const at = row.indexOf(delimiter, from);
		if (at < 0) return '';
		from = at + delimiter.length;
	}
	const to = row.indexOf(delimiter, from);
	return row.slice(from, to < 0 ? row.length : to).trim();
}

/**
 * The texts of one column at `rows` (table rows, best ascending), packed as one string and the end offset of each
 * text: the same texts as cellTexts, but a million ids are never a million strings held at once, nor is a file
 * kept on disk decoded whole (the map's ids: about 110 MB held at once at 1,000,000 rows before).
 */
export function packedCellTexts(table: Table, name: string, rows: ArrayLike<number>): { text: string; end: Int32Array } {
	const j = table.columns.findIndex((c) => c.name === name);
	if (j < 0) throw new Error(`no column ${name}`);
	const { codes, levels } = table.columns[j];
	const rowText = codes && levels ? null : rowReader(table.source);
	const delimiter = table.source.delimiter;
	const end = new Int32Array(rows.length);
	const joined: string[] = [];
	let parts: string[] = [];
	let at = 0;
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		const t = rowText ? fieldText(rowText(r), j, delimiter) : codes![r] >= 0 ? levels![codes![r]] : '';
		parts.push(t);
		end[i] = at += t.length;
		// Joined as they come, so that the short strings die young.
		if (parts.length === PACK_PARTS) {
			joined.push(parts.join(''));
			parts = [];
		}
	}
	joined.push(parts.join(''));
	return { text: joined.join(''), end };
}

const PACK_PARTS = 1 << 16;

/** cellTexts for several columns with one pass over the source rows (each row is split once, not once per column). */
export function cellTextsOf(table: Table, names: string[]): string[][] {
	const idx = names.map((n) => table.columns.findIndex((c) => c.name === n));
	if (idx.some((j) => j < 0)) throw new Error(`no column ${names[idx.findIndex((j) => j < 0)]}`);
	const slow = idx.filter((j) => !(table.columns[j].codes && table.columns[j].levels));
	if (slow.length <= 1) return names.map((n) => cellTexts(table, n));
	const n = table.rowCount;
	const outs = new Map(slow.map((j) => [j, new Array<string>(n)]));
	const { text, delimiter, rowStart, rowEnd } = table.source;
	for (let i = 0; i < n; i++) {
		const row = text.slice(rowStart[i], rowEnd[i]);
		const fields = row.includes('"') ? ((Papa.parse<string[]>(row, { delimiter }).data[0] as string[] | undefined) ?? []) : row.split(delimiter);
		for (const [j, out] of outs) out[i] = (fields[j] ?? '').trim();
	}
	return names.map((name, k) => outs.get(idx[k]) ?? cellTexts(table, name));
}

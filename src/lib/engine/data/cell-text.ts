import Papa from 'papaparse';
import type { Table } from '../types';

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
	const { text, delimiter, rowStart, rowEnd } = table.source;
	for (let i = 0; i < n; i++) {
		const row = text.slice(rowStart[i], rowEnd[i]);
		// Most rows have no quotes: a split is exact there and far cheaper than a tokeniser call per row.
		const fields = row.includes('"') ? ((Papa.parse<string[]>(row, { delimiter }).data[0] as string[] | undefined) ?? []) : row.split(delimiter);
		out[i] = (fields[j] ?? '').trim();
	}
	return out;
}

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

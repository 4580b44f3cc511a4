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

/**
 * cellTexts reads a file kept on disk row by row (never its whole text), and packedCellTexts packs one column's
 * texts at chosen rows: both give exactly the texts of the former cellTexts (frozen below), with quotes,
 * delimiters inside quotes, blanks, spaces, short rows, long ids, a dictionary column and a file on disk.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadSource, loadTable } from './load';
import { cellTexts, fieldText, packedCellTexts } from './cell-text';
import type { Table } from '../types';

/** cellTexts as it was (the whole source text, each row split into every field). */
function frozenCellTexts(table: Table, name: string): string[] {
	const j = table.columns.findIndex((c) => c.name === name);
	const col = table.columns[j];
	const n = table.rowCount;
	const out = new Array<string>(n);
	if (col.codes && col.levels) {
		for (let i = 0; i < n; i++) out[i] = col.codes[i] >= 0 ? col.levels[col.codes[i]] : '';
		return out;
	}
	const { text, delimiter, rowStart, rowEnd } = table.source;
	for (let i = 0; i < n; i++) {
		const row = text.slice(rowStart[i], rowEnd[i]);
		const fields = row.includes('"') ? ((Papa.parse<string[]>(row, { delimiter }).data[0] as string[] | undefined) ?? []) : row.split(delimiter);
		out[i] = (fields[j] ?? '').trim();
	}
	return out;
}

const enc = (s: string) => new TextEncoder().encode(s);
const rows = Array.from({ length: 7000 }, (_, i) => {
	const id = i % 11 === 0 ? `"ID ${i}, quoted"` : i % 13 === 0 ? '' : i % 5 === 0 ? `  customer-with-a-long-identifier-${i}  ` : `C${i}`;
	const region = ['North', 'South', '"East; ""coast"""', ' West '][i % 4];
	return i % 17 === 0 ? `${id};${(i * 1.37).toFixed(2)}` : `${id};${(i * 1.37).toFixed(2)};${region};${i % 9 === 0 ? '' : i % 7}`;
});
const csv = 'customer_id;spend;region;visits\n' + rows.join('\n') + '\n';

async function tables(): Promise<Table[]> {
	const bytes = enc(csv);
	const onDisk = await loadSource({ size: bytes.length, read: (a, b) => bytes.slice(a, b) }, 'c.csv', { keepTextBelow: 0 });
	const inMemory = await loadTable({ bytes: bytes.slice() }, 'c.csv');
	expect(Object.getOwnPropertyDescriptor(onDisk.source, 'text')).toBeUndefined();
	return [onDisk, inMemory];
}

describe('cell texts', () => {
	it('cellTexts gives the former texts, from a file on disk and from text', async () => {
		for (const t of await tables()) {
			expect(t.source.delimiter).toBe(';');
			for (const name of ['customer_id', 'spend', 'region', 'visits']) expect(cellTexts(t, name)).toEqual(frozenCellTexts(t, name));
			expect(cellTexts(t, 'customer_id', 40)).toEqual(frozenCellTexts(t, 'customer_id').slice(0, 40));
		}
	});

	it('packedCellTexts packs the same texts at the chosen rows', async () => {
		for (const t of await tables()) {
			const picks = [Int32Array.from({ length: t.rowCount }, (_, i) => i), Int32Array.from({ length: 3000 }, (_, i) => (i * 7) % t.rowCount).sort(), new Int32Array(0)];
			for (const name of ['customer_id', 'region']) {
				const all = frozenCellTexts(t, name);
				for (const at of picks) {
					const p = packedCellTexts(t, name, at);
					const want = Array.from(at, (r) => all[r]);
					expect(p.end.length).toBe(at.length);
					expect(p.text).toBe(want.join(''));
					const got = Array.from(p.end, (e, i) => p.text.slice(i > 0 ? p.end[i - 1] : 0, e));
					expect(got).toEqual(want);
				}
			}
		}
	});

	it('fieldText cuts a field as a split would', () => {
		for (const row of ['a,b,c', 'a,,c', ',', '', 'a', ' a , b ,c ', 'x,y,"q, r",z']) {
			const fields = row.includes('"') ? (Papa.parse<string[]>(row, { delimiter: ',' }).data[0] ?? []) : row.split(',');
			for (let j = 0; j < 5; j++) expect(fieldText(row, j, ',')).toBe((fields[j] ?? '').trim());
		}
		expect(fieldText('a||b||c', 2, '||')).toBe('c');
	});
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import type { Table } from '../types';
import { loadTable } from './load';

const DIR = new URL('../../../../tests/fixtures/formats/', import.meta.url).pathname;
const SPEND = Array.from({ length: 12 }, (_, i) => Math.round(((1234.56 * (i + 1)) / 7) * 100) / 100);
const NAMES = ['Zoë', 'José', 'Ana', 'Björn', 'Chloé', 'Dmitri', 'Émile', 'Fatima', 'Gaëlle', 'Hiro', 'Inès', 'Jon'];

async function load(file: string, options = {}): Promise<Table> {
	return loadTable({ bytes: new Uint8Array(readFileSync(DIR + file)) }, file, options);
}

const col = (t: Table, name: string) => t.columns.find((c) => c.name === name)!;

describe('loadTable: every fixture format gives the same 12 customers', () => {
	const files = readdirSync(DIR).filter((f) => f.startsWith('customers') && !f.includes('messy'));
	it.each(files)('%s', async (file) => {
		const t = await load(file);
		expect(t.rowCount).toBe(file.endsWith('.xlsx') ? 13 : 12);
		expect(t.columns.map((c) => c.name)).toEqual(['customer_id', 'name', 'country', 'spend', 'visits', 'rate']);
		expect(Array.from(col(t, 'spend').numbers.subarray(0, 12))).toEqual(SPEND);
		expect(Array.from(col(t, 'visits').numbers.subarray(0, 12))).toEqual(Array.from({ length: 12 }, (_, i) => 3 * i + 1));
		const rate = Array.from(col(t, 'rate').numbers.subarray(0, 12));
		const scale = file.includes('formatted') ? 100 : 1;
		rate.forEach((r, i) => expect(r / scale).toBeCloseTo(0.05 * (i + 1), 10));
		const names = col(t, 'name').levels!;
		expect(names.slice(0, 12).map((n) => n.split(',')[0])).toEqual(NAMES.map((n) => (file.includes('1252') && n === 'Jon' ? 'Jon €' : n)));
		// Every row's source text renders that row (exports copy it untouched).
		const { text, rowStart, rowEnd } = t.source;
		expect(text.slice(rowStart[0], rowEnd[0])).toMatch(/^"?C001/);
		expect(text.slice(rowStart[11], rowEnd[11])).toMatch(/^"?C012/);
	});

	it('reports encodings, delimiters and decimal commas', async () => {
		expect((await load('customers-utf16le.tsv')).format).toMatchObject({ kind: 'delimited', encoding: 'utf-16le', delimiter: '\t' });
		expect((await load('customers-utf16be.tsv')).format).toMatchObject({ encoding: 'utf-16be' });
		const w = await load('customers-windows1252.csv');
		expect(w.format).toMatchObject({ encoding: 'windows-1252', delimiter: ';', decimal: ',' });
		expect(w.notes.join(' ')).toMatch(/not valid UTF-8.*Windows-1252/);
		expect((await load('customers-semicolon-decimal-comma.csv')).notes.join(' ')).toMatch(/decimal comma/);
		expect((await load('customers-pipe.txt')).format?.delimiter).toBe('|');
		expect((await load('customers-cr.csv')).source.newline).toBe('\r');
		expect((await load('customers-bom-crlf.csv')).source.newline).toBe('\r\n');
		expect(col(await load('customers-formatted.csv'), 'spend').formats).toMatch(/currency signs/);
		expect(col(await load('customers-formatted.csv'), 'rate').formats).toMatch(/percent/);
	});

	it('reads the chosen sheet of a workbook and lists them all; #N/A is missing', async () => {
		const t = await load('customers.xlsx');
		expect(t.format).toMatchObject({ kind: 'xlsx', sheets: ['Notes', 'Customers'], sheet: 'Customers' });
		expect(Number.isNaN(col(t, 'spend').numbers[12])).toBe(true);
		await expect(load('customers.xlsx', { sheet: 'Notes' })).rejects.toMatchObject({ code: 'header-only' });
	});

	it('sets aside lines that are not data and accounts for every line', async () => {
		const t = await load('customers-messy.csv');
		expect(t.rowCount).toBe(12);
		expect(Array.from(col(t, 'visits').numbers)).toEqual(Array.from({ length: 12 }, (_, i) => 3 * i + 1));
		expect(col(t, 'spend').missing).toBe(1);
		expect(col(t, 'spend').errorValues).toBe(1);
		expect(t.skipped!.byReason).toEqual({ 'conflict-marker': 3, 'too-many-fields': 1, 'one-field': 1, 'repeated-header': 1, 'unbalanced-quote': 1 });
		const lines = t.skipped!.lines;
		expect(lines.total).toBe(readFileSync(DIR + 'customers-messy.csv', 'utf8').trimEnd().split('\n').length);
		expect(lines.header + lines.rows + lines.blank + lines.skipped).toBe(lines.total);
		expect(t.notes.join('\n')).toMatch(/merge conflict/);
		expect(t.notes.join('\n')).toMatch(/Skipped 1 line.*line 13\b.*more fields than the header/);
	});

	it('refuses binary files, naming what they are', async () => {
		const codeOf = (p: Promise<unknown>) => p.then(() => 'no error', (e) => (e instanceof EngineError ? e.code + ': ' + e.message : String(e)));
		const box = (b: number[]) => ({ bytes: Uint8Array.from(b) });
		await expect(codeOf(loadTable(box([0x25, 0x50, 0x44, 0x46, 0x2d]), 'x.csv'))).resolves.toMatch(/binary-file.*PDF/);
		await expect(codeOf(loadTable(box([0x1f, 0x8b, 8, 0]), 'x.csv.gz'))).resolves.toMatch(/gzip/);
		await expect(codeOf(loadTable(box([0x50, 0x4b, 3, 4, 0, 0]), 'x.zip'))).resolves.toMatch(/ZIP/);
		await expect(codeOf(loadTable(box([1, 2, 0, 4, 5]), 'x.csv'))).resolves.toMatch(/binary-file/);
		await expect(codeOf(loadTable(box([]), 'x.csv'))).resolves.toMatch(/empty-file/);
	});
});

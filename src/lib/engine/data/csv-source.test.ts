/**
 * The byte fast path (file read in chunks, text never kept) must give the Table the text path gives: the same
 * numbers, row offsets, line account, header, fingerprint and exported text, for any chunk size — rows cut at
 * every possible place, CRLF split across chunks, BOM, a non-ASCII header, trailing blank lines. And on anything
 * that is not clean numeric text it must step aside (null) so the general path reads the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource, type ByteSource } from './byte-source';
import { parseCsv } from './csv';
import { parseNumericSource } from './csv-source';
import { decodeText } from './decode';
import { fingerprint } from './fingerprint';
import { loadSource, loadTable } from './load';
import { resultsCsv } from '../export/csv';
import { RowStatus } from '../types';

const enc = (s: string) => new TextEncoder().encode(s);

async function same(bytes: Uint8Array, chunk: number) {
	const viaText = parseCsv(decodeText(bytes).text, 'f.csv');
	const viaBytes = await parseNumericSource(memorySource(bytes), 'f.csv', undefined, {}, chunk);
	expect(viaBytes).not.toBeNull();
	const b = viaBytes!;
	expect(viaText.format?.fastPath).toBe(true);
	expect(b.rowCount).toBe(viaText.rowCount);
	expect(b.columns.map((c) => c.name)).toEqual(viaText.columns.map((c) => c.name));
	for (let j = 0; j < b.columns.length; j++) {
		expect(Array.from(b.columns[j].numbers)).toEqual(Array.from(viaText.columns[j].numbers));
		expect(b.columns[j].missing).toBe(viaText.columns[j].missing);
		expect(b.columns[j].distinct).toBe(viaText.columns[j].distinct);
	}
	expect(Array.from(b.source.rowStart)).toEqual(Array.from(viaText.source.rowStart));
	expect(Array.from(b.source.rowEnd)).toEqual(Array.from(viaText.source.rowEnd));
	expect(b.source.header).toBe(viaText.source.header);
	expect(b.source.newline).toBe(viaText.source.newline);
	expect(b.source.text).toBe(viaText.source.text);
	expect(b.skipped!.lines).toEqual(viaText.skipped!.lines);
	expect(b.notes).toEqual(viaText.notes);
	expect(fingerprint(b)).toEqual(fingerprint(viaText));
}

const num = fc.oneof(
	fc.constantFrom('', '0', '-1', '+2', '3.25', '.5', '7.', '1e3', '-2.5E-7', '12345678901234567890', '0.1000', '999999999', '-2147483648', '2147483647.5', '4294967296', '0.000000001', '123456789.0123', '1234567890e-3', '-0'),
	fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
	fc.integer().map(String)
);
const numericFile = fc
	.tuple(
		fc.constantFrom(',', ';', '\t', '|'),
		fc.constantFrom('\n', '\r\n', '\r'),
		fc.integer({ min: 2, max: 5 }),
		fc.array(fc.array(num, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 30 }),
		fc.integer({ min: 0, max: 3 }),
		fc.boolean(),
		fc.boolean()
	)
	.map(([d, nl, cols, rows, blanks, bom, accent]) => {
		const header = Array.from({ length: cols }, (_, j) => (accent && j === 0 ? 'Größe €' : `x${j}`)).join(d);
		// A row of only blanks would be read as a blank line: give each row one number.
		const body = rows.map((r) => r.slice(0, cols).map((c, j) => (j === 0 && r.slice(0, cols).every((x) => x === '') ? '1' : c)).join(d));
		return (bom ? '\ufeff' : '') + [header, ...body].join(nl) + nl.repeat(blanks);
	});

describe('parseNumericSource', () => {
	it('matches the text path for random clean numeric files and every chunk size', async () => {
		await fc.assert(
			fc.asyncProperty(numericFile, fc.integer({ min: 1, max: 80 }), async (text, chunk) => {
				await same(enc(text), chunk);
			}),
			{ numRuns: 400, seed: 7 }
		);
	});

	it('handles a CRLF split across two chunks and a last row without a line break', async () => {
		const text = 'a,b\r\n1,2\r\n3,4\r\n5,6';
		for (let chunk = 1; chunk <= text.length; chunk++) await same(enc(text), chunk);
	});

	it('steps aside on text, quotes, padding, a blank line inside the data, or Windows-1252 bytes', async () => {
		for (const t of ['a,b\n1,x\n', 'a,b\n"1",2\n', 'a,b\n1, 2\n', 'a,b\n1,2\n\n3,4\n', 'a,b\n1,2,3\n', 'a,b\n1\n']) {
			for (const chunk of [1, 3, 64]) expect(await parseNumericSource(memorySource(enc(t)), 't.csv', undefined, {}, chunk)).toBeNull();
		}
		expect(await parseNumericSource(memorySource(Uint8Array.from([0x61, 0xe9, 0x2c, 0x62, 10, 0x31, 0x2c, 0x32, 10])), 't.csv', undefined)).toBeNull();
	});
});

describe('loadSource', () => {
	const text = 'id,spend,visits\r\n' + Array.from({ length: 500 }, (_, i) => `${1000 + i},${(i * 1.37).toFixed(2)},${i % 7}`).join('\r\n') + '\r\n';

	it('keeps large clean numeric files on disk and exports the same bytes as the in-memory path', async () => {
		let reads = 0;
		const bytes = enc(text);
		const src: ByteSource = { size: bytes.length, read: (a, b) => (reads++, bytes.slice(a, b)) };
		const onDisk = await loadSource(src, 'c.csv', { keepTextBelow: 0 });
		const inMemory = await loadTable({ bytes: enc(text) }, 'c.csv');
		expect(Object.getOwnPropertyDescriptor(onDisk.source, 'text')).toBeUndefined(); // a getter: no text held
		expect(onDisk.format).toEqual(inMemory.format);
		const n = onDisk.rowCount;
		const assignment = { rowIndex: Int32Array.from({ length: n }, (_, i) => i), status: new Uint8Array(n).fill(RowStatus.clustered), labels: Int32Array.from({ length: n }, (_, i) => i % 3) };
		const before = reads;
		expect(resultsCsv(onDisk, assignment)).toBe(resultsCsv(inMemory, assignment));
		expect(reads).toBe(before + 1); // the export reads the file once
		expect(fingerprint(onDisk)).toEqual(fingerprint(inMemory));
	});

	it('reads small files, and files that are not clean numbers, through loadTable', async () => {
		const small = await loadSource(memorySource(enc(text)), 'c.csv');
		expect(Object.getOwnPropertyDescriptor(small.source, 'text')?.value).toBe(text);
		const messy = await loadSource(memorySource(enc(text + 'x,1,2\r\n')), 'c.csv', { keepTextBelow: 0 });
		expect(messy.format?.fastPath).toBe(false);
		expect(messy.rowCount).toBe(501);
	});

	it('reads a large file that is not clean numbers in chunks, with progress in bytes, then through loadTable', async () => {
		const rows = 110_000;
		const big = 'name,spend,visits\n' + Array.from({ length: rows }, (_, i) => `customer ${i} ${'x'.repeat(60)},${(i % 997) * 1.5},${i % 13}`).join('\n') + '\n';
		const bytes = enc(big);
		expect(bytes.length).toBeGreaterThan(8 * 2 ** 20);
		const stages: string[] = [];
		const t = await loadSource({ size: bytes.length, read: (a, b) => bytes.slice(a, b), readInto: (target, off, a, b) => target.set(bytes.subarray(a, b), off) }, 'big.csv', {}, { onProgress: (p) => stages.push(p.stage) });
		expect(t.format?.fastPath).toBe(false);
		expect(t.rowCount).toBe(rows);
		expect(t.source.text).toBe(big);
		expect(stages.some((s) => /^Reading big\.csv: \d+ of \d+ MB$/.test(s))).toBe(true);
	});
});

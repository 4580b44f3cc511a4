/**
 * The one CSV writer: cells of ours neutralised and quoted, rows of the input copied but for dangerous cells,
 * numbers as JavaScript writes them (blank when not finite), output in bounded chunks; and every CSV the product
 * writes goes through it (results, profile, skipped lines, projection coordinates).
 */
import { describe, expect, it } from 'vitest';
import { memorySource } from '../data/byte-source';
import { parseCsv } from '../data/csv';
import { loadSource, loadTable } from '../data/load';
import { RowStatus, type SkippedRows } from '../types';
import { resultsCsv, resultsCsvChunks } from './csv';
import { CHUNK, csvText, CsvWriter, tableCsv } from './csv-writer';
import { projectionCsvChunks } from './projection-csv';
import { skippedCsv } from './skipped-csv';

const enc = (s: string) => new TextEncoder().encode(s);
const EVIL = '=HYPERLINK("http://evil.example/","Click")';

describe('CsvWriter', () => {
	it('neutralises, quotes and formats each kind of cell', () => {
		const w = new CsvWriter(';', '\r\n');
		w.row(['plain', 'a;b', 'say "hi"', 'two\nlines', EVIL, '@SUM(A1)', '+cmd', '-12.5', -3, 0.1, NaN, Infinity, null, undefined, '']);
		expect(w.take()).toBe(`plain;"a;b";"say ""hi""";"two\nlines";"'=HYPERLINK(""http://evil.example/"",""Click"")";"'@SUM(A1)";"'+cmd";-12.5;-3;0.1;;;;;\r\n`);
		w.sourceRow('x;=1+2;"q; r"', ['=name', 4]);
		expect(w.take()).toBe(`x;"'=1+2";"q; r";"'=name";4\r\n`);
	});

	it('hands out chunks of about 64 KiB, never the whole file at once', () => {
		const rows = Array.from({ length: 50_000 }, (_, i) => [i, `name ${i}`, i / 7]);
		const chunks = [...tableCsv(['i', 'name', 'x'], rows)];
		expect(chunks.length).toBeGreaterThan(10);
		for (const c of chunks) expect(c.length).toBeLessThan(CHUNK + 200);
		const lines = chunks.join('').trimEnd().split('\n');
		expect(lines).toHaveLength(50_001);
		expect(lines[7]).toBe(`6,name 6,${6 / 7}`);
	});
});

describe('every CSV goes through the writer', () => {
	it('the skipped-lines CSV neutralises a line that is a formula', () => {
		const text = `id,x,y\n1,2,3\n=2+5+cmd|' /C calc'!A0\n4,5,6\n${EVIL},1,2,3\n7,8,9\n`;
		const table = parseCsv(text, 'evil.csv');
		expect(table.skipped!.count).toBe(2);
		const out = skippedCsv(table.skipped as SkippedRows, table.source);
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toBe('line,reason,text');
		expect(lines[1]).toBe(`3,one-field,"'=2+5+cmd|' /C calc'!A0"`);
		expect(lines[2]).toBe(`5,too-many-fields,"'=HYPERLINK(""http://evil.example/"",""Click""),1,2,3"`);
		// Read back as CSV, each record is a line number, a reason and the text behind a leading quote mark.
		const back = parseCsv(out, 'skipped.csv');
		expect(back.rowCount).toBe(2);
		expect(back.columns[2].levels).toEqual([`'=2+5+cmd|' /C calc'!A0`, `'${EVIL},1,2,3`]);
	});

	it('the projection CSV neutralises ids and writes every coordinate', () => {
		const ids = Array.from({ length: 100 }, (_, i) => `=HYPERLINK("http://x/${i}","id${i}")`);
		const out = csvText(projectionCsvChunks({ tableRows: Int32Array.from({ length: 100 }, (_, i) => i), coords: Float64Array.from({ length: 200 }, (_, i) => i / 3), names: ['pc1', 'pc2'], id: { name: 'customer', texts: ids } }));
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toBe('row,customer,pc1,pc2');
		expect(lines.slice(1).filter((l) => /^\d+,"'=HYPERLINK\(/.test(l))).toHaveLength(100);
		expect(lines[3]).toBe(`3,"'=HYPERLINK(""http://x/2"",""id2"")",${4 / 3},${5 / 3}`);
	});

	it('the results file of a file kept on disk (read back in blocks) equals the in-memory one, beyond one block', async () => {
		// A BOM and a non-ASCII header shift byte offsets from text offsets; 60,000 rows span several 1 MiB blocks.
		const text = '\ufeffGröße €,spend,visits\n' + Array.from({ length: 60_000 }, (_, i) => `${1000 + i},${(i * 1.37).toFixed(2)},${i % 7}`).join('\n') + '\n';
		const onDisk = await loadSource(memorySource(enc(text)), 'big.csv', { keepTextBelow: 0 });
		const inMemory = await loadTable({ bytes: enc(text) }, 'big.csv');
		expect(onDisk.source.slice).toBeTypeOf('function');
		const n = onDisk.rowCount;
		const assignment = { rowIndex: Int32Array.from({ length: n }, (_, i) => i), status: new Uint8Array(n).fill(RowStatus.clustered), labels: Int32Array.from({ length: n }, (_, i) => i % 3), names: ['=a', 'b', 'c'] };
		const chunks = [...resultsCsvChunks(onDisk, assignment)];
		expect(chunks.length).toBeGreaterThan(20);
		expect(chunks.join('')).toBe(resultsCsv(inMemory, assignment));
	});
});

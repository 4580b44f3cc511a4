/**
 * A large file read whole (not clean numbers: text columns, quotes) keeps the file, not its text, when it is ASCII
 * UTF-8: exports, cell texts and the fingerprint must be exactly those of the table that holds the text.
 */
import { describe, expect, it } from 'vitest';
import { memorySource, type ByteSource } from './byte-source';
import { cellTexts } from './cell-text';
import { fingerprint } from './fingerprint';
import { loadSource, loadTable } from './load';
import { resultsCsv } from '../export/csv';
import { skippedCsv } from '../export/skipped-csv';
import { RowStatus, type Table } from '../types';

const enc = (s: string) => new TextEncoder().encode(s);
const holdsText = (t: Table) => Object.getOwnPropertyDescriptor(t.source, 'text') !== undefined;

const rows = Array.from({ length: 400 }, (_, i) => `C${1000 + i},${(i * 1.37).toFixed(2)},${['North', 'South', '"East, coast"'][i % 3]},${i % 9 === 0 ? '' : i % 7}`);
const csv = 'customer_id,spend,region,visits\r\n' + rows.join('\r\n') + '\r\n';

async function both(bytes: Uint8Array): Promise<{ onDisk: Table; inMemory: Table; reads: () => number }> {
	let n = 0;
	const src: ByteSource = { size: bytes.length, read: (a, b) => (n++, bytes.slice(a, b)) };
	const onDisk = await loadSource(src, 'c.csv', { keepTextBelow: 0 });
	const inMemory = await loadTable({ bytes: bytes.slice() }, 'c.csv');
	return { onDisk, inMemory, reads: () => n };
}

function assignment(n: number) {
	return { rowIndex: Int32Array.from({ length: n }, (_, i) => i), status: new Uint8Array(n).fill(RowStatus.clustered), labels: Int32Array.from({ length: n }, (_, i) => i % 3), names: ['A', 'B', 'C'] };
}

describe('keepFileNotText', () => {
	for (const [label, bytes] of [['plain', enc(csv)], ['with a UTF-8 byte-order mark', Uint8Array.from([0xef, 0xbb, 0xbf, ...enc(csv)])]] as const) {
		it(`an ASCII file (${label}) keeps the file, and exports, cells and fingerprint are unchanged`, async () => {
			const { onDisk, inMemory, reads } = await both(bytes);
			expect(holdsText(inMemory)).toBe(true);
			expect(holdsText(onDisk)).toBe(false);
			expect(onDisk.format?.fastPath).toBe(false);
			expect(onDisk.rowCount).toBe(400);
			const before = reads();
			expect(resultsCsv(onDisk, assignment(400))).toBe(resultsCsv(inMemory, assignment(400)));
			expect(reads()).toBe(before + 1); // one block of rows read back
			expect(cellTexts(onDisk, 'region')).toEqual(cellTexts(inMemory, 'region'));
			expect(cellTexts(onDisk, 'customer_id')).toEqual(cellTexts(inMemory, 'customer_id'));
			expect(fingerprint(onDisk)).toEqual(fingerprint(inMemory));
			expect(onDisk.columns).toEqual(inMemory.columns);
		});
	}

	it('a file of several megabytes is written back in 64 K-character blocks cut from megabyte reads, with the same bytes', async () => {
		const big = 'customer_id,spend,region,visits\n' + Array.from({ length: 100_000 }, (_, i) => `C${100000 + i},${(i * 1.37).toFixed(2)},${['North', 'South', '"East, coast"'][i % 3]},${i % 9 === 0 ? '' : i % 7}`).join('\n') + '\n';
		const bytes = enc(big);
		expect(bytes.length).toBeGreaterThan(2.5 * 2 ** 20);
		let reads = 0, longest = 0;
		const src: ByteSource = {
			size: bytes.length,
			read: (a, b) => {
				reads++;
				return bytes.slice(a, b);
			}
		};
		const onDisk = await loadSource(src, 'c.csv', { keepTextBelow: 0 });
		const inMemory = await loadTable({ bytes: bytes.slice() }, 'c.csv');
		expect(holdsText(onDisk)).toBe(false);
		const slice = onDisk.source.slice!.bind(onDisk.source);
		onDisk.source.slice = (a: number, b: number) => {
			const t = slice(a, b);
			longest = Math.max(longest, t.length);
			return t;
		};
		const before = reads;
		expect(resultsCsv(onDisk, assignment(100_000))).toBe(resultsCsv(inMemory, assignment(100_000)));
		// About one read per megabyte, not one per block; no block string over 64 K characters.
		expect(reads - before).toBeLessThanOrEqual(Math.ceil(bytes.length / 2 ** 20) + 1);
		expect(longest).toBeLessThanOrEqual(1 << 16);
		expect(cellTexts(onDisk, 'customer_id')).toEqual(cellTexts(inMemory, 'customer_id'));
	});

	it('skipped lines are still written from the file', async () => {
		const { onDisk, inMemory } = await both(enc(csv.replace('C1005,', 'C1005,1,2,3,')));
		expect(onDisk.skipped?.count).toBe(1);
		expect(holdsText(onDisk)).toBe(false);
		expect(skippedCsv(onDisk.skipped!, onDisk.source)).toBe(skippedCsv(inMemory.skipped!, inMemory.source));
	});

	it('keeps the text of a file that is not all ASCII, or not UTF-8, or small', async () => {
		for (const bytes of [enc(csv.replace('North', 'Nörth')), enc(csv.replace('North', '日本')), Uint8Array.from([...enc(csv.slice(0, 40)), 0xe9, ...enc(csv.slice(40))])]) {
			const { onDisk, inMemory } = await both(bytes);
			expect(holdsText(onDisk)).toBe(true);
			expect(resultsCsv(onDisk, assignment(onDisk.rowCount))).toBe(resultsCsv(inMemory, assignment(inMemory.rowCount)));
		}
		expect(holdsText(await loadSource(memorySource(enc(csv)), 'c.csv'))).toBe(true);
	});
});

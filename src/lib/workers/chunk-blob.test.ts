import { describe, expect, it } from 'vitest';
import { blobOfChunks } from './chunk-blob';
import { resultsCsv, resultsCsvChunks } from '../engine/export/csv';
import { parseCsv } from '../engine/data/csv';

describe('blobOfChunks', () => {
	it('gives the same bytes as one string, with non-ASCII text split across parts', async () => {
		const chunks = ['id,name\n', '1,Zoë\n', '2,日本\n', '3,😀 ok\n', '4,"a,b"\n'];
		for (const part of [1, 3, 7, 1e9]) {
			const blob = blobOfChunks(chunks, 'text/csv', part);
			expect(blob.type).toBe('text/csv');
			expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new TextEncoder().encode(chunks.join('')));
		}
	});

	it('writes the results file byte for byte as the one-string writer does', async () => {
		const lines = ['id,x,y'];
		for (let i = 0; i < 5000; i++) lines.push(`c${i},${(i * 0.37) % 11},${i % 7 === 0 ? '' : i / 3}`);
		const table = parseCsv(lines.join('\r\n') + '\r\n', 'r.csv');
		const n = table.rowCount;
		const assignment = { rowIndex: Int32Array.from({ length: n }, (_, i) => i), status: new Uint8Array(n), labels: Int32Array.from({ length: n }, (_, i) => i % 3), names: ['A', 'B', 'C'], extra: [{ name: 'distance', values: Float64Array.from({ length: n }, (_, i) => Math.sqrt(i)) }] };
		const blob = blobOfChunks(resultsCsvChunks(table, assignment), 'text/csv', 10_000);
		expect(await blob.text()).toBe(resultsCsv(table, assignment));
		expect(blob.size).toBeGreaterThan(10_000 * 5);
	});

	it('an empty producer gives an empty Blob of the type', async () => {
		const blob = blobOfChunks([], 'text/csv');
		expect(blob.size).toBe(0);
		expect(blob.type).toBe('text/csv');
	});
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/engine/data/csv';
import { rowReader } from '../../src/lib/engine/data/row-reader';
import { resultsCsv } from '../../src/lib/engine/export/csv';
import { neutraliseRow } from '../../src/lib/engine/export/csv-safe';
import { neutraliseRowV1, resultsRowsV1 } from './reference/results-csv-v1';
import { seededRandom } from './seeded-random';

const rng = seededRandom;

const PIECES = ['a', 'x y', '-5', '-1e-3', '+3', '=1+2', '@SUM(A1)', '-2+3', '\tx', 'a=b', 'é', '12.5', '', 'q-r', '+', '-', '@'];

function cellText(r: () => number, delimiter: string): string {
	const v = PIECES[Math.floor(r() * PIECES.length)] + (r() < 0.2 ? PIECES[Math.floor(r() * PIECES.length)] : '');
	// Quote some cells (and any that hold the delimiter), doubling quotes inside.
	return r() < 0.15 || v.includes(delimiter) ? `"${(r() < 0.3 ? '"' : '') + v}"`.replace(/^"(")/, '"""') : v;
}

describe('results CSV: the same bytes as the writer before it was sped up', () => {
	it('neutraliseRow agrees with the frozen copy on generated rows, delimiters and quotes', () => {
		const r = rng(17);
		for (const delimiter of [',', ';', '\t', '|', '-', '::']) {
			for (let t = 0; t < 3000; t++) {
				const n = 1 + Math.floor(r() * 6);
				const row = Array.from({ length: n }, () => cellText(r, delimiter)).join(delimiter) + (r() < 0.05 ? '\r' : '');
				expect(neutraliseRow(row, delimiter), JSON.stringify(row)).toBe(neutraliseRowV1(row, delimiter));
			}
		}
	});

	it('every row, status, segment, name and extra value as before', () => {
		const r = rng(5);
		for (const [delimiter, newline] of [[',', '\n'], [';', '\r\n'], ['\t', '\n']]) {
			const rows = 400;
			const lines = ['id' + delimiter + 'a' + delimiter + 'b'];
			for (let i = 0; i < rows; i++) lines.push([`c${i}`, (r() * 100 - 50).toFixed(2), PIECES[Math.floor(r() * PIECES.length)].replace(/[\t\r]/g, '')].map((c) => (c.includes(delimiter) ? `"${c}"` : c)).join(delimiter));
			const table = parseCsv(lines.join(newline) + newline, 'gen.csv');
			expect(table.rowCount).toBe(rows);
			const status = Uint8Array.from({ length: rows }, () => (r() < 0.7 ? 0 : Math.floor(r() * 6)));
			const rowIndex = Int32Array.from([...status.keys()].filter((i) => status[i] === 0 || status[i] === 3));
			const k = 4;
			const labels = Int32Array.from(rowIndex, () => Math.floor(r() * (k + 1)) - 1);
			const special = [NaN, Infinity, -Infinity, -0, 1e21, 1e-7, 123456789.125, -2.5];
			const extra = [
				{ name: 'distance_to_centre', values: Float64Array.from(rowIndex, () => (r() < 0.1 ? special[Math.floor(r() * special.length)] : r() * 10)) },
				{ name: 'silhouette', values: Float64Array.from(rowIndex, () => r() * 2 - 1) }
			];
			const repeatOf = Int32Array.from({ length: rows }, (_, i) => (status[i] === 5 && i > 0 ? Math.floor(r() * i) : -1));
			for (const names of [undefined, ['Big, spenders', '=evil', 'say "hi"', '-quiet']]) {
				for (const rep of [undefined, repeatOf]) {
					for (const ex of [[], extra]) {
						const a = { rowIndex, status, labels, names, repeatOf: rep, extra: ex };
						const text = resultsCsv(table, a);
						const header = text.slice(0, text.indexOf(newline) + newline.length);
						const rowText = rowReader(table.source);
						const old = resultsRowsV1(Array.from({ length: rows }, (_, i) => rowText(i)), a, delimiter, newline);
						expect(text.slice(header.length)).toBe(old);
					}
				}
			}
		}
	});
});

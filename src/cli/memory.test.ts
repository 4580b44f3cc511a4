/** Large-run memory helpers (memory.ts): unused columns release their parsed values only; the collector runs. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/engine/data/csv';
import { resultsCsv } from '../lib/engine/export/csv';
import { collectGarbage, releaseUnusedColumns } from './memory';

describe('large-run memory', () => {
	it('releases the values of columns that are not kept, and the labelled file is unchanged', () => {
		const text = 'customer_id,spend,visits\n101,5.5,2\n102,7.25,3\n103,1e3,4\n';
		const table = parseCsv(text, 'c.csv');
		const assignment = { rowIndex: Int32Array.of(0, 1, 2), status: new Uint8Array(3), labels: Int32Array.of(0, 1, 1) };
		const before = resultsCsv(table, assignment);
		expect(releaseUnusedColumns(table, ['spend', 'visits'])).toEqual(['customer_id']);
		expect(table.columns.map((c) => c.numbers.length)).toEqual([0, 3, 3]);
		expect(Array.from(table.columns[1].numbers)).toEqual([5.5, 7.25, 1000]);
		// Rows are copied from the source text: ids and values survive byte for byte.
		expect(resultsCsv(table, assignment)).toBe(before);
		expect(before.split('\n')[3]).toMatch(/^103,1e3,4,/);
	});

	it('collects garbage without --expose-gc on the command line', () => {
		expect(() => collectGarbage()).not.toThrow();
		expect(() => collectGarbage()).not.toThrow();
	});
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { prepare } from '../prep/prepare';
import { freeName, resultsCsv } from './csv';

describe('resultsCsv', () => {
	const text = 'id;note;x;segment\r\nA;"semi; colon";1;old\r\nB;;;old\r\nC;"multi\r\nline";3;old';
	const table = parseCsv(text, 'r.csv');
	const m = prepare(table, { features: ['x'], prep: { missing: 'drop', scale: 'none' } });

	it('copies every row untouched, in order, with the file’s delimiter and line ending, plus segment and status', () => {
		const out = resultsCsv(table, { rowIndex: m.rowIndex, status: m.status, labels: Int32Array.from([1, 0]) });
		expect(out).toBe(
			'id;note;x;segment;segment_2;status\r\n' +
				'A;"semi; colon";1;old;2;clustered\r\n' +
				'B;;;old;;dropped: missing value\r\n' +
				'C;"multi\r\nline";3;old;1;clustered\r\n'
		);
	});

	it('appends optional extra columns (projected coordinates), blank for rows not clustered or not embedded', () => {
		const extra = [{ name: 'tsne_x', values: Float32Array.from([0.5, NaN]) }, { name: 'x', values: [1.25, -2] }];
		const out = resultsCsv(table, { rowIndex: m.rowIndex, status: m.status, labels: Int32Array.from([1, 0]), extra });
		expect(out.split('\r\n')[0]).toBe('id;note;x;segment;segment_2;status;tsne_x;x_2');
		expect(out).toContain('A;"semi; colon";1;old;2;clustered;0.5;1.25\r\n');
		expect(out).toContain('B;;;old;;dropped: missing value;;\r\n');
		expect(out).toContain('line";3;old;1;clustered;;-2\r\n');
	});

	it('picks a free column name', () => {
		expect(freeName('segment', ['a'])).toBe('segment');
		expect(freeName('segment', ['segment', 'segment_2'])).toBe('segment_3');
	});
});

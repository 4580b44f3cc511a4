/**
 * Property: for any delimited text — random fields with quotes, delimiters, CR/LF/CRLF, conflict markers, spreadsheet
 * errors, ragged rows — parseCsv either returns a Table or throws an EngineError (never anything else), and every
 * physical input line is accounted for as header, data row, blank or skipped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { parseCsv } from './csv';
import { countLines } from './tokenizer';

const cell = fc.oneof(
	fc.constantFrom('', '1', '-2.5', '1e3', '"a,b"', '"x\ny"', '"q""q"', '#N/A', '$1,234', '45%', '1.234,56', ' 7 ', 'abc', '"', 'a"b', '<<<<<<< HEAD', '=======', '\t', ';', '|'),
	fc.string({ maxLength: 6 }),
	fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)
);
const newline = fc.constantFrom('\n', '\r\n', '\r');
const text = fc
	.tuple(fc.constantFrom(',', ';', '\t', '|'), newline, fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { minLength: 0, maxLength: 25 }), fc.boolean())
	.map(([d, nl, rows, trailing]) => rows.map((r) => r.join(d)).join(nl) + (trailing ? nl : ''));

describe('parseCsv on random malformed text', () => {
	it('never throws anything but an EngineError, and accounts for every line', () => {
		fc.assert(
			fc.property(text, fc.boolean(), (t, fast) => {
				let table;
				try {
					table = parseCsv(t, 'random.csv', { fastPath: fast });
				} catch (e) {
					if (!(e instanceof EngineError)) throw e;
					return;
				}
				const body = t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
				const a = table.skipped!.lines;
				expect(a.header + a.rows + a.blank + a.skipped).toBe(a.total);
				expect(a.total).toBe(countLines(body));
				expect(table.rowCount).toBe(table.source.rowStart.length);
				for (const c of table.columns) expect(c.numbers.length).toBe(table.rowCount);
			}),
			{ numRuns: 2000, seed: 42 }
		);
	});

	it('the fast path and the general path agree on clean numeric text', () => {
		const num = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }).map(String), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(4)), fc.constant(''));
		const clean = fc
			.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 30 }), newline)
			.chain(([cols, rows, nl]) => fc.tuple(fc.array(fc.array(num, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }), fc.constant(cols), fc.constant(nl)))
			.map(([rows, cols, nl]) => [Array.from({ length: cols }, (_, j) => `c${j}`).join(','), ...rows.map((r) => r.join(','))].join(nl) + nl);
		fc.assert(
			fc.property(clean, (t) => {
				const a = parseCsv(t, 'a.csv');
				const b = parseCsv(t, 'b.csv', { fastPath: false });
				expect(a.rowCount).toBe(b.rowCount);
				expect(Array.from(a.source.rowStart)).toEqual(Array.from(b.source.rowStart));
				expect(Array.from(a.source.rowEnd)).toEqual(Array.from(b.source.rowEnd));
				a.columns.forEach((c, j) => {
					expect(Array.from(c.numbers)).toEqual(Array.from(b.columns[j].numbers));
					expect(c.missing).toBe(b.columns[j].missing);
				});
			}),
			{ numRuns: 500, seed: 7 }
		);
	});
});

import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { parseCsv } from './csv';

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		return e instanceof EngineError ? e.code : `not an EngineError: ${e}`;
	}
	return 'no error';
}

describe('parseCsv', () => {
	it('reads columns, numbers, blanks and keeps each row’s original text', () => {
		const text = 'id,a,b\r\n1,2.5,x\r\n2,,"y, z"\r\n3,-4e2,x';
		const t = parseCsv(text, 't.csv');
		expect(t.rowCount).toBe(3);
		expect(t.columns.map((c) => c.name)).toEqual(['id', 'a', 'b']);
		expect(Array.from(t.columns[1].numbers)).toEqual([2.5, NaN, -400]);
		expect(t.columns[1].missing).toBe(1);
		expect(t.columns[2].levels).toEqual(['x', 'y, z']);
		expect(Array.from(t.columns[2].codes!)).toEqual([0, 1, 0]);
		expect(t.source.newline).toBe('\r\n');
		const rows = Array.from({ length: 3 }, (_, i) => text.slice(t.source.rowStart[i], t.source.rowEnd[i]));
		expect(rows).toEqual(['1,2.5,x', '2,,"y, z"', '3,-4e2,x']);
		expect(t.source.header).toBe('id,a,b');
	});

	it('keeps quoted fields with embedded newlines as one row', () => {
		const t = parseCsv('a,note\n1,"two\nlines"\n2,plain\n', 'q.csv');
		expect(t.rowCount).toBe(2);
		expect(t.columns[1].levels).toEqual(['two\nlines', 'plain']);
	});

	it('detects semicolons and tabs', () => {
		expect(parseCsv('a;b\n1;2\n3;4\n', 's.csv').columns.map((c) => c.name)).toEqual(['a', 'b']);
		expect(parseCsv('a\tb\n1\t2\n', 't.tsv').source.delimiter).toBe('\t');
	});

	it('strips a BOM and skips blank lines', () => {
		const t = parseCsv('\ufeffa,b\n1,2\n\n3,4\n', 'bom.csv');
		expect(t.columns[0].name).toBe('a');
		expect(t.rowCount).toBe(2);
	});

	it('renames blank and duplicate headers and says so', () => {
		const t = parseCsv('a,a,,b\n1,2,3,4\n', 'h.csv');
		expect(t.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3', 'b']);
		expect(t.notes.length).toBe(2);
	});

	it('pads short rows and reports ragged rows with their line numbers', () => {
		const t = parseCsv('a,b,c\n1,2,3\n4,5\n6,7,8\n', 'r.csv');
		expect(t.rowCount).toBe(3);
		expect(Number.isNaN(t.columns[2].numbers[1])).toBe(true);
		expect(t.notes.join(' ')).toMatch(/1 row\(s\).*line 3/);
	});

	it('gives specific errors for empty, header-only, binary and non-delimited input', () => {
		expect(codeOf(() => parseCsv('', 'e.csv'))).toBe('empty-file');
		expect(codeOf(() => parseCsv('  \n\n', 'e.csv'))).toBe('empty-file');
		expect(codeOf(() => parseCsv('a,b,c\n', 'h.csv'))).toBe('header-only');
		expect(codeOf(() => parseCsv('\u0000\u0001\u0002PK\u0003\u0004binary', 'b.xlsx'))).toBe('binary-file');
		expect(codeOf(() => parseCsv('Dear customer\nthank you for your order\nregards\n', 'letter.txt'))).toBe('not-delimited');
	});

	it('reads clean numeric files on the typed fast path and anything else on the general path', () => {
		const fast = parseCsv('a,b\r\n1,2.5\r\n-3e2,\r\n\r\n', 'f.csv');
		expect(fast.format?.fastPath).toBe(true);
		expect(Array.from(fast.columns[0].numbers)).toEqual([1, -300]);
		expect(fast.columns[1].missing).toBe(1);
		expect(fast.skipped!.lines).toEqual({ total: 4, header: 1, rows: 2, blank: 1, skipped: 0 });
		expect(fast.source.text.slice(fast.source.rowStart[1], fast.source.rowEnd[1])).toBe('-3e2,');
		const general = parseCsv('a,b\n1,x\n2,y\n', 'g.csv');
		expect(general.format?.fastPath).toBe(false);
		expect(Array.from(general.columns[0].numbers)).toEqual([1, 2]);
	});

	it('reads decimal commas in semicolon files, and currency, thousands and percent signs', () => {
		const t = parseCsv('id;amount;share\n1;1.234,56;12,5%\n2;€ 12,50;3%\n3;-7;0,5\n', 'de.csv');
		expect(t.format?.decimal).toBe(',');
		expect(Array.from(t.columns[1].numbers)).toEqual([1234.56, 12.5, -7]);
		expect(Array.from(t.columns[2].numbers)).toEqual([12.5, 3, 0.5]);
		expect(t.columns[1].formats).toMatch(/currency signs.*thousands separators.*decimal commas/);
		const us = parseCsv('id,amount\n1,"$1,234"\n2,"(1,000.50)"\n3,12\n', 'us.csv');
		expect(Array.from(us.columns[1].numbers)).toEqual([1234, -1000.5, 12]);
		expect(us.columns[1].nonNumeric).toBe(0);
	});

	it('counts spreadsheet error values as missing and says so', () => {
		const t = parseCsv('a,b\n1,#N/A\n2,#DIV/0!\n3,4\n', 'e.csv');
		expect(t.columns[1].missing).toBe(2);
		expect(t.columns[1].errorValues).toBe(2);
		expect(t.columns[1].levels).toEqual(['4']);
		expect(t.notes.join(' ')).toMatch(/2 spreadsheet error value/);
	});

	it('skips a never-closed quote on its own line only', () => {
		const t = parseCsv('a,b\n1,"oops\n2,3\n4,5\n', 'q.csv');
		expect(t.rowCount).toBe(2);
		expect(t.skipped!.byReason).toEqual({ 'unbalanced-quote': 1 });
		expect(t.skipped!.line[0]).toBe(2);
	});

	it('stops when cancelled', () => {
		const c = new AbortController();
		c.abort();
		const big = 'a,b\n' + '1,2\n'.repeat(10_000);
		expect(codeOf(() => parseCsv(big, 'big.csv', {}, { signal: c.signal }))).toBe('cancelled');
	});
});

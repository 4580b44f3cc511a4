import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { prepare } from '../prep/prepare';
import { resultsCsv } from './csv';
import { isDangerous, neutraliseRow, safeCell } from './csv-safe';

describe('CSV-injection neutralisation', () => {
	it('flags formula triggers but not plain numbers', () => {
		for (const s of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) expect(isDangerous(s), s).toBe(true);
		for (const s of ['-12.5', '+3', '-1e-3', 'abc', '', 'a=b', '42']) expect(isDangerous(s), s).toBe(false);
	});

	it('rewrites only dangerous cells of a row, quoted or not', () => {
		expect(neutraliseRow('A,-5,plain', ',')).toBe('A,-5,plain');
		expect(neutraliseRow('A,=1+2,b', ',')).toBe(`A,"'=1+2",b`);
		expect(neutraliseRow('A,"=HYPERLINK(""http://evil"",""click"")",b,', ',')).toBe(`A,"'=HYPERLINK(""http://evil"",""click"")",b,`);
		expect(neutraliseRow('x;@a;"q; r"', ';')).toBe(`x;"'@a";"q; r"`);
		expect(safeCell('=bad', ',')).toBe(`"'=bad"`);
		expect(safeCell('a, b', ',')).toBe('"a, b"');
	});
});

describe('resultsCsv on a file with dropped and set-aside rows', () => {
	const rows = ['id,name,x,y'];
	for (let i = 0; i < 40; i++) {
		const x = i === 5 ? '' : String((i % 7) + (i % 2) * 0.5);
		const y = i === 9 ? '500' : String(i % 5);
		const name = i === 3 ? '"=HYPERLINK(""http://evil.example/"",""Click"")"' : i === 4 ? '-3' : `n${i}`;
		rows.push(`ID${String(i).padStart(3, '0')},${name},${x},${y}`);
	}
	const text = rows.join('\n') + '\n';
	const table = parseCsv(text, 'mixed.csv');
	const m = prepare(table, { features: ['x', 'y'], prep: { missing: 'drop', scale: 'zscore', outliers: { method: 'iqr', threshold: 1.5, action: 'setAside' }, columns: {} } });
	const labels = new Int32Array(m.rows).map((_, r) => r % 2);
	const out = resultsCsv(table, { rowIndex: m.rowIndex, status: m.status, labels, names: ['Big =spenders', 'Small, quiet'] });
	const lines = out.trimEnd().split('\n');

	it('keeps every input row in order with ids intact, with segment, name and status', () => {
		expect(lines.length).toBe(41);
		expect(lines[0]).toBe('id,name,x,y,segment,segment_name,status');
		for (let i = 0; i < 40; i++) expect(lines[i + 1].startsWith(`ID${String(i).padStart(3, '0')},`)).toBe(true);
		expect(lines[6]).toBe('ID005,n5,,0,,,dropped: missing value');
		expect(lines[10]).toMatch(/^ID009,n9,2.5,500,,,set aside: outlier$/);
		expect(lines[1]).toBe('ID000,n0,0,0,1,Big =spenders,clustered');
		expect(lines[2]).toBe('ID001,n1,1.5,1,2,"Small, quiet",clustered');
		expect(lines[5]).toBe('ID004,-3,4,4,1,Big =spenders,clustered');
	});

	it('neutralises a =HYPERLINK(...) cell and leaves the rest of the row untouched', () => {
		expect(lines[4]).toBe(`ID003,"'=HYPERLINK(""http://evil.example/"",""Click"")",3.5,3,2,"Small, quiet",clustered`);
	});
});

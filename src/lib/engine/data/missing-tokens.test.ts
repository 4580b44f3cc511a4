import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { parseJson, parseNdjson } from './json';
import { tableFromRecords } from './records-table';
import { profileTable } from './profile';
import { badHeader, isMissingToken, MISSING_TOKENS } from './missing-tokens';
import { uniqueHeaders } from './headers';

describe('missing-value tokens', () => {
	it('covers pandas default na_values and their case variants, plus -, ?, inf and spreadsheet errors', () => {
		// pandas 2.x STR_NA_VALUES (1.5.3's plus "None"), written out here so a change to our list is caught.
		const pandas = ['#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null'];
		for (const t of [...pandas, 'na', 'Na', 'NONE', 'none', 'Null', 'NAN', 'N/a', '-', '?', 'inf', '-inf', 'Inf', '-Infinity', '#VALUE!', '#DIV/0!', '#value!']) {
			expect(isMissingToken(t), t).toBe(true);
		}
		for (const t of ['', '0', 'N', 'NAB', 'Nancy', 'none of it', '-1', 'North', 'x']) expect(isMissingToken(t), t).toBe(false);
		expect(MISSING_TOKENS).toContain('None');
	});

	const python = '/usr/bin/python3';
	const pandas = existsSync(python) ? spawnSync(python, ['-c', 'import json, pandas._libs.parsers as p; print(json.dumps(sorted(p.STR_NA_VALUES)))'], { encoding: 'utf8' }) : null;
	it.skipIf(!pandas || pandas.status !== 0)('every value of the installed pandas STR_NA_VALUES is a token (skipped without Debian python3-pandas)', () => {
		const list = JSON.parse(pandas!.stdout) as string[];
		expect(list.length).toBeGreaterThan(15);
		for (const t of list) if (t !== '') expect(isMissingToken(t), t).toBe(true);
	});

	const csv = 'id,spend,visits,segment\n1,10,3,A\n2,NA,2,B\n3,NaN,-,A\n4,inf,?,B\n5,#N/A,1,null\n6,12.5,N/A,A\n7,-inf,4,B\n8,none,,A\n';

	it('are missing in the general CSV path: counted per column, never turning numbers into categories', () => {
		const t = parseCsv(csv, 'tokens.csv');
		const spend = t.columns[1];
		expect(spend.missing).toBe(6);
		expect(spend.nonNumeric).toBe(0);
		expect(spend.levels).toEqual(['10', '12.5']);
		expect(spend.missingTokens).toEqual([
			{ token: 'NA', count: 1 }, { token: 'NaN', count: 1 }, { token: 'inf', count: 1 }, { token: '#N/A', count: 1 }, { token: '-inf', count: 1 }, { token: 'none', count: 1 }
		]);
		const visits = t.columns[2];
		expect(visits.missing).toBe(4); // "-", "?", "N/A" and one blank
		expect(visits.missingTokens?.reduce((a, x) => a + x.count, 0)).toBe(3);
		const seg = t.columns[3];
		expect(seg.levels).toEqual(['A', 'B']);
		expect(seg.missing).toBe(1);
		const p = profileTable(t);
		expect(p[1].kind).toBe('numeric');
		expect(p[2].kind).toBe('numeric');
		expect(p[1].missingTokens?.length).toBe(6);
		expect(p[1].reason).toMatch(/read as missing/);
		expect(p[1].stats?.max).toBe(12.5);
		expect(p[3].kind).toBe('categorical');
		expect(p[3].distinct).toBe(2);
	});

	it('are missing in JSON, NDJSON and records (workbook/Parquet) tables too', () => {
		const json = parseJson(JSON.stringify([{ a: 1, b: 'NA' }, { a: 'NaN', b: 2 }, { a: 3, b: 'null' }, { a: '#DIV/0!', b: 4 }]), 'x.json');
		const nd = parseNdjson('{"a":1,"b":"NA"}\n{"a":"NaN","b":2}\n{"a":3,"b":"null"}\n{"a":"#DIV/0!","b":4}\n', 'x.ndjson');
		const rec = tableFromRecords('x.xlsx', ['a', 'b'], [[1, 'NA'], ['NaN', 2], [3, 'null'], ['#DIV/0!', 4]], { kind: 'xlsx' });
		for (const t of [json, nd, rec]) {
			expect(t.columns.map((c) => c.missing)).toEqual([2, 2]);
			expect(t.columns.map((c) => c.nonNumeric)).toEqual([0, 0]);
			expect(profileTable(t).map((p) => p.kind)).toEqual(['numeric', 'numeric']);
		}
	});

	it('a clean numeric file still takes the fast path; one token sends it to the general path with the same numbers', () => {
		const clean = parseCsv('a,b\n1,2\n3,4\n', 'c.csv');
		expect(clean.format?.fastPath).toBe(true);
		const dirty = parseCsv('a,b\n1,2\nNA,4\n', 'd.csv');
		expect(dirty.format?.fastPath).toBe(false);
		expect(Array.from(dirty.columns[0].numbers)).toEqual([1, NaN]);
		expect(dirty.columns[0].missing).toBe(1);
	});
});

describe('header flags', () => {
	it('a blank header is renamed and noted; a token header is kept and flagged', () => {
		expect(badHeader(' ')).toBe('blank');
		expect(badHeader('#N/A')).toBe('token');
		expect(badHeader('spend')).toBeNull();
		const { names, notes } = uniqueHeaders(['spend', '', '#N/A', 'NaN']);
		expect(names).toEqual(['spend', 'column_2', '#N/A', 'NaN']);
		expect(notes.filter((n) => /no name/.test(n))).toHaveLength(1);
		expect(notes.filter((n) => /reads like a missing or error value/.test(n))).toHaveLength(2);
		const t = parseCsv('spend,#N/A\n1,2\n3,4\n', 'h.csv');
		expect(t.notes.some((n) => n.includes('Column 2 is named "#N/A"'))).toBe(true);
		expect(profileTable(t)[1].warnings.some((w) => /reads like a missing or error value/.test(w))).toBe(true);
	});
});

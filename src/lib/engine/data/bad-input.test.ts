/**
 * The messages for bad input say which file, line or row, and column: spreadsheet error values, renamed headers,
 * and progress in rows and bytes for the formats read in one piece (Parquet by row group, .xlsx by stage).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../progress';
import { parseCsv } from './csv';
import { loadTable } from './load';
import { prepareRun } from '../analyse';
import { defaultRecipe, validateRecipe } from '../recipe';
import { fingerprint } from './fingerprint';
import { profileTable } from './profile';

const DIR = new URL('../../../../tests/fixtures/formats/', import.meta.url).pathname;
const bytes = (f: string) => new Uint8Array(readFileSync(DIR + f));

describe('bad input messages', () => {
	it('spreadsheet error values: column, file and the first lines', () => {
		const t = parseCsv('id,spend,visits\n1,#VALUE!,3\n2,5,#N/A\n3,#DIV/0!,1\r\n4,#REF!,2\r5,1,1\n', 'errors.csv');
		expect(t.notes).toContain(
			'3 spreadsheet error value(s) (#N/A, #VALUE!, #DIV/0!, …) in column "spend" of "errors.csv" (first at lines 2, 4, 5) were read as missing. Fix the formulas in the spreadsheet and export again if those cells should have values.'
		);
		expect(t.notes.join(' ')).toMatch(/1 spreadsheet error value\(s\) .* in column "visits" of "errors.csv" \(first at line 3\)/);
	});

	it('the messy fixture names the line of its #N/A', async () => {
		const t = await loadTable({ bytes: bytes('customers-messy.csv') }, 'customers-messy.csv');
		expect(t.notes.join(' ')).toMatch(/in column "spend" of "customers-messy.csv" \(first at line 4\)/);
	});

	it('a workbook names the cells holding error values (the reader turns them into blanks)', async () => {
		const t = await loadTable({ bytes: bytes('customers.xlsx') }, 'customers.xlsx');
		expect(t.notes).toContain(
			'1 cell(s) of sheet "Customers" in "customers.xlsx" hold spreadsheet error values (D14 #N/A); they were read as missing. Fix the formulas in the workbook and save it again if those cells should have values.'
		);
		expect(Number.isNaN(t.columns[3].numbers[12])).toBe(true);
	});

	it('a JSON file names the row of a spreadsheet error value typed in a field', async () => {
		const text = JSON.stringify([{ id: 1, spend: 3 }, { id: 2, spend: '#VALUE!' }]);
		const t = await loadTable({ bytes: new TextEncoder().encode(text) }, 'e.json');
		expect(t.notes.join(' ')).toMatch(/1 spreadsheet error value\(s\) .* in column "spend" of "e.json" \(first at row 2\)/);
	});

	it('duplicate and blank header names are renamed and said', () => {
		const t = parseCsv('a,a,,b,a\n1,2,3,4,5\n', 'dups.csv');
		expect(t.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3', 'b', 'a_3']);
		expect(t.notes).toEqual(
			expect.arrayContaining([
				'The column name "a" appears more than once; the copy in column 2 is called "a_2".',
				'Column 3 had no name; it is called "column_3".',
				'The column name "a" appears more than once; the copy in column 5 is called "a_3".'
			])
		);
	});
});

describe('progress for Parquet and .xlsx', () => {
	it('Parquet reports rows and megabytes per row group, ending at 1', async () => {
		const seen: Progress[] = [];
		await loadTable({ bytes: bytes('customers.parquet') }, 'customers.parquet', {}, { onProgress: (p) => seen.push(p) });
		expect(seen.some((p) => /12 of 12 rows \(row group 1 of 1, [\d.]+ of [\d.]+ MB\)/.test(p.stage))).toBe(true);
		for (let i = 1; i < seen.length; i++) expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
	});

	it('.xlsx reports its stages with the size and the sheet read', async () => {
		const seen: Progress[] = [];
		await loadTable({ bytes: bytes('customers.xlsx') }, 'customers.xlsx', {}, { onProgress: (p) => seen.push(p) });
		expect(seen.map((p) => p.stage)).toEqual(
			expect.arrayContaining([expect.stringMatching(/unzipping and parsing the workbook \([\d.]+ MB\)/), expect.stringMatching(/sheet "Customers", 13 rows/)])
		);
	});

	it('Cancel stops a Parquet read between row groups', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(loadTable({ bytes: bytes('customers.parquet') }, 'customers.parquet', {}, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
	});
});

describe('a run needs the skipped lines accepted (the Recipe records it)', () => {
	it('prepareRun refuses a table with more skipped records than acceptSkipped, and names them', async () => {
		const t = await loadTable({ bytes: bytes('customers-messy.csv') }, 'customers-messy.csv');
		const recipe = defaultRecipe(fingerprint(t), profileTable(t));
		expect(() => prepareRun(t, recipe)).toThrow(/7 line\(s\) of "customers-messy.csv" could not be read as rows.*3 at lines 6, 9, 10: a merge-conflict marker/);
		expect(() => prepareRun(t, { ...recipe, acceptSkipped: 6 })).toThrow(/the recipe accepted 6/);
		expect(prepareRun(t, validateRecipe({ ...recipe, acceptSkipped: 7 })).matrix.rows).toBe(12);
	});

	it('acceptSkipped must be a whole number', () => {
		const t = parseCsv('a,b\n1,2\n3,4\n', 'x.csv');
		const recipe = defaultRecipe(fingerprint(t), profileTable(t));
		expect(() => validateRecipe({ ...recipe, acceptSkipped: -1 })).toThrow(/"acceptSkipped" must be a whole number/);
		expect(() => validateRecipe({ ...recipe, acceptSkipped: 'all' })).toThrow(/"acceptSkipped"/);
	});
});

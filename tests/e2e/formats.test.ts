/**
 * Every input format through the "Upload data" file input of the built site: the fixtures in tests/fixtures/formats
 * (made by the scripts beside them) load as the same 12 customers; the page shows the delimiter in use, the sheet
 * picker, encoding notes, and offers the skipped lines of a messy file as a download.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, launchApp, readCsv, type App } from './harness';

const DIR = new URL('../fixtures/formats/', import.meta.url).pathname;

describe('loading every supported format in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	async function upload(file: string, rows: number) {
		const { page } = app;
		await page.getByLabel('Upload data').setInputFiles(DIR + file);
		// In the Data step (the header above the steps names the file too).
		await page.getByRole('main').getByText(new RegExp(`^\\s*${file.replace(/\./g, '\\.')}\\s*$`)).waitFor({ timeout: 30_000 });
		await page.getByText(new RegExp(`: ${rows} rows × 6 columns`)).waitFor({ timeout: 30_000 });
		// The values, not just the shape: spend runs from 176.37 to 2,116.39 in every fixture (shown to 4–5 digits),
		// however it was written (decimal comma, "$1,234.56", UTF-16, a workbook cell, a Parquet double).
		const spend = page.getByRole('table', { name: 'Column profiles' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'spend', exact: true }) });
		await expect(spend.textContent()).resolves.toMatch(/numeric.*176\.4.*1,146\.4.*2,116\.4/s);
	}

	const delimited: [string, string][] = [
		['customers.csv', ','],
		['customers-bom-crlf.csv', ','],
		['customers-cr.csv', ','],
		['customers-quoted.csv', ','],
		['customers-formatted.csv', ','],
		['customers-pipe.txt', '|'],
		['customers-semicolon-decimal-comma.csv', ';'],
		['customers-utf16le.tsv', '\t'],
		['customers-utf16be.tsv', '\t'],
		['customers-windows1252.csv', ';']
	];
	it.each(delimited)('%s loads with its delimiter shown', async (file, delimiter) => {
		await upload(file, 12);
		await expect(app.page.getByLabel('Delimiter').inputValue()).resolves.toBe(delimiter);
		if (file.includes('1252')) await expect(app.page.getByText(/not valid UTF-8.*Windows-1252/).count()).resolves.toBe(1);
		if (file.includes('utf16')) await expect(app.page.getByText(/UTF-16 text/).count()).resolves.toBe(1);
		if (file.includes('decimal')) await expect(app.page.getByText(/decimal comma/).count()).resolves.toBeGreaterThan(0);
	});

	it.each(['customers.json', 'customers.ndjson', 'customers.parquet'])('%s loads', async (file) => {
		await upload(file, 12);
		await expect(app.page.getByLabel('Delimiter').count()).resolves.toBe(0);
	});

	it('an .xlsx opens on its fullest sheet, and the Sheet picker switches sheets', async () => {
		await upload('customers.xlsx', 13);
		const sheet = app.page.getByLabel('Sheet');
		await expect(sheet.inputValue()).resolves.toBe('Customers');
		// The error cell the workbook reader turns into a blank is named (found in the sheet's XML, in the worker).
		await app.page.getByText(/1 cell\(s\) of sheet "Customers" in "customers.xlsx" hold spreadsheet error values \(D14 #N\/A\); they were read as missing/).waitFor();
		await sheet.selectOption('Notes');
		await app.page.getByText(/no data rows/).waitFor();
		await app.page.getByLabel('Sheet').selectOption('Customers');
		await app.page.getByText(/: 13 rows × 6 columns/).waitFor();
	});

	it('choosing another delimiter re-reads the file', async () => {
		await upload('customers-semicolon-decimal-comma.csv', 12);
		await app.page.getByLabel('Delimiter').selectOption(',');
		// Read with commas, the decimal commas split the lines into ragged rows: the page says so instead of failing.
		await app.page.getByText(/Skipped|fewer fields|does not look like|no data rows|could be read/).first().waitFor();
		await app.page.getByLabel('Delimiter').selectOption(';');
		await app.page.getByText(/: 12 rows × 6 columns/).waitFor();
	});

	it('a messy file keeps its good rows once accepted, explains the rest, and offers them as a download', async () => {
		const { page } = app;
		await page.getByLabel('Upload data').setInputFiles(DIR + 'customers-messy.csv');
		// The accept step (tests/e2e/bad-input.test.ts walks it in detail).
		await page.getByRole('button', { name: 'Keep the 12 readable rows' }).click();
		await page.getByText(/customers-messy\.csv: 12 rows × 6 columns/).waitFor();
		await expect(page.getByText(/merge-conflict marker/).count()).resolves.toBe(1);
		await expect(page.getByText(/spreadsheet error value\(s\) \(#N\/A/).count()).resolves.toBe(1);
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download 7 skipped line/ }).click()]);
		const rows = readCsv(readFileSync((await download.path())!, 'utf8'));
		expect(rows[0]).toEqual(['line', 'reason', 'text']);
		expect(rows.slice(1).map((r) => r[1])).toEqual(['conflict-marker', 'conflict-marker', 'conflict-marker', 'too-many-fields', 'one-field', 'repeated-header', 'unbalanced-quote']);
		expect(rows[1][2]).toBe('<<<<<<< HEAD');
	});

	it('binary and empty files get specific messages', async () => {
		const { page } = app;
		await page.getByLabel('Upload data').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n\u0000\u0001binary') });
		await page.getByText(/is a PDF document/).first().waitFor();
		await page.getByLabel('Upload data').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
		await page.getByText(/is empty/).first().waitFor();
		expect(app.consoleErrors).toEqual([]);
		expect(foreignRequests(app)).toEqual([]);
	});
});

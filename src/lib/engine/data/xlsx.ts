/**
 * Excel .xlsx through read-excel-file (maintained, no known advisories; the SheetJS `xlsx` 0.18.5 on the public
 * registry has unfixed prototype-pollution and ReDoS advisories). Every sheet is read; the fullest, or the one asked
 * for, becomes the table, and the sheet names are returned for the page's sheet picker.
 */
import readXlsxFile from 'read-excel-file/universal';
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import type { Table } from '../types';
import { tableFromRecords } from './records-table';
import { sheetErrorCells } from './xlsx-errors';
import { checkWorkbookSize } from './workbook-size';

export async function parseXlsx(bytes: Uint8Array, name: string, sheet: string | undefined, control: RunControl = {}): Promise<Table> {
	let sheets: { sheet: string; data: unknown[][] }[];
	const mb = (bytes.length / 2 ** 20).toFixed(1);
	// The reader unzips and parses the whole workbook in one call (no progress inside it; Cancel stops the worker).
	control.onProgress?.({ stage: `Reading ${name}: unzipping and parsing the workbook (${mb} MB)`, fraction: 0.05 });
	// Before the reader unzips anything: a zip bomb ends here in a message (workbook-size.ts).
	await checkWorkbookSize(bytes, name);
	throwIfAborted(control.signal);
	try {
		const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
		sheets = (await readXlsxFile(buffer as ArrayBuffer)) as { sheet: string; data: unknown[][] }[];
	} catch (err) {
		throw new EngineError('binary-file', `"${name}" could not be read as an Excel workbook: ${(err as Error).message}.`, 'Open it in your spreadsheet program, save it again as .xlsx (or export CSV), and load that.');
	}
	throwIfAborted(control.signal);
	const names = sheets.map((s) => s.sheet);
	// Unless asked, the sheet with the most filled cells: workbooks often open on a cover or notes sheet.
	const filled = (s: { data: unknown[][] }) => s.data.reduce((n, r) => n + r.filter((c) => c !== null && c !== '').length, 0);
	const chosen = sheets.find((s) => s.sheet === sheet) ?? [...sheets].sort((a, b) => filled(b) - filled(a))[0];
	if (!chosen) throw new EngineError('empty-file', `"${name}" has no sheets.`, 'Choose a workbook with a sheet of data.');
	// Leading blank rows (a title block left empty) are dropped; the first row with content is the header.
	const data = chosen.data;
	let h = 0;
	while (h < data.length && data[h].every((c) => c === null || c === '')) h++;
	if (h >= data.length) throw new EngineError('empty-file', `Sheet "${chosen.sheet}" of "${name}" is empty.`, names.length > 1 ? 'Pick another sheet in the Sheet list.' : 'Choose a workbook with data.');
	const header = data[h].map((c) => (c === null ? '' : String(c)));
	const body = data.slice(h + 1).filter((r) => r.some((c) => c !== null && c !== ''));
	control.onProgress?.({ stage: `Reading ${name}: sheet "${chosen.sheet}", ${body.length.toLocaleString('en')} rows (${mb} MB)`, fraction: 0.5 });
	const notes = names.length > 1 ? [`"${name}" has ${names.length} sheets; showing "${chosen.sheet}". Pick another in the Sheet list.`] : [];
	// Error cells come back from the reader as blanks: find them in the sheet's XML so the user hears which cells.
	const errors = await sheetErrorCells(bytes, chosen.sheet).catch(() => []);
	if (errors.length) {
		const first = errors.slice(0, 5).map((e) => `${e.cell} ${e.value}`).join(', ');
		notes.push(
			`${errors.length.toLocaleString('en')} cell(s) of sheet "${chosen.sheet}" in "${name}" hold spreadsheet error values (${first}${errors.length > 5 ? ', …' : ''}); they were read as missing. Fix the formulas in the workbook and save it again if those cells should have values.`
		);
	}
	return tableFromRecords(name, header, body, { kind: 'xlsx', sheets: names, sheet: chosen.sheet }, control, notes);
}

/**
 * The stated limits (limits.ts, workbook-size.ts): each case ends early in a message naming the limit, in the
 * engine and on the command line (exit code 2, within 30 s): a 100,000-column file, a 50 MB single line, a zip-bomb
 * workbook (2 MB → 2 GiB, declared or hidden), JSON nested past MAX_JSON_DEPTH. And wide files within the limit
 * (2,000 and 10,000 columns) load and run in time linear in their size.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { zipBombWorkbook } from '../../../../tests/support/zip-bomb';
import { main } from '../../../cli/main';
import { EngineError } from '../errors';
import { analyse } from '../analyse';
import { defaultRecipe } from '../recipe';
import { memorySource } from './byte-source';
import { parseCsv } from './csv';
import { fingerprint } from './fingerprint';
import { parseJson, parseNdjson } from './json';
import { checkLineLengths, MAX_COLUMNS, MAX_JSON_DEPTH, MAX_LINE_CHARS, MAX_WORKBOOK_BYTES } from './limits';
import { loadSource, loadTable } from './load';
import { profileTable } from './profile';
import { checkWorkbookSize, zipEntries } from './workbook-size';

const enc = (s: string) => new TextEncoder().encode(s);

function wideCsv(cols: number, rows = 20): string {
	const lines = [Array.from({ length: cols }, (_, j) => `c${j}`).join(',')];
	for (let i = 0; i < rows; i++) lines.push(Array.from({ length: cols }, (_, j) => (((i * 31 + j * 17) % 97) / 7).toFixed(2)).join(','));
	return lines.join('\n') + '\n';
}

async function rejects(p: Promise<unknown> | (() => unknown), pattern: RegExp): Promise<EngineError> {
	let err: unknown;
	try {
		await (typeof p === 'function' ? p() : p);
	} catch (e) {
		err = e;
	}
	expect(err, 'expected an EngineError').toBeInstanceOf(EngineError);
	expect((err as EngineError).message).toMatch(pattern);
	expect((err as EngineError).hint.length).toBeGreaterThan(10);
	return err as EngineError;
}

describe('maximum columns', () => {
	it(`a 100,000-column file is refused on its header, naming the limit (${MAX_COLUMNS.toLocaleString('en')}), in well under a second`, async () => {
		const text = wideCsv(100_000);
		const t0 = performance.now();
		const err = await rejects(() => parseCsv(text, 'wide.csv'), /"wide\.csv" has 100,000 columns; Segment Lab reads at most 10,000 columns/);
		expect(err.hint).toMatch(/only the columns you need/);
		expect(performance.now() - t0).toBeLessThan(2000);
		await rejects(loadSource(memorySource(enc(text)), 'wide.csv', { keepTextBelow: 0 }), /100,000 columns/);
		await rejects(() => parseJson(JSON.stringify([Object.fromEntries(Array.from({ length: MAX_COLUMNS + 1 }, (_, j) => [`k${j}`, j]))]), 'wide.json'), /10,001 columns/);
	});

	it('2,000 and 10,000 columns load, profile and run; the cost grows linearly with the columns', () => {
		const time = (cols: number) => {
			const t0 = performance.now();
			const t = parseCsv(wideCsv(cols), `w${cols}.csv`);
			const profiles = profileTable(t);
			const recipe = { ...defaultRecipe(fingerprint(t), profiles), kRange: [2, 4] as [number, number] };
			const r = analyse(t, recipe);
			expect(r.features).toHaveLength(cols);
			return performance.now() - t0;
		};
		time(500); // warm-up
		const t2 = time(2_000), t10 = time(10_000);
		// Linear: 5× the columns in well under 25× the time (the cubic PCA took minutes at 2,000).
		expect(t10).toBeLessThan(Math.max(15 * t2, 3000));
		expect(t10).toBeLessThan(20_000);
	});
});

describe('maximum line length', () => {
	it('a 50 MB single line ends in a message naming the line and the limit', async () => {
		const t0 = performance.now();
		await rejects(loadTable({ bytes: enc('1,'.repeat(25 * 2 ** 20)) }, 'one-line.csv'), /Line 1 of "one-line\.csv" is 52,428,800 characters long; Segment Lab reads lines of at most 1,048,576 characters/);
		await rejects(loadTable({ bytes: enc('a,b\r\n1,2\r' + 'x'.repeat(MAX_LINE_CHARS + 1) + '\n3,4\n') }, 'mixed.csv'), /Line 3 of "mixed\.csv" is 1,048,577 characters/);
		expect(performance.now() - t0).toBeLessThan(5000);
	});

	it('checkLineLengths counts LF, CRLF and lone CR lines and lets lines at the limit through', () => {
		const at = 'y'.repeat(MAX_LINE_CHARS);
		expect(() => checkLineLengths(`a\r\nb\rc\n${at}\r\n${at}\r${at}`, 'ok.csv')).not.toThrow();
		expect(() => checkLineLengths(`a\r\nb\rc\n${at}y`, 'x.csv')).toThrow(/Line 4 of "x\.csv"/);
		expect(() => checkLineLengths(`a\rb\r${at}y\r`, 'x.csv')).toThrow(/Line 3 of "x\.csv"/);
	});
});

describe('maximum JSON nesting depth', () => {
	it(`nesting past ${MAX_JSON_DEPTH} levels is refused before parsing (no stack overflow), JSON and NDJSON`, async () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		await rejects(() => parseJson(`[{"a": ${deep}}]`, 'deep.json'), /"deep\.json" nests arrays and objects more than 64 levels deep \(line 1\)/);
		await rejects(() => parseNdjson(`{"a": 1}\n{"a": ${deep}}\n`, 'deep.ndjson'), /more than 64 levels deep \(line 2\)/);
		// Brackets inside strings do not count; a modest nesting is read as JSON text.
		const ok = parseJson(`[{"a": "${'['.repeat(200)}", "b": ${'['.repeat(10)}1${']'.repeat(10)}}]`, 'ok.json');
		expect(ok.rowCount).toBe(1);
	});
});

describe('maximum uncompressed workbook size', () => {
	it('a zip bomb (2 MB → 2 GiB) is refused from its zip directory, before inflating anything', async () => {
		const bomb = await zipBombWorkbook(2048);
		expect(bomb.length).toBeLessThan(3 * 2 ** 20);
		expect(zipEntries(bomb)!.map((e) => e.size)).toContain(2 ** 31);
		const t0 = performance.now();
		await rejects(loadTable({ bytes: new Uint8Array(bomb) }, 'bomb.xlsx'), /"bomb\.xlsx" unzips to 2\.0 GiB \(the sizes its zip directory declares\); Segment Lab reads workbooks that unzip to at most 256 MiB/);
		expect(performance.now() - t0).toBeLessThan(1000);
	});

	it('a bomb whose directory lies is stopped by the running count while inflating', async () => {
		const liar = await zipBombWorkbook(2048, true);
		await rejects(checkWorkbookSize(new Uint8Array(liar), 'liar.xlsx'), /"liar\.xlsx" is not a sound workbook: a part of it unzips to more than the size its zip directory declares/);
		// Honest sizes, but more in total than the cap: the running total stops it.
		const honest = await zipBombWorkbook(64);
		await rejects(checkWorkbookSize(new Uint8Array(honest), 'big.xlsx', 16 * 2 ** 20), /"big\.xlsx" unzips to 64 MiB/);
		const liar64 = await zipBombWorkbook(64, true);
		const entries = zipEntries(liar64)!;
		expect(entries.reduce((s, e) => s + e.size, 0)).toBeLessThan(MAX_WORKBOOK_BYTES);
		await rejects(checkWorkbookSize(new Uint8Array(liar64), 'liar64.xlsx'), /not a sound workbook/);
	});

	it('a real workbook passes the check', async () => {
		const { readFileSync } = await import('node:fs');
		const book = readFileSync(new URL('../../../../tests/fixtures/formats/customers.xlsx', import.meta.url));
		await expect(checkWorkbookSize(new Uint8Array(book), 'customers.xlsx')).resolves.toBeUndefined();
	});
});

describe('limits on the command line: exit code 2 with the message, within 30 s', () => {
	let errors: string[];
	beforeEach(() => {
		errors = [];
		vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
		vi.spyOn(console, 'log').mockImplementation(() => {});
	});
	afterEach(() => vi.restoreAllMocks());
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-limits-'));

	it('a 100,000-column file', async () => {
		writeFileSync(join(dir, 'wide.csv'), wideCsv(100_000));
		const t0 = Date.now();
		expect(await main(['run', '--input', join(dir, 'wide.csv'), '--out', join(dir, 'o.csv')])).toBe(2);
		expect(Date.now() - t0).toBeLessThan(30_000);
		expect(errors.join('\n')).toContain('"wide.csv" has 100,000 columns; Segment Lab reads at most 10,000 columns');
	});

	it('a zip-bomb workbook', async () => {
		writeFileSync(join(dir, 'bomb.xlsx'), await zipBombWorkbook(2048));
		writeFileSync(join(dir, 'liar.xlsx'), await zipBombWorkbook(2048, true));
		const t0 = Date.now();
		expect(await main(['run', '--input', join(dir, 'bomb.xlsx')])).toBe(2);
		expect(await main(['run', '--input', join(dir, 'liar.xlsx')])).toBe(2);
		expect(Date.now() - t0).toBeLessThan(30_000);
		expect(errors.join('\n')).toContain('"bomb.xlsx" unzips to 2.0 GiB');
		expect(errors.join('\n')).toContain('"liar.xlsx" is not a sound workbook');
	});

	it('a 2,000-column file runs to the end', async () => {
		writeFileSync(join(dir, 'w2000.csv'), wideCsv(2000));
		const t0 = Date.now();
		expect(await main(['run', '--input', join(dir, 'w2000.csv'), '--k', '3', '--out', join(dir, 'w.csv')])).toBe(0);
		expect(Date.now() - t0).toBeLessThan(30_000);
	});
});

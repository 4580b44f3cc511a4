/**
 * Line endings: any mix of CRLF, LF and lone CR — line by line, in one file — ends rows in every parser path: the
 * typed text fast path, the quote-aware general path, the byte fast path read in chunks (every chunk size, so a
 * CRLF is split across chunks), the worker's loader and the command line. Each path must put every value where
 * the generator put it. (The issue's case: 200 rows × 3 columns mixing the three endings loaded as "200 rows"
 * with 135 values a column, because the fast path sized its arrays from max(LFs, CRs) and dropped the rest.)
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memorySource } from './byte-source';
import { parseCsv } from './csv';
import { parseNumericSource } from './csv-source';
import { isMissingToken } from './missing-tokens';
import { loadSource } from './load';
import { maxRecords } from './tokenizer';
import api from '../../workers/api';
import { main } from '../../../cli/main';
import type { Table } from '../types';

const EOLS = ['\r\n', '\n', '\r'] as const;
const enc = (s: string) => new TextEncoder().encode(s);

/** The issue's file: a header and 200 rows of three numbers, the endings cycling CRLF, LF, CR. */
function issueFile(): { text: string; grid: number[][] } {
	const grid: number[][] = [];
	let text = 'a,b,c\r\n';
	// Spread values (not a row counter, which the engine would take for an id column).
	for (let i = 0; i < 200; i++) {
		const row = [((i * 37) % 101) / 4, ((i * 53) % 89) / 8, (i % 7) + ((i * 11) % 5) / 10];
		grid.push(row);
		text += `${row.join(',')}${EOLS[i % 3]}`;
	}
	return { text, grid };
}

function expectGrid(t: Table, grid: number[][]): void {
	expect(t.rowCount).toBe(grid.length);
	t.columns.forEach((c, j) => {
		expect(c.numbers.length).toBe(grid.length);
		expect(Array.from(c.numbers)).toEqual(grid.map((r) => r[j]));
	});
}

const numCell = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }).map(String), fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((x) => x.toFixed(3)));
/** A clean numeric file whose every line ends with its own, random ending; optionally none after the last. */
const mixedNumeric = fc
	.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }))
	.chain(([cols, rows]) =>
		fc.record({
			cols: fc.constant(cols),
			grid: fc.array(fc.array(numCell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
			eols: fc.array(fc.constantFrom(...EOLS), { minLength: rows + 1, maxLength: rows + 1 }),
			lastEol: fc.boolean()
		})
	)
	.map(({ cols, grid, eols, lastEol }) => {
		const lines = [Array.from({ length: cols }, (_, j) => `c${j}`).join(','), ...grid.map((r) => r.join(','))];
		const text = lines.map((l, i) => l + (i < lines.length - 1 || lastEol ? eols[i] : '')).join('');
		// One column: a row "0" and a row "" differ; keep the grid as numbers.
		return { text, grid: grid.map((r) => r.map(Number)) };
	});

describe('mixed line endings', () => {
	it('maxRecords counts LF, CRLF and lone CR each as one break, in any mix', () => {
		expect(maxRecords('a\r\nb\nc\rd')).toBe(4);
		expect(maxRecords('a\rb\rc\n')).toBe(4);
		expect(maxRecords('\r\n\r\n')).toBe(3);
		expect(maxRecords('a\n\rb')).toBe(3);
	});

	it('the issue file: 200 rows × 3 columns, each column 200 values, in both text paths', () => {
		const { text, grid } = issueFile();
		expectGrid(parseCsv(text, 'mixed.csv'), grid);
		expect(parseCsv(text, 'mixed.csv').format?.fastPath).toBe(true);
		expectGrid(parseCsv(text, 'mixed.csv', { fastPath: false }), grid);
	});

	it('the issue file through the byte path (every chunk size from 3 to 40 bytes), loadSource and the worker API', async () => {
		const { text, grid } = issueFile();
		const bytes = enc(text);
		for (let chunk = 3; chunk <= 40; chunk++) {
			const t = await parseNumericSource(memorySource(bytes), 'mixed.csv', undefined, {}, chunk);
			expect(t).not.toBeNull();
			expectGrid(t!, grid);
		}
		expectGrid(await loadSource(memorySource(bytes), 'mixed.csv', { keepTextBelow: 0 }), grid);
		expectGrid(await loadSource(memorySource(bytes), 'mixed.csv'), grid);
		const out = await api.load({ name: 'mixed.csv', blob: new Blob([bytes]) });
		expect(out.ok).toBe(true);
		if (out.ok) {
			expect(out.value.ready?.rows).toBe(200);
			expect(out.value.ready?.profiles.map((p) => p.missing)).toEqual([0, 0, 0]);
		}
	});

	it('property: every path puts every value where the generator put it', async () => {
		await fc.assert(
			fc.asyncProperty(mixedNumeric, fc.integer({ min: 2, max: 64 }), async ({ text, grid }, chunk) => {
				expectGrid(parseCsv(text, 'p.csv'), grid);
				expectGrid(parseCsv(text, 'p.csv', { fastPath: false }), grid);
				const viaBytes = await parseNumericSource(memorySource(enc(text)), 'p.csv', undefined, {}, chunk);
				// One-column files are not for the byte path (it wants two columns); the others must take it.
				if (grid[0].length >= 2) expect(viaBytes).not.toBeNull();
				if (viaBytes) expectGrid(viaBytes, grid);
			}),
			{ numRuns: 400, seed: 18 }
		);
	});

	it('property: quoted text with embedded line breaks and mixed endings, general path', () => {
		const word = fc.stringMatching(/^[a-z ]{0,6}$/);
		const cell = fc.oneof(
			word,
			fc.tuple(word, fc.constantFrom(...EOLS), word).map(([a, e, b]) => ({ quoted: `"${a}${e}${b}"`, value: `${a}${e}${b}` }))
		);
		const file = fc
			.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 20 }))
			.chain(([cols, rows]) =>
				fc.tuple(
					fc.array(fc.tuple(fc.array(cell, { minLength: cols, maxLength: cols }), fc.constantFrom(...EOLS)), { minLength: rows, maxLength: rows }),
					fc.constant(cols)
				)
			);
		fc.assert(
			fc.property(file, ([rows, cols]) => {
				// A first cell of a row is never blank, so no row reads as a blank line.
				const header = Array.from({ length: cols }, (_, j) => `h${j}`).join(',') + '\n';
				const raw = (c: string | { quoted: string }) => (typeof c === 'string' ? c : c.quoted);
				const val = (c: string | { value: string }) => (typeof c === 'string' ? c.trim() : c.value);
				const text = header + rows.map(([cells, eol]) => ['x', ...cells.slice(1)].map(raw).join(',') + eol).join('');
				const t = parseCsv(text, 'q.csv', { fastPath: false });
				expect(t.rowCount).toBe(rows.length);
				expect(t.skipped?.count ?? 0).toBe(0);
				for (let j = 1; j < cols; j++) {
					const c = t.columns[j];
					rows.forEach(([cells], i) => {
						// A missing-value token ("na", "nan", "null", …; missing-tokens.ts) reads as missing, by design.
						const want = isMissingToken(val(cells[j])) ? '' : val(cells[j]);
						const got = c.codes && c.codes[i] >= 0 ? c.levels![c.codes[i]] : '';
						expect(got.trim()).toBe(want.trim());
					});
				}
			}),
			{ numRuns: 300, seed: 181 }
		);
	});
});

describe('mixed line endings in the command line', () => {
	afterEach(() => vi.restoreAllMocks());

	it('segment-lab run reads the issue file as 200 rows × 3 columns and writes 200 labelled rows', async () => {
		const logs: string[] = [];
		vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-eol-'));
		const { text, grid } = issueFile();
		writeFileSync(join(dir, 'mixed.csv'), text);
		expect(await main(['run', '--input', join(dir, 'mixed.csv'), '--k', '3', '--seed', '1', '--out', join(dir, 'out.csv')])).toBe(0);
		expect(logs.join('\n')).toContain('mixed.csv: 200 of 200 rows clustered on 3 features');
		const out = readFileSync(join(dir, 'out.csv'), 'utf8').split(/\r\n|\n|\r/).filter((l) => l !== '');
		expect(out).toHaveLength(201);
		expect(out[1].startsWith(`${grid[0].join(',')},`)).toBe(true);
		expect(out[200].startsWith(`${grid[199].join(',')},`)).toBe(true);
	});
});

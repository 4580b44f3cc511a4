/**
 * The fuzz suite (issue 18): fast-check generators for delimited text (delimiters, quoting, embedded and mixed line
 * endings, encodings, widths, column names like built-in object properties), JSON and NDJSON shapes, and recipe and
 * model mutations. Every case must end in a Table or an EngineError (never anything else); delimited text must
 * account for every line and put every value where Python's `csv` module (the reference, run once for the whole
 * batch) puts it; JSON every value under its key.
 *
 * FUZZ_RUNS sets the number of cases (default 1,000, what CI runs); `npm run fuzz` runs 10,000. Cases come from
 * fixed seeds (FUZZ_SEED to change), so a failure names a case that can be replayed; there is no shrinking.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/lib/engine/errors';
import { loadTable } from '../../src/lib/engine/data/load';
import { parseJson, parseNdjson } from '../../src/lib/engine/data/json';
import { countLines } from '../../src/lib/engine/data/tokenizer';
import { isMissingToken } from '../../src/lib/engine/data/missing-tokens';
import { fingerprint } from '../../src/lib/engine/data/fingerprint';
import { profileTable } from '../../src/lib/engine/data/profile';
import { PROTOTYPE_NAMES } from '../../src/lib/engine/names';
import { analyse } from '../../src/lib/engine/analyse';
import { prepare } from '../../src/lib/engine/prep/prepare';
import { checkRecipeColumns } from '../../src/lib/engine/recipe-table';
import { defaultRecipe, validateRecipe } from '../../src/lib/engine/recipe';
import { buildModel } from '../../src/lib/engine/export/model';
import { scoreTable } from '../../src/lib/engine/score/score';
import type { Table } from '../../src/lib/engine/types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 18);
const PYTHON = '/usr/bin/python3';
const share = (f: number) => Math.max(1, Math.round(RUNS * f));

// ---------- delimited text ----------

const EOLS = ['\r\n', '\n', '\r'];
/** Characters of values: the delimiters, quotes, line breaks, spaces, non-ASCII (é, ü, ñ are safe in Windows-1252). */
const valueChar = fc.constantFrom('a', 'b', 'Z', '1', '2', '.', '-', 'e', ' ', ',', ';', '\t', '|', '"', '\n', '\r', 'é', 'ü', 'ñ', '中', '😀');
const word = fc.oneof(
	{ weight: 6, arbitrary: fc.array(valueChar, { maxLength: 8 }).map((a) => a.join('')) },
	{ weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map(String) },
	{ weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) }
);
const headerName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[a-zA-Zé中_][a-zA-Z0-9 _]{0,6}$/));

interface DelimitedCase {
	text: string;
	delimiter: string;
	encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
	header: string[];
	rows: string[][];
}

function field(v: string, d: string, forceQuote: boolean): string {
	const needs = v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r') || v !== v.trim();
	return needs || forceQuote ? `"${v.replace(/"/g, '""')}"` : v;
}

const delimitedCase: fc.Arbitrary<DelimitedCase> = fc
	.record({
		delimiter: fc.constantFrom(',', ';', '\t', '|'),
		width: fc.integer({ min: 1, max: 7 }),
		height: fc.integer({ min: 1, max: 25 }),
		encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252') as fc.Arbitrary<DelimitedCase['encoding']>,
		lastEol: fc.boolean()
	})
	.chain(({ delimiter, width, height, encoding, lastEol }) =>
		fc.record({
			delimiter: fc.constant(delimiter),
			encoding: fc.constant(encoding),
			lastEol: fc.constant(lastEol),
			header: fc.uniqueArray(headerName, { minLength: width, maxLength: width, selector: (h) => h.trim() }),
			// One column: numbers only (a one-column file of text is not a table, and a blank cell would be a blank line).
			rows: fc.array(fc.array(width === 1 ? fc.integer({ min: -999, max: 999 }).map(String) : word, { minLength: width, maxLength: width }), { minLength: height, maxLength: height }),
			quoteAll: fc.array(fc.boolean(), { minLength: width, maxLength: width }),
			eols: fc.array(fc.constantFrom(...EOLS), { minLength: height + 1, maxLength: height + 1 })
		})
	)
	.map(({ delimiter, encoding, lastEol, header, rows, quoteAll, eols }) => {
		const cp1252 = encoding === 'windows-1252';
		// Windows-1252 has no 中 or 😀; its case keeps only characters it has.
		const clean = (s: string) => (cp1252 ? s.replace(/[中😀]/g, 'x') : s);
		// Cleaning can make two names equal: keep them distinct (after trimming, as the reader compares them).
		const seen = new Set<string>();
		const h = header.map(clean).map((x, j) => {
			const name = seen.has(x.trim()) ? `${x.trim()}_${j}` : x;
			seen.add(name.trim());
			return name;
		});
		const body = rows
			.map((r) => r.map(clean))
			// A data row equal to the header is set aside as a repeated header (by design), so none is made.
			.filter((r) => r.map((x) => x.trim()).join('\u0000') !== h.map((x) => x.trim()).join('\u0000'));
		const lines = [h, ...body].map((r) => r.map((v, j) => field(v, delimiter, quoteAll[j])).join(delimiter));
		const text = lines.map((l, i) => l + (i < lines.length - 1 || lastEol ? eols[i] : '')).join('');
		return { text, delimiter, encoding, header: h, rows: body };
	})
	.filter((c) => c.rows.length > 0);

function encode(c: DelimitedCase): Uint8Array {
	switch (c.encoding) {
		case 'utf-8':
			return new TextEncoder().encode(c.text);
		case 'utf-8-bom':
			return new TextEncoder().encode('\ufeff' + c.text);
		case 'utf-16le':
		case 'utf-16be': {
			const out = new Uint8Array(2 + 2 * c.text.length);
			const be = c.encoding === 'utf-16be';
			out.set(be ? [0xfe, 0xff] : [0xff, 0xfe]);
			for (let i = 0; i < c.text.length; i++) {
				const u = c.text.charCodeAt(i);
				out[2 + 2 * i + (be ? 1 : 0)] = u & 0xff;
				out[2 + 2 * i + (be ? 0 : 1)] = u >> 8;
			}
			return out;
		}
		case 'windows-1252':
			return Uint8Array.from(c.text, (ch) => ({ é: 0xe9, ü: 0xfc, ñ: 0xf1 })[ch as 'é'] ?? ch.charCodeAt(0));
	}
}

/** Python's csv.reader over every text in one process; empty records (blank lines) dropped, as a table has none. */
function pythonRows(cases: DelimitedCase[]): string[][][] {
	const script = [
		'import csv, io, json, sys',
		'out = []',
		'for c in json.load(sys.stdin):',
		'    rows = [r for r in csv.reader(io.StringIO(c["text"], newline=""), delimiter=c["delimiter"]) if r != []]',
		'    out.append(rows)',
		'json.dump(out, sys.stdout)'
	].join('\n');
	const input = JSON.stringify(cases.map((c) => ({ text: c.text, delimiter: c.delimiter })));
	return JSON.parse(execFileSync(PYTHON, ['-c', script], { input, maxBuffer: 1 << 30, encoding: 'utf8' }));
}

function cell(t: Table, j: number, i: number): string | number {
	const col = t.columns[j];
	if (col.codes && col.levels) return col.codes[i] >= 0 ? col.levels[col.codes[i]] : '';
	return col.numbers[i];
}

describe.skipIf(!existsSync(PYTHON))(`fuzz: delimited text against Python's csv module (${share(0.6)} cases)`, () => {
	it('every case loads (or ends in an EngineError), every line is accounted for, every value is where csv puts it', async () => {
		const cases = fc.sample(delimitedCase, { numRuns: share(0.6), seed: SEED });
		const reference = pythonRows(cases);
		let loaded = 0;
		for (let n = 0; n < cases.length; n++) {
			const c = cases[n];
			const where = `case ${n} (seed ${SEED}, ${c.encoding}, delimiter ${JSON.stringify(c.delimiter)}): ${JSON.stringify(c.text.slice(0, 300))}`;
			let t: Table;
			try {
				t = await loadTable({ bytes: encode(c) }, `case${n}.csv`, { delimiter: c.delimiter });
			} catch (e) {
				if (e instanceof EngineError) throw new Error(`${where}: refused a well-formed table: ${e.message}`);
				throw new Error(`${where}: ${(e as Error).stack}`);
			}
			loaded++;
			const py = reference[n];
			// Rows in = rows accounted for.
			expect(t.rowCount, where).toBe(c.rows.length);
			expect(t.skipped?.count ?? 0, where).toBe(0);
			const a = t.skipped!.lines;
			expect(a.header + a.rows + a.blank + a.skipped, where).toBe(a.total);
			expect(a.total, where).toBe(countLines(c.text));
			// Every value where Python's csv module puts it (cells compared trimmed: the reader trims, csv does not).
			expect(py.length, where).toBe(c.rows.length + 1);
			expect(t.columns.map((col) => col.name), where).toEqual(py[0].map((h) => h.trim()));
			for (let i = 0; i < c.rows.length; i++) {
				for (let j = 0; j < py[0].length; j++) {
					// Missing-value tokens ("NA", "-", "#N/A", …) are read as blanks by design (missing-tokens.ts).
					const raw = py[i + 1][j].trim();
					const want = isMissingToken(raw) ? '' : raw;
					const got = cell(t, j, i);
					if (typeof got === 'number') expect(Object.is(got, want === '' ? NaN : Number(want)) || got === Number(want), `${where} row ${i + 1} column ${j + 1}`).toBe(true);
					else expect(got, `${where} row ${i + 1} column ${j + 1}`).toBe(want);
				}
			}
		}
		expect(loaded).toBe(cases.length);
	}, 600_000);

	it('malformed text (stray and unbalanced quotes, ragged rows, conflict markers, blank runs): a Table or an EngineError, every line accounted for', async () => {
		const junk = fc.array(fc.oneof(valueChar, fc.constantFrom('<<<<<<< x', '=======', '#N/A', '""', '"', '\r\n\r\n')), { maxLength: 200 }).map((a) => a.join(''));
		const cases = fc.sample(fc.tuple(junk, fc.constantFrom(',', ';', '\t', '|', undefined)), { numRuns: share(0.1), seed: SEED + 1 });
		for (const [text, delimiter] of cases) {
			try {
				const t = await loadTable({ bytes: new TextEncoder().encode(text) }, 'junk.csv', { delimiter });
				const a = t.skipped!.lines;
				expect(a.header + a.rows + a.blank + a.skipped).toBe(a.total);
				expect(a.total).toBe(countLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
				for (const col of t.columns) expect(col.numbers.length).toBe(t.rowCount);
			} catch (e) {
				if (!(e instanceof EngineError)) throw new Error(`${JSON.stringify(text)}: ${(e as Error).stack}`);
			}
		}
	}, 600_000);
});

// ---------- JSON and NDJSON ----------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const jsonKey = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/));
const scalar: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ maxLength: 6 }));
const nested: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
	v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 3 }), fc.array(fc.tuple(jsonKey, tie('v')), { maxLength: 3 }).map((e) => objectText(e)))
})).v;
/** An object as JSON text built by hand: keys like __proto__ must be written as keys, not become a prototype. */
function objectText(entries: [string, Json][]): { [k: string]: Json } {
	const o = Object.create(null) as { [k: string]: Json };
	for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
	return o;
}
const record = fc.uniqueArray(fc.tuple(jsonKey, fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: nested })), { maxLength: 6, selector: ([k]) => k });

function expectedCell(v: Json | undefined): string {
	if (v === undefined || v === null) return '';
	if (typeof v === 'string') return isMissingToken(v.trim()) ? '' : v.trim();
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return JSON.stringify(v);
}

describe(`fuzz: JSON and NDJSON shapes (${share(0.15)} cases)`, () => {
	it('arrays of records and NDJSON: every value under its key, or an EngineError for what is not a table', () => {
		const shape = fc.tuple(fc.array(fc.oneof({ weight: 8, arbitrary: record }, { weight: 1, arbitrary: scalar.map((s) => s as unknown as [string, Json][]) }), { maxLength: 12 }), fc.boolean());
		const cases = fc.sample(shape, { numRuns: share(0.15), seed: SEED + 2 });
		for (const [items, ndjson] of cases) {
			const texts = items.map((it) => (Array.isArray(it) ? JSON.stringify(objectText(it)) : JSON.stringify(it)));
			const text = ndjson ? texts.join('\n') : `[${texts.join(',\n')}]`;
			let t: Table;
			try {
				t = ndjson ? parseNdjson(text, 'f.ndjson') : parseJson(text, 'f.json');
			} catch (e) {
				if (!(e instanceof EngineError)) throw new Error(`${text}: ${(e as Error).stack}`);
				continue;
			}
			const records = items.filter((it): it is [string, Json][] => Array.isArray(it));
			expect(t.rowCount, text).toBe(records.length);
			expect(t.skipped?.count ?? 0, text).toBe(items.length - records.length);
			const names = t.columns.map((c) => c.name);
			records.forEach((entries, i) => {
				const byKey = new Map(entries);
				for (let j = 0; j < names.length; j++) {
					const got = cell(t, j, i);
					const want = expectedCell(byKey.get(names[j]));
					if (typeof got === 'number') expect(Object.is(got, NaN) ? '' : got, `${text} record ${i} key ${names[j]}`).toBe(want === '' ? '' : Number(want));
					else expect(got, `${text} record ${i} key ${names[j]}`).toBe(want);
				}
			});
		}
	}, 600_000);
});

// ---------- recipe and model mutations ----------

const table = (() => {
	const lines = ['id,spend,visits,region', ...Array.from({ length: 40 }, (_, i) => `c${i},${(i % 3) * 10 + (i % 7)},${(i % 4) + i / 40},${['n', 's', 'e'][i % 3]}`)];
	return lines.join('\n');
})();

const anyJson: fc.Arbitrary<Json> = fc.oneof(scalar, fc.constantFrom<Json>([], {}, [1, 1], [1, 30], ['spend', 'spend'], 'gmm', 'zscore', 'logit', -1, 0, 1e308, '__proto__', 'constructor'), nested);

function paths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
	if (!x || typeof x !== 'object') return [];
	const keys: (string | number)[] = Array.isArray(x) ? x.map((_, i) => i).slice(0, 3) : Object.keys(x);
	return keys.flatMap((k) => [[...at, k], ...paths((x as Record<string | number, unknown>)[k], [...at, k])]);
}
function mutate(base: unknown, edits: [number, Json | undefined][]): unknown {
	const out = JSON.parse(JSON.stringify(base));
	for (const [pick, value] of edits) {
		const all = paths(out);
		if (all.length === 0) break;
		const path = all[pick % all.length];
		let o = out as Record<string | number, unknown>;
		for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>;
		const last = path[path.length - 1];
		if (value === undefined) {
			if (Array.isArray(o)) o.splice(last as number, 1);
			else delete o[last];
		} else Object.defineProperty(o, last, { value: JSON.parse(JSON.stringify(value)), enumerable: true, writable: true, configurable: true });
	}
	// Through JSON, as a file or a link would carry it.
	return JSON.parse(JSON.stringify(out));
}

describe(`fuzz: recipe and model mutations (${share(0.15)} cases)`, () => {
	it('a mutated recipe or model is accepted and used, or refused with an EngineError — nothing else', async () => {
		const t = await loadTable({ bytes: new TextEncoder().encode(table) }, 'shop.csv');
		const recipe = validateRecipe({ ...defaultRecipe(fingerprint(t), profileTable(t)), features: ['spend', 'visits', 'region'], kRange: [3, 3], k: 3 });
		const r = analyse(t, recipe);
		const s = r.perK[0];
		const model = buildModel(t, { recipe, source: r.source, fitted: r.fitted, rowIndex: r.rowIndex, rowCount: r.rowCount, summary: s, names: ['a', 'b', 'c'] });
		const edits = fc.array(fc.tuple(fc.nat(), fc.option(anyJson, { nil: undefined })), { minLength: 1, maxLength: 3 });
		const cases = fc.sample(fc.tuple(fc.boolean(), edits), { numRuns: share(0.15), seed: SEED + 3 });
		let accepted = 0;
		for (const [isModel, e] of cases) {
			const mutated = mutate(isModel ? model : recipe, e);
			try {
				if (isModel) scoreTable(mutated, t);
				else {
					const v = validateRecipe(mutated);
					checkRecipeColumns(t, v);
					prepare(t, v);
				}
				accepted++;
			} catch (err) {
				if (!(err instanceof EngineError)) throw new Error(`${isModel ? 'model' : 'recipe'} edits ${JSON.stringify(e)}: ${(err as Error).stack}`);
			}
		}
		// Some mutations keep the file usable (a renamed segment, a changed seed): both outcomes occur.
		expect(accepted).toBeGreaterThan(0);
		expect(accepted).toBeLessThan(cases.length);
	}, 600_000);
});

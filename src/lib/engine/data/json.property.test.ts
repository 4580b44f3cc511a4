/**
 * Property: for any NDJSON-like text — objects, broken JSON, bare values, blank lines, CR/LF/CRLF — and any JSON
 * array with non-object items, the readers return a Table or throw an EngineError (never anything else), and every
 * input line (NDJSON) or array item (JSON) is accounted for as a row, a blank or a skipped record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { parseJson, parseNdjson } from './json';
import { countLines } from './tokenizer';

const value = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null));
const object = fc.dictionary(fc.constantFrom('id', 'spend', 'visits', 'name', 'a,b', ''), value, { maxKeys: 4 }).map((o) => JSON.stringify(o));
const line = fc.oneof(
	{ weight: 4, arbitrary: object },
	{ weight: 1, arbitrary: object.map((s) => s.slice(0, Math.max(1, s.length - 2))) }, // cut short
	{ weight: 1, arbitrary: fc.constantFrom('', '   ', '[1,2]', '42', '"text"', 'null', '{', '}', '<<<<<<< HEAD', '#VALUE!', '\t', '{"a":1}{"b":2}') },
	{ weight: 1, arbitrary: fc.string({ maxLength: 8 }) }
);
const newline = fc.constantFrom('\n', '\r\n', '\r');
const ndjson = fc.tuple(fc.array(line, { maxLength: 30 }), newline, fc.boolean()).map(([ls, nl, trailing]) => ls.join(nl) + (trailing && ls.length ? nl : ''));

function attempt<T>(fn: () => T): T | null {
	try {
		return fn();
	} catch (e) {
		if (!(e instanceof EngineError)) throw e;
		return null;
	}
}

describe('NDJSON and JSON on random malformed input', () => {
	it('NDJSON: never an uncaught exception, and rows + blank + skipped = every physical line', () => {
		fc.assert(
			fc.property(ndjson, (t) => {
				const table = attempt(() => parseNdjson(t, 'random.ndjson'));
				if (!table) return;
				const a = table.skipped!.lines;
				expect(a.header + a.rows + a.blank + a.skipped).toBe(a.total);
				expect(a.total).toBe(countLines(t));
				expect(a.rows).toBe(table.rowCount);
				expect(table.skipped!.count).toBe(a.skipped);
				expect(table.skipped!.texts!.length).toBe(a.skipped);
				for (const c of table.columns) expect(c.numbers.length).toBe(table.rowCount);
			}),
			{ numRuns: 2000, seed: 11 }
		);
	});

	it('a JSON array: never an uncaught exception, and rows + skipped = every item, each skipped item at its line', () => {
		const item = fc.oneof({ weight: 3, arbitrary: object }, { weight: 1, arbitrary: fc.constantFrom('1', '"x"', 'null', '[1]', 'true', '{"nested":{"a":[1,{"b":2}]}}') });
		const arr = fc
			.tuple(fc.array(item, { maxLength: 20 }), fc.constantFrom('\n', ',\n', ', ', '\r\n'))
			.map(([items, sep]) => ({ text: '[\n' + items.join(sep.includes(',') ? sep : ',' + sep) + '\n]', items }));
		fc.assert(
			fc.property(arr, ({ text, items }) => {
				const table = attempt(() => parseJson(text, 'random.json'));
				const objects = items.filter((s) => s.startsWith('{')).length;
				if (!table) {
					// Refused only when there is no record with a field to make a column of.
					expect(items.filter((s) => s.startsWith('{') && s !== '{}').length).toBe(0);
					return;
				}
				const a = table.skipped!.lines;
				expect(a.total).toBe(items.length);
				expect(a.rows + a.skipped).toBe(a.total);
				expect(table.rowCount).toBe(objects);
				// The line given for each skipped item is where that item's text starts.
				const lines = text.split(/\r\n|\n/);
				for (let i = 0; i < table.skipped!.count; i++) expect(lines[table.skipped!.line[i] - 1]).toContain(table.skipped!.texts![i].slice(0, 1));
			}),
			{ numRuns: 1000, seed: 5 }
		);
	});

	it('random text given to the JSON reader throws only EngineErrors', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.json().map((j) => j.slice(0, Math.floor(j.length / 2)))), (t) => {
				attempt(() => parseJson(t, 'random.json'));
			}),
			{ numRuns: 1000, seed: 3 }
		);
	});
});

describe('JSON and NDJSON: skipped records with line numbers', () => {
	it('NDJSON names the lines that are not records and keeps the rest', () => {
		const t = parseNdjson('{"a":1,"b":2}\n\n{"a":3,"b"\n[1,2]\r\n{"a":5,"b":6}\r<<<<<<< HEAD\n', 'x.ndjson');
		expect(t.rowCount).toBe(2);
		expect(Array.from(t.skipped!.line)).toEqual([3, 4, 6]);
		expect(t.skipped!.reason).toEqual(['not-json', 'not-an-object', 'not-json']);
		expect(t.skipped!.texts).toEqual(['{"a":3,"b"', '[1,2]', '<<<<<<< HEAD']);
		expect(t.skipped!.lines).toMatchObject({ total: 6, rows: 2, blank: 1, skipped: 3 });
		expect(t.notes.join(' ')).toMatch(/Skipped 2 line\(s\) of "x.ndjson" \(first at lines 3, 6\): a line that is not valid JSON/);
	});

	it('a JSON array names the line where each non-object item starts', () => {
		const t = parseJson('[\n  {"a": 1},\n  42,\n  {"a": 2},\n  "note"\n]', 'x.json');
		expect(t.rowCount).toBe(2);
		expect(Array.from(t.skipped!.line)).toEqual([3, 5]);
		expect(t.skipped!.texts).toEqual(['42', '"note"']);
	});

	it('invalid JSON says where', () => {
		expect(() => parseJson('[\n{"a": 1},\n{"a" 2}\n]', 'x.json')).toThrow(/not valid JSON \(line 3, column 6\)/);
	});
});

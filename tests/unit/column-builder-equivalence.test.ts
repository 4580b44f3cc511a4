/**
 * The ColumnBuilder must give the same Column as it did before its plain-number path (tests/unit/reference/
 * column-builder-v1.ts, frozen from fe031d1): numbers bit for bit, codes, levels in the cells' own text, counts,
 * distinct (exact or not), formats, missing tokens, error rows. Columns are generated with every way of writing a
 * cell the plain path must accept or hand back: fixed decimals, shortest decimals, leading zeros, signs, negative
 * zero, exponents, tiny values, formatted numbers, missing tokens, text — early, late, and past the dictionary cap.
 * A file-level check then reads a generated CSV (ids, numbers, tokens, quoted fields, a numeric column that turns
 * text after the cap) with parseCsv and compares every column with the reference fed Papa Parse's fields.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/lib/engine/data/column-builder';
import { parseCsv } from '../../src/lib/engine/data/csv';
import { DICTIONARY_CAP } from '../../src/lib/engine/data/columns';
import { Rng } from '../../src/lib/engine/random';
import type { Column } from '../../src/lib/engine/types';
import { ReferenceColumnBuilder, isMissingToken as refMissing, parseFormatted as refFormatted } from './reference/column-builder-v1';
import { isMissingToken, MISSING_TOKENS } from '../../src/lib/engine/data/missing-tokens';
import { parseFormatted } from '../../src/lib/engine/data/number-format';

function same(a: Column, b: Column, label: string): void {
	expect(a.numbers.length, label).toBe(b.numbers.length);
	for (let i = 0; i < a.numbers.length; i++) if (!Object.is(a.numbers[i], b.numbers[i])) expect(`${label} row ${i}: ${a.numbers[i]}`).toBe(`${label} row ${i}: ${b.numbers[i]}`);
	expect(a.codes === null, `${label} codes null`).toBe(b.codes === null);
	if (a.codes && b.codes) expect(Array.from(a.codes), `${label} codes`).toEqual(Array.from(b.codes));
	expect(a.levels, `${label} levels`).toEqual(b.levels);
	const rest = (c: Column) => ({ name: c.name, missing: c.missing, nonNumeric: c.nonNumeric, distinct: c.distinct, distinctExact: c.distinctExact, formats: c.formats, errorValues: c.errorValues, errorRows: c.errorRows, missingTokens: c.missingTokens });
	expect(rest(a), label).toEqual(rest(b));
}

function both(cells: string[], decimal: '.' | ',' = '.', label = ''): Column {
	const a = new ColumnBuilder('c', decimal, 16);
	const b = new ReferenceColumnBuilder('c', decimal, 16);
	for (const t of cells) {
		a.push(t);
		b.push(t);
	}
	const col = a.finish();
	const ref = b.finish();
	same(col, ref, label);
	// The same cells as ranges of one text (the general parser's way), each between two delimiters.
	const c = new ColumnBuilder('c', decimal, 16);
	const text = '|' + cells.join('|') + '|';
	for (let k = 0, at = 1; k < cells.length; at += cells[k++].length + 1) c.pushRange(text, at, at + cells[k].length);
	same(c.finish(), ref, `${label} (ranges)`);
	return col;
}

const rng = new Rng(17);
const pick = <T>(xs: T[]) => xs[rng.int(xs.length)];
const fixed = (d: number, scale = 1000) => ((rng.next() - 0.3) * scale).toFixed(d);
const shortest = () => String(Math.round((rng.next() - 0.3) * 1e4) / 10 ** rng.int(4));
const TOKENS = ['', '', ' ', 'NA', 'n/a', '#N/A', '#VALUE!', 'null', 'NaN', '-', '?', 'inf', 'None', ' NA '];
const ODD = ['007', '+3', '-0', '-0.00', '0.0', '1e5', '1E-3', '.5', '5.', '$1,200', '(120)', '45%', '1,234.5', 'USD 12', '0x10', 'Infinity', '1234567890123456', '0.0000001', '\u00a012.5\u00a0', ' 3 ', 'abc', 'North', 'C0000001', 'true'];

describe('ColumnBuilder, plain-number path against the reference builder', () => {
	const kinds: [string, () => string][] = [
		['integers, few', () => String(rng.int(40))],
		['integers, many', () => String(rng.int(1_000_000))],
		['negative integers', () => String(rng.int(200) - 100)],
		['fixed 2 decimals', () => fixed(2)],
		['fixed 3 decimals in [0, 1]', () => rng.next().toFixed(3)],
		['fixed 0..2 decimals, few', () => fixed(rng.int(3), 10)],
		['shortest decimals', shortest],
		['tiny values', () => (rng.next() * 1e-5).toFixed(9)],
		['mixed fixed and shortest', () => (rng.next() < 0.5 ? fixed(2, 10) : shortest())]
	];
	for (const [name, gen] of kinds) {
		it(name, () => {
			for (const n of [1, 50, 3000, 12_000]) {
				const cells = Array.from({ length: n }, () => (rng.next() < 0.03 ? pick(TOKENS) : gen()));
				both(cells, '.', `${name} n=${n}`);
				both(cells, ',', `${name} n=${n} decimal comma`);
				// One odd cell early, in the middle, after the dictionary cap, and last.
				for (const at of [0, n >> 1, Math.min(n - 1, DICTIONARY_CAP + 7), n - 1]) {
					const odd = [...cells];
					odd[at] = pick(ODD);
					both(odd, '.', `${name} n=${n} "${odd[at]}" at ${at}`);
				}
			}
		});
	}

	it('odd cells of every kind, alone and mixed with numbers', () => {
		for (const t of ODD) both(['1', '2', t, '2', t, '3'], '.', `"${t}"`);
		both(ODD, '.', 'all odd');
		both([...TOKENS, ...TOKENS], '.', 'tokens only');
		both(Array.from({ length: 200 }, () => pick(ODD)), '.', 'odd mix');
	});

	it('a numeric column that turns text after the cap, with exact and inexact distinct counts', () => {
		const ints = Array.from({ length: 9000 }, (_, i) => String(i * 3));
		const col = both([...ints, 'oops', 'oops', 'later', ...ints.slice(0, 10)], '.', 'ints then text');
		expect(col.codes).toBeNull();
		both([...Array.from({ length: 9000 }, () => fixed(2)), 'text'], '.', 'decimals then text');
		both([...Array.from({ length: 7000 }, () => `C${String(rng.int(1e6)).padStart(7, '0')}`), '12', '13'], '.', 'ids then numbers');
		const low = both([...Array.from({ length: 20_000 }, () => String(rng.int(30))), 'n.a.'], '.', 'few levels then text');
		expect(low.levels!.length).toBeGreaterThan(20);
	});

	it('a plain column keeps codes and levels in the cells’ text', () => {
		const col = both(['12.50', '3.10', '12.50', '', '0.00', 'NA'], '.', 'fixed');
		expect(col.levels).toEqual(['12.50', '3.10', '0.00']);
		expect(Array.from(col.codes!)).toEqual([0, 1, 0, -1, 2, -1]);
		expect(both(['1.5', '2.25', '3', '1.5'], '.', 'shortest').levels).toEqual(['1.5', '2.25', '3']);
	});
});

describe('early rejections in isMissingToken and parseFormatted', () => {
	it('agree with the reference on tokens in every case, currency codes and text', () => {
		const cells = [
			...MISSING_TOKENS.flatMap((t) => [t, t.toUpperCase(), t.toLowerCase(), t[0].toUpperCase() + t.slice(1)]),
			...['USD 12', 'US$5', 'R$ 3,50', 'CHF 1\'200', 'EUR12', 'GBP -3', '12 kr', 'kr', 'Kr 5', 'usd 5', 'Usd 5', 'EUR', 'eur 5', 'C0000001', 'North', 'nan5', 'N/A', 'Ñ/A', 'İnf', 'K12', '\u212a', 'ñull', '$1,200', '(120)', '-$5', '45%', 'x', 'Z9', 'a 1', 'USDX 1']
		];
		for (const c of cells) {
			expect(isMissingToken(c), c).toBe(refMissing(c));
			for (const d of ['.', ','] as const) expect(parseFormatted(c, d), `${c} ${d}`).toEqual(refFormatted(c, d));
		}
	});
});

describe('parseCsv on a generated file, against the reference builder fed Papa Parse fields', () => {
	it('gives the same columns', () => {
		const r = new Rng(2026);
		const header = ['customer_id', 'spend', 'orders', 'share', 'note', 'region', 'late_text', 'code'];
		const lines = [header.join(',')];
		for (let i = 0; i < 12_000; i++) {
			const row = [
				`C${String(i + 1).padStart(7, '0')}`,
				r.next() < 0.01 ? 'NA' : (Math.exp(4 + r.normal())).toFixed(2),
				String(1 + r.int(20)),
				r.next() < 0.005 ? '' : r.next().toFixed(3),
				r.next() < 0.1 ? `"said ""hi"", then left"` : r.next() < 0.1 ? '"multi\nline"' : 'plain',
				['North', 'South', '"East, upper"'][r.int(3)],
				i > 8000 && r.next() < 0.01 ? 'unknown' : String(r.int(100_000)),
				String(r.int(900) + 100).padStart(5, '0')
			];
			lines.push(row.join(','));
		}
		const text = lines.join('\n') + '\n';
		const table = parseCsv(text, 'generated.csv', { fastPath: false });
		const rows = (Papa.parse<string[]>(text, { delimiter: ',' }).data as string[][]).slice(1).filter((f) => !(f.length === 1 && f[0] === ''));
		expect(table.rowCount).toBe(rows.length);
		header.forEach((name, j) => {
			const ref = new ReferenceColumnBuilder(name, '.', 16);
			for (const f of rows) ref.push(f[j] ?? '');
			same(table.columns[j], ref.finish(), name);
		});
		expect(table.columns[6].codes).toBeNull();
		expect(table.columns[6].nonNumeric).toBeGreaterThan(0);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { profileByColumn } from './by-column';
import { chiSquareTest } from './chi-square';
import { wilson } from './intervals';

/** Reference: tests/fixtures/profile/make_reference.py (scipy 1.10; Wilson as statsmodels computes it). */
const dir = new URL('../../../../tests/fixtures/profile/', import.meta.url);
const ref = JSON.parse(readFileSync(new URL('reference.json', dir), 'utf8'));
const table = parseCsv(readFileSync(new URL('by_column.csv', dir), 'utf8'), 'by_column.csv');
const labelsOf = (name: string) => Int32Array.from(table.columns.find((c) => c.name === name)!.numbers);
const segment = labelsOf('segment'), half = labelsOf('half');
const rowIndex = Int32Array.from({ length: table.rowCount }, (_, i) => i);

/** Relative 1e-9 for statistics and interval ends; absolute 1e-9 for p-values. */
const rel = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
const abs = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(1e-9);

describe('profile by column against scipy (1e-9)', () => {
	it('categorical: shares per segment, chi2_contingency and Cramér’s V', () => {
		const p = profileByColumn(table, 'region', rowIndex, segment, 4);
		expect(p.kind).toBe('categorical');
		expect(p.categorical!.levels).toEqual(ref.region.levels);
		expect(p.categorical!.counts).toEqual(ref.region.counts);
		expect(p.categorical!.test.df).toBe(ref.region.df);
		rel(p.categorical!.test.chi2, ref.region.chi2);
		abs(p.categorical!.test.p, ref.region.p);
		rel(p.categorical!.test.cramersV, ref.region.cramersV);
		expect(p.missing).toBe(ref.region.counts.flat().length ? table.rowCount - ref.region.counts.flat().reduce((a: number, b: number) => a + b, 0) : 0);
		for (const row of p.categorical!.shares) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
	});

	it('a 2 × 2 table gets Yates’ correction, as chi2_contingency by default', () => {
		const p = profileByColumn(table, 'plan', rowIndex, half, 2);
		expect(p.categorical!.test.corrected).toBe(true);
		rel(p.categorical!.test.chi2, ref.plan_by_half.chi2);
		abs(p.categorical!.test.p, ref.plan_by_half.p);
		rel(p.categorical!.test.cramersV, ref.plan_by_half.cramersV);
	});

	it.each(['churned', 'responded'])('outcome %s: rate per segment with Wilson 95% intervals and lift, highest first', (name) => {
		const p = profileByColumn(table, name, rowIndex, segment, 4);
		const o = p.outcome!;
		expect(o.kind).toBe('rate');
		expect(o.base.n).toBe(ref[name].base.n);
		rel(o.base.value, ref[name].base.value);
		rel(o.base.lo, ref[name].base.interval[0]);
		rel(o.base.hi, ref[name].base.interval[1]);
		for (const r of o.rows) {
			const e = ref[name].rows[r.segment];
			expect(r.n).toBe(e.n);
			rel(r.value, e.value);
			rel(r.lo, e.interval[0]);
			rel(r.hi, e.interval[1]);
			rel(r.lift, e.lift);
		}
		expect(o.rows.map((r) => r.value)).toEqual([...o.rows.map((r) => r.value)].sort((a, b) => b - a));
	});

	it('numeric: mean, median and Kruskal–Wallis per segment; the mean as an outcome with t intervals', () => {
		const p = profileByColumn(table, 'spend', rowIndex, segment, 4);
		expect(p.kind).toBe('numeric');
		rel(p.numeric!.h, ref.spend.h);
		abs(p.numeric!.p, ref.spend.p);
		p.numeric!.segments.forEach((s, i) => {
			expect(s.n).toBe(ref.spend.segments[i].n);
			rel(s.mean, ref.spend.segments[i].mean);
			expect(s.median).toBe(ref.spend.segments[i].median);
		});
		const o = p.outcome!;
		expect(o.kind).toBe('mean');
		rel(o.base.lo, ref.spend.base.interval[0]);
		for (const r of o.rows) {
			rel(r.lo, ref.spend.segments[r.segment].interval[0]);
			rel(r.hi, ref.spend.segments[r.segment].interval[1]);
		}
	});

	it('edge cases: Wilson at 0 and n, χ² of a table with an empty row, an unknown column', () => {
		expect(wilson(0, 10)[0]).toBe(0);
		expect(wilson(10, 10)[1]).toBeCloseTo(1, 15);
		const t = chiSquareTest([[10, 0], [0, 0], [0, 10]]);
		expect(t.df).toBe(1);
		expect(() => profileByColumn(table, 'nope', rowIndex, segment, 4)).toThrow(/no column "nope"/);
	});
});

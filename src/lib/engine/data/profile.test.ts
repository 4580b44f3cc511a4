import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { parseNumber } from './number';
import { profileTable, withKind } from './profile';

describe('parseNumber', () => {
	it('accepts decimal and scientific numbers only', () => {
		expect(parseNumber(' 12 ')).toBe(12);
		expect(parseNumber('-1.5e3')).toBe(-1500);
		expect(parseNumber('.5')).toBe(0.5);
		expect(parseNumber('12923.0')).toBe(12923);
		for (const bad of ['', 'abc', '0x10', 'Infinity', 'NaN', '1,2', '1 2', '-', '+', '.', '-.', '1.2.3', '--1', '1-']) expect(parseNumber(bad)).toBeNaN();
		expect(Object.is(parseNumber('-0'), -0)).toBe(true);
		expect(Object.is(parseNumber('-0.000'), -0)).toBe(true);
	});

	it('equals Number() on every string of digits, signs, dots, exponents and spaces (fast path or not)', () => {
		// The definition the fast path must not change: trimmed, decimal only, finite, else NaN.
		const reference = (s: string) => {
			const t = s.trim();
			if (t === '' || !/^[-+.\d]/.test(t) || /^.[xXbBoO]/.test(t)) return NaN;
			const v = Number(t);
			return Number.isFinite(v) ? v : NaN;
		};
		const piece = fc.constantFrom('0', '1', '5', '9', '12', '999999999', '1234567', '.', '-', '+', 'e', 'E', ' ', 'x', '00');
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
				const s = parts.join('');
				expect(Object.is(parseNumber(s), reference(s))).toBe(true);
			}),
			{ numRuns: 5000 }
		);
		fc.assert(
			fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 20 }), (x, d) => {
				for (const s of [String(x), x.toFixed(Math.min(d, 15)), x.toPrecision(Math.max(1, d))]) expect(Object.is(parseNumber(s), reference(s))).toBe(true);
			}),
			{ numRuns: 5000 }
		);
	});
});

describe('profileTable', () => {
	const ids = Array.from({ length: 30 }, (_, i) => i + 1);
	const text =
		'customer_id,spend,region,empty,flag,const,code\n' +
		ids.map((i) => `${i},${i * 10 + (i % 3)},${['N', 'S', 'E'][i % 3]},,${i % 2 ? 'yes' : 'no'},7,X${i}`).join('\n');
	const p = profileTable(parseCsv(text, 'p.csv'));
	const byName = Object.fromEntries(p.map((c) => [c.name, c]));

	it('infers kinds with reasons', () => {
		expect(byName.customer_id.kind).toBe('id');
		expect(byName.spend.kind).toBe('numeric');
		expect(byName.region.kind).toBe('categorical');
		expect(byName.empty.kind).toBe('empty');
		expect(byName.flag.kind).toBe('boolean');
		expect(byName.const.kind).toBe('constant');
		expect(byName.code.kind).toBe('id');
		for (const c of p) expect(c.reason.length).toBeGreaterThan(5);
	});

	it('suggests only numeric columns as features', () => {
		expect(p.filter((c) => c.suggestedFeature).map((c) => c.name)).toEqual(['spend']);
	});

	it('computes min, mean, max, median and sample sd by hand', () => {
		const t = parseCsv('x\n1\n2\n\n4\n10\n', 's.csv');
		const s = profileTable(t)[0];
		expect(s.missing).toBe(0); // the blank line is skipped, not a missing cell
		const d = [1 - 4.25, 2 - 4.25, 4 - 4.25, 10 - 4.25];
		const m2 = d.reduce((a, v) => a + v * v, 0) / 4, m3 = d.reduce((a, v) => a + v ** 3, 0) / 4;
		expect(s.stats).toMatchObject({ min: 1, max: 10, mean: 4.25, median: 3, std: Math.sqrt((m2 * 4) / 3) });
		expect(s.stats!.skewness).toBeCloseTo(m3 / m2 ** 1.5, 12);
		const t2 = parseCsv('x,y\n1,\n2,a\n,b\n', 'm.csv');
		expect(profileTable(t2)[0].missing).toBe(1);
	});

	it('counts histogram bins over every present value', () => {
		const h = byName.spend.histogram!;
		expect(h.counts.reduce((a, b) => a + b, 0)).toBe(30);
		expect(h.edges.length).toBe(h.counts.length + 1);
	});

	it('warns about heavy skew and missing share', () => {
		const vals = Array.from({ length: 100 }, (_, i) => (i < 97 ? 1 : 1000));
		const t = parseCsv('x,y\n' + vals.map((v, i) => `${v},${i < 40 ? '' : i}`).join('\n'), 'w.csv');
		const [x, y] = profileTable(t);
		expect(x.warnings.join(' ')).toMatch(/skewed/);
		expect(y.warnings.join(' ')).toMatch(/40% missing/);
	});
});

describe('profile: overrides and suggestions', () => {
	it('re-types a column on the user’s word and keeps the inferred kind and reason', () => {
		const t = parseCsv('n,v\n' + Array.from({ length: 30 }, (_, i) => `${i % 4},${i}`).join('\n'), 'o.csv');
		const [code] = profileTable(t, { n: 'categorical' });
		expect(code.inferredKind).toBe('numeric');
		expect(code.kind).toBe('categorical');
		expect(code.reason).toMatch(/^set by you \(inferred numeric: /);
		expect(code.suggestedFeature).toBe(false);
		const back = withKind(code, 'numeric', 30);
		expect(back.reason).not.toMatch(/set by you/);
		expect(back.suggestedFeature).toBe(true);
	});
	it('suggests log1p only for heavy right skew without negative values, and types timestamps as dates', () => {
		const vals = Array.from({ length: 100 }, (_, i) => (i < 95 ? i % 5 : 500 + i));
		const t = parseCsv('pos,neg,when\n' + vals.map((v, i) => `${v},${-v},2011-0${1 + (i % 9)}-0${1 + (i % 9)} 10:00:00`).join('\n'), 'k.csv');
		const [pos, neg, when] = profileTable(t);
		expect(pos.suggestLog1p).toBe(true);
		expect(neg.suggestLog1p).toBe(false);
		expect(when.kind).toBe('datetime');
		expect(pos.stats!.skewness).toBeGreaterThan(2);
	});
	it('profiles an empty and a one-row table without failing', () => {
		const [e, x] = profileTable(parseCsv('e,x\n,1\n', 'one.csv'));
		expect(e.kind).toBe('empty');
		expect(e.warnings.join()).toMatch(/Empty/);
		expect(x.stats).toMatchObject({ min: 1, max: 1, std: 0, skewness: 0 });
	});
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { describeTable } from '../data/describe';
import { correlationMatrix, pearson, strongPairs } from './correlation';

describe('correlation', () => {
	it('Pearson r by hand, over pairwise-complete rows (as pandas DataFrame.corr)', () => {
		expect(pearson(Float64Array.from([1, 2, 3]), Float64Array.from([2, 4, 6]))).toBe(1);
		expect(pearson(Float64Array.from([1, 2, 3]), Float64Array.from([3, 2, 1]))).toBe(-1);
		// x = 1, 2, 3, 4 with y = 1, 3, 2, 4 → r = 0.8; a missing y removes only that pair's row.
		expect(pearson(Float64Array.from([1, 2, 3, 4, 9]), Float64Array.from([1, 3, 2, 4, NaN]))).toBeCloseTo(0.8, 14);
		expect(pearson(Float64Array.from([1, 1, 1]), Float64Array.from([1, 2, 3]))).toBeNaN();
		expect(pearson(Float64Array.from([1]), Float64Array.from([1]))).toBeNaN();
	});
	it('reports pairs above 0.9 and warns on both columns', () => {
		const rows = Array.from({ length: 30 }, (_, i) => `${i * 1.5 + (i % 4) * 0.3},${2 * i + (i % 3)},${(i * 7) % 11}`);
		const t = parseCsv('a,b,c\n' + rows.join('\n'), 'c.csv');
		const m = correlationMatrix(t, ['a', 'b', 'c']);
		expect(m.r[0]).toBe(1);
		expect(m.r[1]).toBe(m.r[3]);
		expect(strongPairs(m).map((p) => [p.a, p.b])).toEqual([['a', 'b']]);
		const { profiles } = describeTable(t);
		expect(profiles[0].warnings.join()).toMatch(/Strongly correlated with b/);
		expect(profiles[2].warnings.join()).not.toMatch(/Strongly/);
	});
	it('gives each pair exactly the coefficient of the pairwise pass, columns with missing cells or none, over several blocks', () => {
		const n = 10_001;
		let seed = 12345;
		const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
		const x = Float64Array.from({ length: n }, () => Math.exp(3 * next()));
		const y = Float64Array.from(x, (v) => v * 3 + next() * 5);
		const z = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : next() - 0.5));
		const flat = new Float64Array(n).fill(4.25);
		const cols = [x, y, z, flat];
		const csv = ['x,y,z,flat', ...Array.from({ length: n }, (_, i) => cols.map((c) => (Number.isNaN(c[i]) ? '' : String(c[i]))).join(','))].join('\n');
		const t = parseCsv(csv, 'pairs.csv');
		const m = correlationMatrix(t, ['x', 'y', 'z', 'flat']);
		for (let a = 0; a < 4; a++) {
			for (let b = 0; b < 4; b++) {
				const want = a === b ? (Number.isNaN(pearson(cols[a], cols[a])) ? NaN : 1) : pearson(cols[a], cols[b]);
				expect(m.r[a * 4 + b]).toBe(want);
			}
		}
		expect(m.r[1]).toBeGreaterThan(0.5);
		expect(m.r[3]).toBeNaN();
		expect(m.r[15]).toBeNaN();
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { defaultRecipe, validateRecipe } from '../recipe';
import { defaultNotes, withoutTransforms } from './default-prep';
import { prepare } from './prepare';
import { buildCustomerTable } from './rfm-table';
import { suggestRfm } from './rfm-detect';
import { toFeatureUnits } from './invert';
import { fitYeoJohnson } from './yeo-johnson';

const load = (path: string, name: string) => parseCsv(readFileSync(path, 'utf8'), name);

describe('default preparation', () => {
	it('log1p on non-negative columns with skewness > 2, recorded in the Recipe; not on the others', () => {
		const t = load('static/demo/wholesale.csv', 'wholesale.csv');
		const p = profileTable(t);
		const r = defaultRecipe(fingerprint(t), p);
		for (const c of p) {
			const heavy = c.kind === 'numeric' && c.stats!.skewness > 2 && c.stats!.min >= 0;
			expect(!!r.prep.columns[c.name]?.log1p, c.name).toBe(heavy);
		}
		expect(Object.keys(r.prep.columns).sort()).toEqual(['Delicassen', 'Detergents_Paper', 'Fresh', 'Frozen', 'Grocery', 'Milk']);
		const deli = p.find((c) => c.name === 'Delicassen')!;
		expect(deli.stats!.skewness).toBeGreaterThan(10);
		expect(Math.abs(deli.skewAfterLog1p!)).toBeLessThan(2);
		expect(validateRecipe(JSON.parse(JSON.stringify(r)))).toBeTruthy();
		const notes = defaultNotes(p, r.features, r.prep.columns);
		expect(notes[0]).toMatch(/^log1p applied by default to 6 heavily skewed column\(s\): Fresh \(skew 2\.6 → /);
	});

	it('"Apply no transforms" removes every transform and keeps other settings', () => {
		expect(withoutTransforms({ a: { log1p: true }, b: { log1p: true, weight: 2 }, c: { yeoJohnson: true } })).toEqual({ b: { weight: 2 } });
	});

	it('the RFM customer table follows the same rule: monetary and frequency get log1p', () => {
		const log = load('static/demo/online_retail_sample30k.csv', 'online_retail_sample30k.csv');
		const spec = suggestRfm(profileTable(log), log.rowCount)!;
		const customers = buildCustomerTable(log, spec).table;
		const p = profileTable(customers);
		const r = defaultRecipe(fingerprint(customers), p);
		expect(r.prep.columns.monetary?.log1p).toBe(true);
		expect(r.prep.columns.frequency?.log1p).toBe(true);
		expect(p.find((c) => c.name === 'customer_id')!.kind).toBe('id');
	});

	it('near-constant columns (one value in ≥ 99% of rows) are left out with a note; constant ones too', () => {
		const rows = Array.from({ length: 200 }, (_, i) => `${i % 7},${i === 5 ? 1 : 0},4,${(i * 37) % 101}`);
		const t = parseCsv('a,rare,same,b\n' + rows.join('\n') + '\n', 'n.csv');
		const p = profileTable(t);
		const r = defaultRecipe(fingerprint(t), p);
		expect(r.features).toEqual(['a', 'b']);
		expect(p[1].warnings.join(' ')).toMatch(/Near-constant: 99\.5% of filled cells hold "0"/);
		const notes = defaultNotes(p, r.features, r.prep.columns).join(' ');
		expect(notes).toMatch(/near-constant.*rare \(99\.5% "0"\)/);
		expect(notes).toMatch(/constant: same/);
	});
});

describe('Yeo-Johnson in the pipeline', () => {
	it('fits lambda on the rows still in, stores it, and reports centres back in original units', () => {
		const x = [-50, -3, -1, 0, 1, 2, 3, 5, 8, 13, 40, 900, 2, 4, 6];
		const t = parseCsv('x,y\n' + x.map((v, i) => `${v},${i % 5}`).join('\n') + '\n', 'yj.csv');
		const m = prepare(t, { features: ['x', 'y'], prep: { missing: 'median', scale: 'none', columns: { x: { yeoJohnson: true } } } });
		const lambda = m.fitted.perFeature[0].yeoJohnson!;
		expect(lambda).toBe(fitYeoJohnson(Float64Array.from(x)));
		const back = toFeatureUnits(m.data, m.rows, m.fitted);
		for (let i = 0; i < x.length; i++) expect(back[i * 2]).toBeCloseTo(x[i], 8);
		expect(() => validateRecipe({ ...defaultRecipe(fingerprint(t), profileTable(t)), prep: { missing: 'median', scale: 'zscore', outliers: { method: 'none', threshold: 1.5, action: 'flag' }, columns: { x: { log1p: true, yeoJohnson: true } } } })).toThrow(/choose one transform/);
	});
});

import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { applyRemedy } from '../remedy';
import { defaultRecipe } from '../recipe';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { Rng } from '../random';
import { extremeSegments, idLikeName } from './extreme-segments';
import { segmentProfile } from './segment-profile';

/** A table from columns of numbers, and the segments' profile and extreme cards for the given labels. */
function cards(columns: Record<string, number[]>, labels: number[], log1p: string[] = [], outliersOn = false) {
	const names = Object.keys(columns);
	const n = labels.length;
	const text = [names.join(','), ...Array.from({ length: n }, (_, i) => names.map((c) => columns[c][i]).join(','))].join('\n');
	const table = parseCsv(text, 't.csv');
	const rowIndex = Int32Array.from({ length: n }, (_, i) => i);
	const L = Int32Array.from(labels);
	const k = Math.max(...labels) + 1;
	const profile = segmentProfile(table, names, rowIndex, L, k);
	const sizes = profile.segments.map((s) => s.size);
	return { profile, cards: extremeSegments(table, names, rowIndex, L, sizes, profile.segments.map((s) => s.smd), { log1p: new Set(log1p), outliersOn }) };
}
const normals = (n: number, seed: number, mean = 0, sd = 1) => {
	const rng = new Rng(seed);
	return Array.from({ length: n }, () => Math.round((mean + sd * rng.normal()) * 1000) / 1000);
};
const labelsOf = (n: number, tinyFrom: number) => Array.from({ length: n }, (_, i) => (i >= tinyFrom ? 1 : 0));

describe('effect sizes standardised by the whole population', () => {
	it('a hand case: (segment mean − overall mean) / overall sd', () => {
		// x = 1, 2, 3, 4, 100: mean 22, sample sd sqrt(7610 / 4) = 43.6176...
		const { profile } = cards({ x: [1, 2, 3, 4, 100] }, [0, 0, 0, 0, 1]);
		const sd = Math.sqrt(7610 / 4);
		expect(profile.overall.sd[0]).toBeCloseTo(sd, 12);
		expect(profile.segments[0].smd[0]).toBeCloseTo((2.5 - 22) / sd, 12);
		expect(profile.segments[1].smd[0]).toBeCloseTo(78 / sd, 12);
	});
	it('13 extreme rows cannot make everybody else "−17 sd": the big segment stays near 0', () => {
		const base = normals(3533, 1, 50, 10).map((v) => Math.abs(v));
		const x = [...base, ...Array.from({ length: 13 }, (_, i) => 20_000 + i)];
		const { profile } = cards({ monetary: x }, labelsOf(x.length, 3533));
		expect(Math.abs(profile.segments[0].smd[0])).toBeLessThan(0.1);
		expect(profile.segments[1].smd[0]).toBeGreaterThan(10);
		// The share-weighted SMDs balance at 0 (a property of the population mean).
		const w = profile.segments.reduce((a, s) => a + s.size * s.smd[0], 0);
		expect(Math.abs(w)).toBeLessThan(1e-6);
	});
});

describe('extreme-segment cards', () => {
	const table0 = parseCsv('id,spend\n1,10\n2,20\n', 't.csv');
	const recipe = { ...defaultRecipe(fingerprint(table0), profileTable(table0)), features: ['spend'] };
	it('an id-like feature: the cause is named and the remedy drops it', () => {
		const n = 200;
		const { cards: c } = cards({ customer_id: Array.from({ length: n }, (_, i) => 10_000 + i), spend: normals(n, 2, 100, 10) }, labelsOf(n, 197));
		// 197 of 200 rows is also a dominant segment: both cards name the id.
		expect(c.map((e) => [e.side, e.cause])).toEqual([['dominant', 'ids'], ['tiny', 'ids']]);
		expect(c[1]).toMatchObject({ segment: 1, side: 'tiny', cause: 'ids', columns: ['customer_id'], remedy: { kind: 'dropFeatures', columns: ['customer_id'] } });
		expect(c[1].text).toMatch(/^Segment 2 holds 1\.5% of the clustered rows \(3\), under 2%\. Likely cause: customer_id looks like an identifier/);
	});
	it('id-like names, and business columns that only contain such words are not', () => {
		for (const n of ['id', 'ID', 'user_id', 'CustomerID', 'CustomerId', 'customer_id', 'Invoice', 'InvoiceNo', 'order_number', 'StockCode', 'zip', 'postcode', 'phone', 'uuid']) expect(idLikeName(n), n).toBe(true);
		for (const n of ['customer_support_tickets', 'amount_paid', 'total_orders', 'order_count', 'days_since_last_order', 'Annual Income (k$)', 'ideal_weight', 'width', 'Paid']) expect(idLikeName(n), n).toBe(false);
	});
	it('a whole-number column of nearly all distinct values reads as an id even without an id-like name', () => {
		const n = 100;
		const { cards: c } = cards({ ref: Array.from({ length: n }, (_, i) => 7 * i + 3), spend: normals(n, 3, 10, 1) }, labelsOf(n, 99));
		expect(c[0].cause).toBe('ids');
		// Whole-dollar incomes are nearly all distinct too, but spread far wider than a counter: not an id.
		const rng = new Rng(13);
		const income = Array.from({ length: n }, () => Math.round(60_000 + 15_000 * rng.normal()));
		expect(new Set(income).size).toBeGreaterThan(0.9 * n);
		expect(cards({ income, spend: normals(n, 3, 10, 1) }, labelsOf(n, 99)).cards[0].cause).not.toBe('ids');
	});
	it('a duplicated block: the remedy clusters distinct rows only', () => {
		const a = normals(200, 4), b = normals(200, 5);
		const { cards: c } = cards({ a: [...a, 9, 9, 9], b: [...b, -9, -9, -9] }, labelsOf(203, 200));
		expect(c[0]).toMatchObject({ cause: 'duplicates', remedy: { kind: 'distinctRows', label: 'Cluster distinct rows only' } });
		expect(c[0].text).toMatch(/3 of its 3 rows have identical values on every feature .*Clustering distinct rows only counts each repeated row once; the repeats stay in the export with their first occurrence's segment\.$/);
	});
	it('skew: a non-negative long tail gets log1p; not offered again once applied', () => {
		const rng = new Rng(6);
		const spend = Array.from({ length: 300 }, () => Math.round(Math.exp(2 + 1.2 * rng.normal()) * 100) / 100);
		const order = spend.map((v, i) => [v, i]).sort((p, q) => p[0] - q[0]).map((p) => p[1]);
		const labels = new Array<number>(300).fill(0);
		for (const i of order.slice(-4)) labels[i] = 1;
		const visits = normals(300, 7, 5, 1);
		const out = cards({ spend, visits }, labels);
		expect(out.cards[0]).toMatchObject({ cause: 'skew', columns: ['spend'], remedy: { kind: 'log1p', columns: ['spend'] } });
		expect(out.cards[0].text).toMatch(/Likely cause: skew: spend has a long right tail/);
		const again = cards({ spend, visits }, labels, ['spend']);
		expect(again.cards[0].cause).not.toBe('skew');
	});
	it('outliers: far rows on a column with negative values (no log1p) are set aside beyond 3 IQR', () => {
		const x = [...normals(300, 8), 40, 41, 42];
		const y = [...normals(300, 9), 0.1, -0.2, 0.3];
		const { cards: c } = cards({ x, y }, labelsOf(303, 300));
		expect(c[0]).toMatchObject({ cause: 'outliers', columns: ['x'], remedy: { kind: 'setAsideOutliers' } });
		// Already setting outliers aside: no remedy to offer, and no false cause.
		const on = cards({ x, y }, labelsOf(303, 300), [], true);
		expect(on.cards[0].cause).toBe('none');
	});
	it('a dominant segment (over 90%) is named too, by what its few other rows are', () => {
		const x = [...normals(300, 10), 40, 41, 42, 43, 44, 45, 46, 47];
		const { cards: c } = cards({ x, y: normals(308, 11) }, labelsOf(308, 300));
		expect(c.map((e) => e.side).sort()).toEqual(['dominant']);
		expect(c[0]).toMatchObject({ segment: 0, cause: 'outliers' });
		expect(c[0].text).toMatch(/^Segment 1 holds 97\.4% of the clustered rows, over 90%/);
	});
	it('HDBSCAN: a tiny segment with no data problem behind it gets "require segments of at least 2% of the rows"', () => {
		const x = normals(300, 14);
		const labels = x.map((_, i) => (i < 3 ? 1 : 0));
		const t = parseCsv(`x\n${x.join('\n')}\n`, 't.csv');
		const rowIndex = Int32Array.from({ length: 300 }, (_, i) => i);
		const p = segmentProfile(t, ['x'], rowIndex, Int32Array.from(labels), 2);
		const [c] = extremeSegments(t, ['x'], rowIndex, Int32Array.from(labels), p.segments.map((s) => s.size), p.segments.map((s) => s.smd), { log1p: new Set(), outliersOn: false }, 5).filter((e) => e.side === 'tiny');
		expect(c.remedy).toEqual({ kind: 'minClusterSize', value: 6, label: 'Require segments of at least 6 rows' });
		expect(c.text).toMatch(/minimum cluster size is 5; 6 \(2% of the rows\)/);
		const hdb = { ...recipe, algorithm: { name: 'hdbscan' as const, minClusterSize: 5, minSamples: null, selection: 'eom' as const } };
		expect(applyRemedy(hdb, c.remedy!).algorithm).toMatchObject({ name: 'hdbscan', minClusterSize: 6 });
		expect(applyRemedy(recipe, c.remedy!)).toBe(recipe);
	});
	it('a small segment with no cause says so; balanced segments get no card', () => {
		const x = normals(100, 12);
		const labels = x.map((v, i) => (i === 0 ? 1 : 0));
		x[0] = 1.5;
		expect(cards({ x }, labels).cards[0].cause).toBe('none');
		expect(cards({ x }, x.map((_, i) => i % 2)).cards).toEqual([]);
	});
});

describe('applyRemedy', () => {
	const table = parseCsv('id,spend,visits\n1,10,2\n2,20,3\n3,30,4\n', 't.csv');
	const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), features: ['id', 'spend', 'visits'], k: 3 };
	it('drops features, adds log1p per column, or sets outliers aside beyond 3 IQR — on a new recipe, k back to recommended', () => {
		expect(applyRemedy(recipe, { kind: 'dropFeatures', columns: ['id'], label: '' }).features).toEqual(['spend', 'visits']);
		const logged = applyRemedy(recipe, { kind: 'log1p', columns: ['spend'], label: '' });
		expect(logged.prep.columns.spend).toEqual({ log1p: true });
		expect(logged.k).toBeNull();
		const fromYj = applyRemedy({ ...recipe, prep: { ...recipe.prep, columns: { spend: { yeoJohnson: true, scale: 'robust' } } } }, { kind: 'log1p', columns: ['spend'], label: '' });
		expect(fromYj.prep.columns.spend).toEqual({ scale: 'robust', log1p: true });
		expect(applyRemedy(recipe, { kind: 'setAsideOutliers', label: '' }).prep.outliers).toEqual({ method: 'iqr', threshold: 3, action: 'setAside' });
		expect(recipe.prep.columns.spend).toBeUndefined();
		expect(recipe.features).toEqual(['id', 'spend', 'visits']);
	});
	it('a column called __proto__ stays a column', () => {
		const r = applyRemedy(recipe, { kind: 'log1p', columns: ['__proto__'], label: '' });
		expect(Object.keys(r.prep.columns)).toEqual(['__proto__']);
		expect(JSON.stringify(r.prep.columns)).toBe('{"__proto__":{"log1p":true}}');
	});
});

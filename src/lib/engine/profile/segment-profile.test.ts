import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCustomers, PLANTED } from '../../../../scripts/demo/customers';
import { clusterOneK, prepareRun } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { defaultRecipe } from '../recipe';
import { chiSquareSurvival, kruskalWallis } from './kruskal';
import { segmentProfile } from './segment-profile';
import { traitOf } from './naming';

describe('kruskalWallis', () => {
	it('matches scipy.stats.kruskal on a hand case with ties', () => {
		// scipy 1.10 (Debian): stats.kruskal([1, 2, 3, 3], [3, 4, 5, 6]) -> H = 4.2875, p = 0.0383935805371.
		const r = kruskalWallis(Float64Array.from([1, 2, 3, 3, 3, 4, 5, 6]), Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2);
		expect(r.h).toBeCloseTo(4.2875, 10);
		expect(r.p).toBeCloseTo(0.0383935805371, 10);
	});
	it('chi-square survival matches known values', () => {
		expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
		expect(chiSquareSurvival(11.070497693516351, 5)).toBeCloseTo(0.05, 10);
		expect(chiSquareSurvival(0, 3)).toBe(1);
	});
});

describe('naming vocabulary', () => {
	it('reads business meaning from column names', () => {
		expect(traitOf('days_since_last_purchase', 1).concept).toBe('recency');
		expect(traitOf('account_age_days', -1).word).toBe('new');
		expect(traitOf('customer_support_tickets', 2).concept).toBe('support');
		expect(traitOf('avg_order_value', -1).concept).toBe('monetary');
		expect(traitOf('total_purchases', 1).word).toBe('frequent');
		expect(traitOf('email_open_rate', 1).word).toBe('engaged');
		expect(traitOf('x1', 1).word).toBe('high x1');
	});
});

describe('segment profiles on the demo', () => {
	const table = parseCsv(readFileSync(new URL('../../../../static/demo/customers.csv', import.meta.url), 'utf8'), 'customers.csv');
	const recipe = defaultRecipe(fingerprint(table), profileTable(table));
	const { matrix } = prepareRun(table, recipe);
	const part = clusterOneK(table, matrix, recipe, 6);
	const profile = segmentProfile(table, recipe.features, matrix.rowIndex, part.labels, 6);

	it('names every planted segment after its planted traits, uniquely', () => {
		const truth = generateCustomers().truth;
		const names = profile.personas.map((p) => p.name);
		expect(new Set(names).size).toBe(6);
		// Each planted segment: the persona of the segment holding most of its rows.
		const expected: Record<string, RegExp> = {
			Champions: /total_purchases \+|avg_order_value \+/,
			'Loyal regulars': /account_age_days \+|total_purchases \+|days_since_last_purchase −/,
			'New customers': /account_age_days −/,
			Lapsed: /days_since_last_purchase \+/,
			'Bargain hunters': /avg_order_value −/,
			'Support-heavy': /customer_support_tickets \+/
		};
		const seen: string[] = [];
		PLANTED.forEach((planted, pi) => {
			const counts = new Array(6).fill(0);
			for (let r = 0; r < truth.length; r++) if (truth[r] === pi) counts[part.labels[r]]++;
			const seg = counts.indexOf(Math.max(...counts));
			const persona = profile.personas[seg];
			seen.push(`${planted.name} -> ${persona.reason} [${persona.action}]`);
			expect(persona.reason, planted.name).toMatch(expected[planted.name]);
		});
		console.log(seen.join('\n'));
		expect(profile.tests.every((t) => t.p < 1e-6)).toBe(true);
	});
});

describe('box plots and category composition', () => {
	it('computes Tukey box numbers and level shares per segment', async () => {
		const { parseCsv: parse } = await import('../data/csv');
		const rows = ['x,region'];
		for (let i = 0; i < 20; i++) rows.push(`${i < 10 ? i : 100 + i},${i % 4 === 0 ? 'North' : 'South'}`);
		rows.push('1000,North');
		const t = parse(rows.join('\n') + '\n', 'b.csv');
		const rowIndex = Int32Array.from({ length: 21 }, (_, i) => i);
		const labels = Int32Array.from({ length: 21 }, (_, i) => (i < 10 ? 0 : 1));
		const p = segmentProfile(t, ['x', 'region'], rowIndex, labels, 2);
		expect(p.segments[0].box[0]).toEqual([0, 2.25, 4.5, 6.75, 9]);
		// Segment 2: 110..119 and an outlier 1000 beyond the whisker.
		expect(p.segments[1].box[0][4]).toBe(119);
		const comp = p.composition.find((c) => c.feature === 'region')!;
		expect(comp.levels).toEqual(['South', 'North']);
		expect(comp.shares[0][1]).toBeCloseTo(3 / 10);
	});
});

describe('a sweep shares each feature sample', () => {
	it('gives every k the medians, boxes and rank tests of a fresh computation, with and without unsegmented rows', () => {
		// 30,000 rows: the profile samples every 2nd row. Ties (rounded values), missing cells, a -0.
		let seed = 99;
		const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		const lines = ['a,b'];
		for (let i = 0; i < 30_000; i++) lines.push(`${(Math.round(r() * 40) / 4).toString()},${i % 211 === 0 ? '' : i === 4 ? '-0' : (r() * 1000).toFixed(1)}`);
		const t = parseCsv(lines.join('\n'), 'sample.csv');
		const rowIndex = Int32Array.from({ length: 30_000 }, (_, i) => i);
		const reference = (labels: Int32Array, k: number) => {
			// The profile's own definition, computed directly: every 2nd row, segment members sorted, ranks from scratch.
			return ['a', 'b'].map((f) => {
				const x = t.columns.find((c) => c.name === f)!.numbers;
				const sv = Float64Array.from({ length: 15_000 }, (_, s) => x[2 * s]);
				const sg = Int32Array.from({ length: 15_000 }, (_, s) => labels[2 * s]);
				const med = (a: number[]) => (a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2);
				const seg = Array.from({ length: k }, (_, s) => [...sv.filter((v, u) => sg[u] === s && !Number.isNaN(v))].sort((p, q) => p - q));
				const all = seg.flat().sort((p, q) => p - q);
				return { test: kruskalWallis(sv, sg, k), medians: seg.map((xs) => (xs.length ? med(xs) : NaN)), overall: med(all) };
			});
		};
		for (const [k, noise] of [[3, false], [5, false], [4, true], [3, false]] as const) {
			const labels = Int32Array.from({ length: 30_000 }, (_, i) => (noise && i % 7 === 0 ? -1 : Math.floor(r() * k)));
			const p = segmentProfile(t, ['a', 'b'], rowIndex, labels, k);
			const want = reference(labels, k);
			want.forEach((w, j) => {
				expect(p.tests[j]).toEqual({ feature: ['a', 'b'][j], ...w.test });
				expect(p.overall.median[j]).toBe(w.overall);
				p.segments.forEach((s, c) => expect(s.median[j]).toBe(w.medians[c]));
			});
		}
	});
});

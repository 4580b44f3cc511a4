import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { prepare } from '../prep/prepare';
import { defaultRecipe, type Recipe } from '../recipe';
import type { Table } from '../types';
import { exkmc } from './exkmc';
import { imm } from './imm';
import { explain, rulesAt } from './rules';
import { labelCost, leavesOf, treeLabels } from './threshold-tree';

/** Reference: tests/fixtures/explain/imm_reference.py (brute-force IMM and ExKMC, scikit-learn k-means). */
const dir = new URL('../../../../tests/fixtures/explain/', import.meta.url);
const ref = JSON.parse(readFileSync(new URL('reference.json', dir), 'utf8'));

function recipeFor(table: Table, k: number): Recipe {
	const r = defaultRecipe(fingerprint(table), profileTable(table));
	r.features = table.columns.map((c) => c.name);
	r.prep.columns = Object.fromEntries(r.features.map((f) => [f, { log1p: false, clip: null, scale: 'zscore' as const }]));
	r.kRange = [k, k];
	r.k = k;
	return r;
}

describe('IMM on a hand-worked case', () => {
	it('cuts once between two groups on the column that separates them without mistakes', () => {
		// Two groups far apart on column 1, interleaved on column 0.
		const X = Float64Array.from([0, 0, 1, 0.1, 0.5, 5, 1.5, 5.2]);
		const centers = Float64Array.from([0.5, 0.05, 1, 5.1]);
		const labels = Int32Array.from([0, 0, 1, 1]);
		const t = imm(X, 4, 2, centers, 2, labels);
		expect(t[0].column).toBe(1);
		expect(t[0].between).toEqual([0.1, 5]);
		expect(t[0].threshold).toBeCloseTo(2.55, 12);
		expect(Array.from(treeLabels(t, X, 4, 2))).toEqual([0, 0, 1, 1]);
	});

	it('counts a row as a mistake when the cut separates it from its centre, and picks the fewest', () => {
		// One column: centres at 0 and 10; the row at 6 belongs to centre 0. Any cut in [0, 6) mistakes it; [6, 10) none.
		const X = Float64Array.from([0, 6, 10, 11]);
		const t = imm(X, 4, 1, Float64Array.from([0, 10]), 2, Int32Array.from([0, 0, 1, 1]));
		expect(t[0].between).toEqual([6, 10]);
	});
});

describe.each(['iris', 'wine', 'breast_cancer'])('IMM and ExKMC against the Python reference on %s', (name) => {
	const r = ref[name];
	const k: number = r.k;
	const table = parseCsv(readFileSync(new URL(`${name}.csv`, dir), 'utf8'), `${name}.csv`);
	const matrix = prepare(table, recipeFor(table, k));
	const { data: X, rows, cols } = matrix;
	const centers = Float64Array.from(r.centers.flat());
	const labels = Int32Array.from(r.labels);

	it('IMM gives the reference tree: the same labels for every row and the same cost ratio (1e-9)', () => {
		const t = imm(X, rows, cols, centers, k, labels);
		expect(leavesOf(t)).toHaveLength(k);
		const tl = treeLabels(t, X, rows, cols);
		expect(Array.from(tl)).toEqual(r.imm.labels);
		const ratio = labelCost(X, rows, cols, tl, k) / labelCost(X, rows, cols, labels, k);
		expect(Math.abs(ratio - r.imm.ratio)).toBeLessThanOrEqual(1e-9 * r.imm.ratio);
		expect(ratio).toBeGreaterThanOrEqual(1);
	});

	it('ExKMC with 2k leaves: the reference cost ratio within 1%, at or below IMM’s', () => {
		const t = imm(X, rows, cols, centers, k, labels);
		const ex = exkmc(t, X, rows, cols, centers, k, 2 * k);
		expect(leavesOf(ex.nodes)).toHaveLength(r.exkmc2k.leaves);
		const ratio = labelCost(X, rows, cols, treeLabels(ex.nodes, X, rows, cols), k) / r.baseCost;
		expect(Math.abs(ratio - r.exkmc2k.ratio)).toBeLessThanOrEqual(0.01 * r.exkmc2k.ratio);
		expect(ratio).toBeLessThanOrEqual(r.imm.ratio + 1e-12);
	});

	it('rules in original units (round thresholds): the IMM cost ratio within 1% of the reference; 2k leaves cost no more', () => {
		const e = explain(table, matrix, labels, k, centers);
		const atK = rulesAt(e, k), at2k = rulesAt(e, 2 * k);
		expect(Math.abs(atK.costRatio - r.imm.ratio)).toBeLessThanOrEqual(0.01 * r.imm.ratio);
		expect(at2k.costRatio).toBeLessThanOrEqual(atK.costRatio + 1e-12);
		expect(e.tradeoff[0]).toMatchObject({ leaves: k });
		// Coverage and precision add up: the rules of all segments select every clustered row once.
		expect(atK.segments.reduce((a, s) => a + s.rules.reduce((b, x) => b + x.rows, 0), 0)).toBe(rows);
		for (const s of atK.segments) for (const x of s.rules) expect(x.precision).toBeCloseTo(x.inSegment / x.rows, 12);
	});

	it('the page’s own k-means run gives the same price of explainability (within 1%)', () => {
		const recipe = recipeFor(table, k);
		const result = analyse(table, recipe);
		const s = result.perK[0];
		const e = explain(table, matrix, result.labels[0], k, Float64Array.from(s.modelCenters!.flat()));
		expect(Math.abs(rulesAt(e, k).costRatio - r.imm.ratio)).toBeLessThanOrEqual(0.01 * r.imm.ratio);
	});
});

describe('rules on many rows', () => {
	it('grows the tree on a seeded sample of RULES_SAMPLE rows and reports the rules over every row', async () => {
		const { RULES_SAMPLE } = await import('./rules');
		const { Rng } = await import('../random');
		const rng = new Rng(3);
		const n = RULES_SAMPLE + 5000;
		const lines = ['x,y'];
		for (let i = 0; i < n; i++) lines.push(`${((i % 3) * 4 + rng.normal()).toFixed(4)},${((i % 3 === 2 ? 5 : 0) + rng.normal()).toFixed(4)}`);
		const table = parseCsv(lines.join('\n') + '\n', 'many.csv');
		const matrix = prepare(table, recipeFor(table, 3));
		const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
		const centers = new Float64Array(6);
		for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) centers[(i % 3) * 2 + j] += matrix.data[i * 2 + j] / (n / 3);
		const a = explain(table, matrix, labels, 3, centers, 6, 7), b = explain(table, matrix, labels, 3, centers, 6, 7);
		expect(a.sample).toEqual({ size: RULES_SAMPLE, of: n });
		const r = rulesAt(a, 3);
		expect(r.labels).toHaveLength(n);
		expect(r.segments.reduce((s, g) => s + g.rules.reduce((t, x) => t + x.rows, 0), 0)).toBe(n);
		expect(Array.from(rulesAt(b, 3).labels)).toEqual(Array.from(r.labels));
		expect(r.agreement).toBeGreaterThan(0.9);
	});
});

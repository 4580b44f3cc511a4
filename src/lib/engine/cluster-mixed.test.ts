import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from './analyse';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';
import { DEFAULT_ALGORITHMS, defaultRecipe, validateRecipe, type Recipe } from './recipe';
import { nameRecord } from './names';
import { rMixed, wholesaleMixedPath } from '../../../tests/fixtures/mixed/load';
import type { ColumnKind } from './types';

const table = parseCsv(readFileSync(wholesaleMixedPath, 'utf8'), 'wholesale_mixed.csv');
const base = defaultRecipe(fingerprint(table), profileTable(table));
const features = ['Channel', 'Region', 'Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen'];
/** Raw values (no log1p, no scaling): the data R's daisy saw. */
function recipe(alg: Recipe['algorithm'], kRange: [number, number]): Recipe {
	return {
		...base, features, kRange, k: null, algorithm: alg,
		columnTypes: nameRecord<ColumnKind>([['Channel', 'categorical'], ['Region', 'categorical']]),
		prep: { ...base.prep, scale: 'none', columns: nameRecord([]) }
	};
}

describe('PAM through analyse() on a customer file with categories equals R pam(daisy(x, "gower"))', () => {
	const result = analyse(table, recipe(DEFAULT_ALGORITHMS.pam, [2, 5]));
	it.each([2, 3, 4, 5])('k = %i: the same medoids and the same partition (segments renumbered by size)', (k) => {
		const r = rMixed.wholesale.pam.find((p) => p.k === k)!;
		const at = result.perK.findIndex((s) => s.k === k);
		const s = result.perK[at];
		expect(s.mixed?.algorithm).toBe('pam');
		const medoidRows = s.mixed!.medoids!.map((i) => result.rowIndex[i] + 1);
		expect([...medoidRows].sort((a, b) => a - b)).toEqual([...r.medoids].sort((a, b) => a - b));
		// Segment s holds R's cluster of its medoid, row for row.
		const labels = result.labels[at];
		const rClusterOf = medoidRows.map((row) => r.clustering[row - 1]);
		for (let i = 0; i < labels.length; i++) expect(rClusterOf[labels[i]]).toBe(r.clustering[result.rowIndex[i]]);
		expect(Math.abs(s.silhouette - r.avgSilhouette)).toBeLessThan(1e-12);
		expect(Math.abs(s.inertia / labels.length - r.objective[1])).toBeLessThan(1e-12);
		expect(Number.isNaN(s.daviesBouldin)).toBe(true);
	});
	it('says why Gower and PAM, and the recommendation does not count Davies–Bouldin or Calinski–Harabasz', () => {
		expect(result.notes.some((n) => /PAM \(k-medoids\) on Gower distances over 6 numeric and 2 categorical features/.test(n))).toBe(true);
		expect(result.recommendation.votes.map((v) => v.metric)).not.toContain('daviesBouldin');
		expect(result.recommendation.votes.map((v) => v.metric)).not.toContain('calinskiHarabasz');
	});
});

describe('k-prototypes through analyse()', () => {
	const rec = recipe({ ...DEFAULT_ALGORITHMS.kprototypes }, [2, 4]);
	const result = analyse(table, { ...rec, prep: { ...rec.prep, scale: 'zscore' } });
	it('states γ from Huang\'s rule (0.5 on z-scored numbers), reports the cost, keeps every row', () => {
		expect(result.notes.find((n) => n.startsWith('k-prototypes'))).toMatch(/γ = 0\.5 \(Huang's rule/);
		for (const s of result.perK) {
			expect(s.mixed).toMatchObject({ algorithm: 'kprototypes', gammaRule: 'huang' });
			expect(s.mixed!.gamma).toBeCloseTo(0.5, 12);
			expect(s.sizes.reduce((a, b) => a + b, 0)).toBe(440);
			expect(s.silhouette).toBeGreaterThan(-1);
		}
		expect(result.perK[2].inertia).toBeLessThan(result.perK[0].inertia);
	});
	it('a γ in the recipe is used and said', () => {
		const r2 = analyse(table, { ...rec, algorithm: { ...DEFAULT_ALGORITHMS.kprototypes, gamma: 3 }, kRange: [3, 3] });
		expect(r2.perK[0].mixed).toMatchObject({ gamma: 3, gammaRule: 'recipe' });
		expect(r2.notes.find((n) => n.startsWith('k-prototypes'))).toMatch(/γ = 3 \(set in the recipe\)/);
	});
	it('the recipe validates gamma and refuses PCA with these algorithms', () => {
		expect(() => validateRecipe({ ...rec, algorithm: { ...rec.algorithm, gamma: -1 } })).toThrow(/gamma/);
		expect(() => validateRecipe({ ...rec, pcaComponents: 2 })).toThrow(/pcaComponents/);
		expect(validateRecipe(rec).algorithm).toEqual(DEFAULT_ALGORITHMS.kprototypes);
	});
});

describe('the algorithm report of a mixed-data run', () => {
	it('lists PAM medoids as 1-based table rows, R\'s medoids at k = 3', async () => {
		const { algorithmReport, algorithmLines } = await import('./algorithm-report');
		const result = analyse(table, recipe(DEFAULT_ALGORITHMS.pam, [3, 3]));
		const rep = algorithmReport(result);
		expect([...rep.pam![0].medoidRows].sort((a, b) => a - b)).toEqual([...rMixed.wholesale.pam.find((p) => p.k === 3)!.medoids].sort((a, b) => a - b));
		expect(algorithmLines(result)[0]).toMatch(/^pam k = 3: medoids at rows/);
	});
});

describe('scoring new customers with a mixed-data model', () => {
	it('PAM: a medoid scores 0 to its own segment; an unseen region counts as a mismatch, not a crash', async () => {
		const { buildModel } = await import('./export/model');
		const { scoreTable } = await import('./score/score');
		const result = analyse(table, recipe(DEFAULT_ALGORITHMS.pam, [3, 3]));
		const s = result.perK[0];
		const model = JSON.parse(JSON.stringify(buildModel(table, { recipe: result.recipe, source: result.source, fitted: result.fitted, rowIndex: result.rowIndex, rowCount: result.rowCount, summary: s, names: ['a', 'b', 'c'] })));
		expect(model.assignment).toBe('nearest-medoid-gower');
		const lines = readFileSync(wholesaleMixedPath, 'utf8').trim().split(/\r?\n/);
		const medoidLine = lines[result.rowIndex[s.mixed!.medoids![1]] + 1];
		const moved = medoidLine.split(',');
		moved[1] = 'Madeira';
		const fresh = parseCsv([lines[0], medoidLine, moved.join(',')].join('\n'), 'new.csv');
		const scored = scoreTable(model, fresh);
		expect(scored.labels[0]).toBe(1);
		expect(scored.distances[0]).toBe(0);
		// One of 8 equally weighted features differs: Region, 1/8 away from the same medoid at most.
		expect(scored.distances[1]).toBeGreaterThan(0);
		expect(scored.distances[1]).toBeLessThanOrEqual(1 / 8 + 1e-12);
	});
});

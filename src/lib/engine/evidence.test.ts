import { describe, expect, it } from 'vitest';
import { analyse, clusterOneK, prepareRun } from './analyse';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';
import { calinskiHarabasz } from './metrics/calinski-harabasz';
import { daviesBouldin } from './metrics/davies-bouldin';
import { silhouetteScore } from './metrics/silhouette';
import { defaultRecipe, validateRecipe } from './recipe';
import { Rng } from './random';
import { EXACT_SILHOUETTE_MAX, silhouetteNote } from './evidence';
import { parseRunArgs } from '../../cli/args';

function blobsCsv(n: number): string {
	const rng = new Rng(11);
	const centres = [[0, 0], [8, 0], [0, 8], [8, 8]];
	const lines = ['x,y'];
	for (let i = 0; i < n; i++) {
		const c = centres[i % 4];
		lines.push(`${(c[0] + rng.normal()).toFixed(5)},${(c[1] + rng.normal()).toFixed(5)}`);
	}
	return lines.join('\n');
}

describe('the sweep with every metric', () => {
	const table = parseCsv(blobsCsv(400), 'blobs.csv');
	const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [2, 6] as [number, number] };
	recipe.algorithm = { name: 'kmeans', nInit: 3, maxIter: 300, tol: 1e-4 };
	const withAll = validateRecipe({ ...recipe, evidence: { gapB: 10, stabilityB: 5 } });
	const result = analyse(table, withAll);

	it('gives silhouette, DB and CH per k equal to the metric functions on the same labels', () => {
		const { matrix } = prepareRun(table, recipe);
		result.perK.forEach((s, i) => {
			expect(s.silhouetteExact).toBe(true);
			expect(s.silhouetteCi).toBeNull();
			expect(s.silhouette).toBeCloseTo(silhouetteScore(matrix.data, matrix.rows, matrix.cols, result.labels[i], s.k), 12);
			expect(s.daviesBouldin).toBe(daviesBouldin(matrix.data, matrix.rows, matrix.cols, result.labels[i], s.k));
			expect(s.calinskiHarabasz).toBe(calinskiHarabasz(matrix.data, matrix.rows, matrix.cols, result.labels[i], s.k));
			expect(s.silhouetteValues.length).toBe(400);
		});
	});

	it('adds the gap (with k = 1) and stability on request, and recommends the planted k = 4 with its evidence', () => {
		expect(result.gapK1).not.toBeNull();
		for (const s of result.perK) {
			expect(s.gap!.B).toBe(10);
			expect(s.stability!.ari.length).toBe(5);
			expect(s.stability!.labels.length).toBe(s.k);
		}
		const at4 = result.perK.find((s) => s.k === 4)!;
		expect(at4.stability!.labels).toEqual(['stable', 'stable', 'stable', 'stable']);
		expect(result.recommendation.k).toBe(4);
		expect(result.recommendation.agree).toEqual(expect.arrayContaining(['silhouette', 'daviesBouldin', 'calinskiHarabasz', 'gap']));
		expect(result.recommendation.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['agree', 'knee', 'stability', 'actionable']));
	});

	it('a k gives the same metrics alone as in the sweep (seeded by seed and k)', () => {
		const { matrix } = prepareRun(table, withAll);
		const alone = clusterOneK(table, matrix, withAll, 3);
		const inSweep = result.perK.find((s) => s.k === 3)!;
		expect(alone.summary.gap).toEqual(inSweep.gap);
		expect(alone.summary.stability).toEqual(inSweep.stability);
		expect(alone.summary.daviesBouldin).toBe(inSweep.daviesBouldin);
	});

	it('without a request, no gap or stability', () => {
		const r = analyse(table, { ...recipe, kRange: [2, 3] });
		expect(r.gapK1).toBeNull();
		expect(r.perK.every((s) => s.gap === null && s.stability === null)).toBe(true);
	});
});

describe('sampling is never silent', () => {
	it('says so in a note above the exact limit', () => {
		expect(silhouetteNote(EXACT_SILHOUETTE_MAX)).toBeNull();
		expect(silhouetteNote(50_000)).toMatch(/5 seeded random samples of 5,000 of the 50,000.*95% interval/);
	});
	it('validates evidence settings in a recipe', () => {
		const table = parseCsv(blobsCsv(20), 'b.csv');
		const r = defaultRecipe(fingerprint(table), profileTable(table));
		expect(() => validateRecipe({ ...r, evidence: { gapB: 1 } })).toThrow(/at least 2/);
		expect(() => validateRecipe({ ...r, evidence: { stabilityScheme: 'jackknife' } })).toThrow(/bootstrap or subsample/);
		expect(validateRecipe({ ...r, evidence: { gapB: 20, stabilityB: null } }).evidence!.gapB).toBe(20);
	});
	it('the command line takes --metrics all, --gap-b and --stability-b', () => {
		const a = parseRunArgs(['--input', 'x.csv', '--k-range', '2..10', '--metrics', 'all', '--gap-b', '30']);
		expect(a).toMatchObject({ metricsAll: true, gapB: 30, kRange: [2, 10] });
		expect(() => parseRunArgs(['--input', 'x.csv', '--metrics', 'some'])).toThrow(/--metrics/);
	});
});

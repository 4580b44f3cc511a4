import { describe, expect, it } from 'vitest';
import { preparationSummary, runChange, runSummary } from './run-summary';
import { DEFAULT_ALGORITHMS, defaultRecipe, type Recipe } from './recipe';
import { nameRecord } from './names';
import type { AnalysisResult } from './analyse';

const source = { name: 'c.csv', bytes: 100, rows: 50, columns: ['a', 'b', 'c'], hash: 'h1' };
const recipe = (patch: Partial<Recipe> = {}): Recipe => ({ ...defaultRecipe(source as Recipe['source'], []), features: ['a', 'b'], kRange: [2, 6], ...patch });

describe('preparationSummary', () => {
	it('names the default scaling and only what departs from the plain defaults', () => {
		expect(preparationSummary(recipe())).toBe('z-score; missing: median');
		const r = recipe({ prep: { ...recipe().prep, columns: nameRecord([['a', { log1p: true, scale: 'robust' as const }], ['b', { log1p: true }], ['c', { yeoJohnson: true }]]) } });
		// c is not a feature: its settings do not count.
		expect(preparationSummary(r)).toBe('z-score; own scaling on 1 column; log1p on 2 columns; missing: median');
		const o = recipe({ prep: { ...recipe().prep, outliers: { method: 'iqr', threshold: 1.5, action: 'setAside' } }, pcaComponents: 2 });
		expect(preparationSummary(o)).toBe('z-score; missing: median; outliers beyond 1.5 × IQR set aside; on 2 principal components');
	});
});

describe('runSummary', () => {
	const result = (r: Recipe, perK: { k: number; silhouette: number }[], k: number) =>
		({ recipe: r, perK, recommendation: { k }, chosenK: k, rowsClustered: 48, rowCount: 50 }) as unknown as AnalysisResult;
	it('reads the recommended k and its silhouette', () => {
		const s = runSummary(result(recipe(), [{ k: 2, silhouette: 0.4 }, { k: 3, silhouette: 0.55 }], 3), 1234);
		expect(s).toEqual({ algorithm: 'k-means', features: ['a', 'b'], preparation: 'z-score; missing: median', kRange: '2–6', recommendedK: 3, silhouette: 0.55, rowsClustered: 48, rowCount: 50, ms: 1234 });
	});
	it('DBSCAN: no k range, and no silhouette when it is not a number', () => {
		const s = runSummary(result(recipe({ algorithm: { ...DEFAULT_ALGORITHMS.dbscan } }), [{ k: 1, silhouette: NaN }], 1));
		expect([s.kRange, s.silhouette, s.ms, s.algorithm]).toEqual(['found by the algorithm', null, null, 'DBSCAN']);
	});
});

describe('runChange', () => {
	it('says what changed from the run before', () => {
		expect(runChange(null, recipe())).toBe('first run');
		expect(runChange(recipe(), recipe())).toBe('same recipe');
		expect(runChange(recipe(), recipe({ algorithm: { ...DEFAULT_ALGORITHMS.gmm }, kRange: [2, 4] }))).toBe('Gaussian mixture, k 2–4');
		expect(runChange(recipe(), recipe({ features: ['a'], seed: 3 }))).toBe('features changed, seed 3');
		expect(runChange(recipe(), recipe({ algorithm: { ...DEFAULT_ALGORITHMS.kmeans, nInit: 3 } }))).toBe('k-means settings');
	});
});

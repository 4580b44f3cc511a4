import { expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/engine/data/csv';
import { runPipeline } from '../../src/lib/engine/prep/pipeline';
import { planFeatures, type PrepInput } from '../../src/lib/engine/prep/plan';
import type { OutlierSpec } from '../../src/lib/engine/recipe';
import type { FeatureMatrix, Table } from '../../src/lib/engine/types';
import { runPipelineV1 } from './reference/pipeline-v1';
import { seededRandom } from './seeded-random';

const rng = seededRandom;

/** A table with skewed, signed, constant, sparse and categorical columns and blanks. */
function table(rows: number, seed: number): Table {
	const r = rng(seed);
	const lines = ['spend,orders,delta,flat,share,region,channel'];
	const blank = (s: string) => (r() < 0.03 ? '' : s);
	for (let i = 0; i < rows; i++) {
		lines.push([
			blank((Math.exp(4 * r()) - 1).toFixed(2)),
			blank(String(Math.floor(-Math.log(r()) * 3))),
			blank((r() * 20 - 10).toFixed(3)),
			'7',
			blank(r() < 0.3 ? '0' : r().toFixed(4)),
			blank(['North', 'South', 'East', 'West'][Math.floor(r() * 4)]),
			['web', 'store', 'app'][Math.floor(r() * 3)]
		].join(','));
	}
	return parseCsv(lines.join('\n') + '\n', 'gen.csv');
}

function same(a: FeatureMatrix, b: FeatureMatrix, what: string): void {
	expect([a.rows, a.cols], what).toEqual([b.rows, b.cols]);
	let diff = -1;
	for (let i = 0; i < a.data.length && diff < 0; i++) if (!Object.is(a.data[i], b.data[i])) diff = i;
	expect(diff, `${what}: first differing cell`).toBe(-1);
	expect(Array.from(a.rowIndex), what).toEqual(Array.from(b.rowIndex));
	expect(Array.from(a.status), what).toEqual(Array.from(b.status));
	expect(Array.from(a.fitted.scale.center).map(String), what).toEqual(Array.from(b.fitted.scale.center).map(String));
	expect(Array.from(a.fitted.scale.scale).map(String), what).toEqual(Array.from(b.fitted.scale.scale).map(String));
	expect(a.fitted.scale.methods, what).toEqual(b.fitted.scale.methods);
	expect(Array.from(a.fitted.weights), what).toEqual(Array.from(b.fitted.weights));
	expect(JSON.stringify(a.fitted.perFeature), what).toBe(JSON.stringify(b.fitted.perFeature));
	expect(a.fitted.columns, what).toEqual(b.fitted.columns);
}

it('the preparation pipeline makes the same matrix and fitted parameters as before, bit for bit', () => {
	const t = table(3000, 3);
	const other = table(800, 4);
	const all = ['spend', 'orders', 'delta', 'flat', 'share', 'region', 'channel'];
	const none: OutlierSpec = { method: 'none', threshold: 1.5, action: 'flag' };
	const recipes: [string, PrepInput, OutlierSpec][] = [
		['journey default', { features: ['spend', 'orders', 'share'], prep: { missing: 'median', scale: 'zscore', columns: { spend: { log1p: true } } } }, none],
		['every column, z-scores, weights', { features: all, prep: { missing: 'median', scale: 'zscore', columns: { spend: { log1p: true, weight: 2 }, region: { weight: 3 }, delta: { clip: [5, 95] } } } }, none],
		['drop missing, robust', { features: all, prep: { missing: 'drop', scale: 'robust' } }, none],
		['mean, min-max, set aside outliers', { features: ['spend', 'orders', 'delta', 'region'], prep: { missing: 'mean', scale: 'minmax' } }, { method: 'iqr', threshold: 1.5, action: 'setAside' }],
		['flagged outliers, Yeo-Johnson, per-column scalers', { features: ['spend', 'delta', 'share', 'channel'], prep: { missing: 'median', scale: 'zscore', columns: { delta: { yeoJohnson: true, scale: 'robust' }, share: { scale: 'none' }, spend: { scale: 'minmax' } } } }, { method: 'zscore', threshold: 2, action: 'flag' }],
		['clipped outliers, excluded rows, distinct rows', { features: ['orders', 'region', 'channel'], prep: { missing: 'constant', scale: 'zscore', distinctRows: true }, exclude: { rows: [1, 5, 9, 2999] } }, { method: 'iqr', threshold: 1, action: 'clip' }]
	];
	for (const [name, recipe, outliers] of recipes) {
		const spec = { plans: planFeatures(t, recipe), outliers, exclude: recipe.exclude?.rows, distinct: recipe.prep.distinctRows === true };
		const now = runPipeline(t, spec);
		same(now, runPipelineV1(t, { ...spec, plans: planFeatures(t, recipe) }), name);
		// Applied to other data without refitting (a saved model scoring new customers).
		same(runPipeline(other, { fitted: now.fitted }), runPipelineV1(other, { fitted: now.fitted }), `${name}, applied`);
	}
});

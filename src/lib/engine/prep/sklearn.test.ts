import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellTexts } from '../data/cell-text';
import { parseCsv } from '../data/csv';
import { fitCategoricalFill, fitFill } from './impute';
import { fitOutlierBounds } from './outliers';
import { prepare } from './prepare';
import { codesOf } from './encode';
import { fitScale } from './scale';
import { fitClip } from './transform';

const dir = new URL('../../../../tests/fixtures/prep/', import.meta.url);
const table = parseCsv(readFileSync(new URL('prep_input.csv', dir), 'utf8'), 'prep_input.csv');
const ref = JSON.parse(readFileSync(new URL('prep_reference.json', dir), 'utf8'));
const col = (n: string) => table.columns.find((c) => c.name === n)!;
const all = new Uint8Array(table.rowCount).fill(1);

/** Relative tolerance for values computed by different but equivalent float operations. */
const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('preparation against scikit-learn 1.2.1 (tests/fixtures/prep/make_reference.py)', () => {
	it('SimpleImputer: mean, median, most_frequent, constant; most_frequent on text', () => {
		close(fitFill(col('a').numbers, 'mean') as number, ref.impute.mean);
		expect(fitFill(col('a').numbers, 'median')).toBe(ref.impute.median);
		expect(fitFill(col('a').numbers, 'mode')).toBe(ref.impute.most_frequent);
		expect(fitFill(col('a').numbers, 'constant', -1)).toBe(ref.impute.constant);
		const { codes, levels } = codesOf(cellTexts(table, 'c'));
		expect(fitCategoricalFill(codes, levels, 'mode')).toBe(ref.impute_categorical);
	});

	it('RobustScaler, StandardScaler and MinMaxScaler fits', () => {
		const b = col('b').numbers;
		const p = fitScale(b, b.length, 1, ['robust']);
		expect([p.center[0], p.scale[0]]).toEqual([ref.robust.center, ref.robust.scale]);
		const z = fitScale(b, b.length, 1, 'zscore');
		close(z.center[0], ref.standard.center);
		close(z.scale[0], ref.standard.scale);
		const m = fitScale(b, b.length, 1, 'minmax');
		expect([m.center[0], m.scale[0]]).toEqual([ref.minmax.min, ref.minmax.range]);
	});

	it('percentile clipping and IQR fences use numpy linear percentiles', () => {
		expect(fitClip(col('b').numbers, all, [1, 99])).toEqual(ref.percentile_1_99);
		expect(fitOutlierBounds(col('b').numbers, all, 'iqr', 1.5)).toEqual(ref.iqr_bounds_1_5);
	});

	it('the whole preparation equals a ColumnTransformer (indicator weights divided out)', () => {
		const m = prepare(table, {
			features: ['a', 'b', 'c'],
			prep: { missing: 'median', scale: 'zscore', columns: { b: { log1p: true, scale: 'robust' }, c: { missing: 'mode' } } },
			columnTypes: { c: 'categorical' }
		});
		expect(m.fitted.perFeature[2].levels).toEqual(ref.onehot_categories);
		expect([m.rows, m.cols]).toEqual([ref.pipeline.rows, ref.pipeline.cols]);
		let worst = 0;
		for (let i = 0; i < m.data.length; i++) worst = Math.max(worst, Math.abs(m.data[i] / m.fitted.weights[i % m.cols] - ref.pipeline.data[i]));
		expect(worst).toBeLessThan(1e-12);
	});
});

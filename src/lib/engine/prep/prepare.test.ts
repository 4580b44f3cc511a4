import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { EngineError } from '../errors';
import { RowStatus } from '../types';
import { prepare } from './prepare';
import { fitScale, unscale } from './scale';

const table = parseCsv('id,a,b\n1,1,10\n2,2,\n3,3,30\n4,,40\n', 't.csv');

describe('fitScale', () => {
	it('z-scores with the population sd, as StandardScaler', () => {
		// a = 1, 2, 3, 4: mean 2.5, population variance 1.25
		const X = Float64Array.from([1, 2, 3, 4]);
		const p = fitScale(X, 4, 1, 'zscore');
		expect(p.center[0]).toBe(2.5);
		expect(p.scale[0]).toBeCloseTo(Math.sqrt(1.25), 15);
	});
	it('min-max maps to [0, 1]; a constant column gets scale 1', () => {
		const X = Float64Array.from([5, 7, 5, 7, 5, 7]); // cols: [5,5,5] and [7,7,7]
		const mm = fitScale(Float64Array.from([2, 7, 4, 7, 6, 7]), 3, 2, 'minmax');
		expect(Array.from(mm.center)).toEqual([2, 7]);
		expect(Array.from(mm.scale)).toEqual([4, 1]);
		const z = fitScale(X, 3, 2, 'zscore');
		expect(Array.from(z.scale)).toEqual([1, 1]);
	});
	it('unscale inverts scaling', () => {
		const p = fitScale(Float64Array.from([1, 10, 3, 30]), 2, 2, 'zscore');
		expect(Array.from(unscale(Float64Array.from([-1, -1, 1, 1]), 2, 2, p))).toEqual([1, 10, 3, 30]);
	});
});

describe('prepare', () => {
	it('fills with the median, then z-scores', () => {
		const m = prepare(table, { features: ['a', 'b'], prep: { missing: 'median', scale: 'none' } });
		expect(m.rows).toBe(4);
		expect(Array.from(m.data)).toEqual([1, 10, 2, 30, 3, 30, 2, 40]);
		expect(m.fitted.perFeature.map((f) => f.fill)).toEqual([2, 30]);
	});
	it('drops rows with a missing value and keeps their place', () => {
		const m = prepare(table, { features: ['a', 'b'], prep: { missing: 'drop', scale: 'zscore' } });
		expect(m.rows).toBe(2);
		expect(Array.from(m.rowIndex)).toEqual([0, 2]);
		expect(Array.from(m.status)).toEqual([RowStatus.clustered, RowStatus.droppedMissing, RowStatus.clustered, RowStatus.droppedMissing]);
		expect(Array.from(m.data)).toEqual([-1, -1, 1, 1]);
	});
	it('fills with the mean', () => {
		const m = prepare(table, { features: ['b'], prep: { missing: 'mean', scale: 'none' } });
		expect(m.data[1]).toBeCloseTo(80 / 3, 12);
	});
	it('explains a missing column, no features and too few rows', () => {
		const err = (f: () => unknown) => {
			try {
				f();
			} catch (e) {
				return e as EngineError;
			}
			throw new Error('expected an error');
		};
		expect(err(() => prepare(table, { features: ['zzz'], prep: { missing: 'median', scale: 'zscore' } })).code).toBe('recipe-mismatch');
		expect(err(() => prepare(table, { features: [], prep: { missing: 'median', scale: 'zscore' } })).code).toBe('no-features');
		const one = parseCsv('a\n1\n', 'one.csv');
		expect(err(() => prepare(one, { features: ['a'], prep: { missing: 'median', scale: 'zscore' } })).code).toBe('too-few-rows');
	});
});

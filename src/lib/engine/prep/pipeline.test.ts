import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { EngineError } from '../errors';
import { RowStatus } from '../types';
import { toFeatureUnits } from './invert';
import { applyFittedPrep, prepare } from './prepare';
import { previewPrep } from './preview';

const code = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return (e as EngineError).code;
	}
	return 'no error';
};

// x: 1..9 and one far value (100); g: a category with a blank.
const t = parseCsv('x,g\n1,a\n2,b\n3,a\n4,b\n5,a\n6,\n7,b\n8,a\n9,b\n100,a\n', 't.csv');
const base = { features: ['x'], prep: { missing: 'median' as const, scale: 'none' as const } };

describe('outliers', () => {
	// Q1 = 3.25, Q3 = 7.75, IQR = 4.5: fences −3.5 and 14.5; only 100 is outside.
	it('sets aside rows beyond the IQR fences; they keep their place', () => {
		const m = prepare(t, { ...base, prep: { ...base.prep, outliers: { method: 'iqr', threshold: 1.5, action: 'setAside' } } });
		expect(m.fitted.perFeature[0].outlierBounds).toEqual([-3.5, 14.5]);
		expect(m.rows).toBe(9);
		expect(m.status[9]).toBe(RowStatus.setAsideOutlier);
		expect(Array.from(m.rowIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
	});
	it('flags (still clustered) or clips (winsorises) instead', () => {
		const f = prepare(t, { ...base, prep: { ...base.prep, outliers: { method: 'iqr', threshold: 1.5, action: 'flag' } } });
		expect([f.rows, f.status[9]]).toEqual([10, RowStatus.flaggedOutlier]);
		const c = prepare(t, { ...base, prep: { ...base.prep, outliers: { method: 'iqr', threshold: 1.5, action: 'clip' } } });
		expect([c.rows, c.status[9], c.data[9]]).toEqual([10, RowStatus.clustered, 14.5]);
	});
	it('z-score rule uses the population sd', () => {
		const m = prepare(t, { ...base, prep: { ...base.prep, outliers: { method: 'zscore', threshold: 2, action: 'setAside' } } });
		expect(m.status[9]).toBe(RowStatus.setAsideOutlier);
		expect(m.rows).toBe(9);
	});
});

describe('transforms, encoding, weights', () => {
	it('log1p, then the centre maps back to original units', () => {
		const m = prepare(t, { ...base, prep: { missing: 'median', scale: 'zscore', columns: { x: { log1p: true } } } });
		expect(m.data[0]).toBeCloseTo((Math.log1p(1) - m.fitted.scale.center[0]) / m.fitted.scale.scale[0], 14);
		const back = toFeatureUnits(Float64Array.from([m.data[2]]), 1, m.fitted);
		expect(back[0]).toBeCloseTo(3, 12);
	});
	it('clips to percentiles before anything else sees the values', () => {
		const m = prepare(t, { ...base, prep: { ...base.prep, columns: { x: { clip: [0, 90] } } } });
		expect(m.fitted.perFeature[0].clip![0]).toBe(1);
		expect(m.fitted.perFeature[0].clip![1]).toBeCloseTo(18.1, 12); // np.percentile(x, 90) = 9 + 0.1·91
		expect(m.data[9]).toBeCloseTo(18.1, 12);
	});
	it('one-hot encodes with sorted levels, fills the blank with the mode, weights indicators by w/√2', () => {
		const m = prepare(t, { features: ['g'], prep: { missing: 'median', scale: 'zscore', columns: { g: { weight: 2 } } } });
		expect(m.fitted.columns).toEqual(['g=a', 'g=b']);
		expect(m.fitted.perFeature[0].fill).toBe('a');
		expect(m.data[5 * 2]).toBeCloseTo(Math.SQRT2, 14); // row 6 (blank) → a, weight 2/√2
		expect(m.data[5 * 2 + 1]).toBe(0);
	});
	it('refuses more than 50 levels unless allowed', () => {
		const many = parseCsv('g,x\n' + Array.from({ length: 60 }, (_, i) => `L${i},${i}`).join('\n'), 'm.csv');
		const r = { features: ['g'], prep: { missing: 'mode' as const, scale: 'none' as const }, columnTypes: { g: 'categorical' as const } };
		expect(code(() => prepare(many, r))).toBe('too-many-levels');
		expect(prepare(many, { ...r, prep: { ...r.prep, columns: { g: { allowManyLevels: true } } } }).cols).toBe(60);
	});
	it('drops rows with a blank category under "drop"', () => {
		const m = prepare(t, { features: ['g'], prep: { missing: 'drop', scale: 'none' } });
		expect([m.rows, m.status[5]]).toEqual([9, RowStatus.droppedMissing]);
	});
});

describe('edge cases', () => {
	it('an all-missing column, a constant column, one row', () => {
		const e = parseCsv('x,y,k\n,1,5\n,2,5\n,3,5\n', 'e.csv');
		expect(code(() => prepare(e, { features: ['x'], prep: { missing: 'median', scale: 'zscore' }, columnTypes: { x: 'numeric' } }))).toBe('no-numeric-column');
		const k = prepare(e, { features: ['k', 'y'], prep: { missing: 'median', scale: 'zscore' } });
		expect(Array.from(k.data.filter((_, i) => i % 2 === 0))).toEqual([0, 0, 0]); // constant → scale 1 → zeros
		const robust = prepare(e, { features: ['k'], prep: { missing: 'median', scale: 'robust' } });
		expect(robust.fitted.scale.scale[0]).toBe(1);
		expect(code(() => prepare(parseCsv('x\n1\n', 'o.csv'), base))).toBe('too-few-rows');
		expect(code(() => prepare(t, { ...base, prep: { ...base.prep, columns: { x: { log1p: true } } } }))).toBe('no error');
		expect(code(() => prepare(parseCsv('x\n-1\n2\n', 'n.csv'), { ...base, prep: { ...base.prep, columns: { x: { log1p: true } } } }))).toBe('bad-parameter');
	});
	it('mean and median are refused for a categorical column set explicitly', () => {
		expect(code(() => prepare(t, { features: ['g'], prep: { missing: 'median', scale: 'none', columns: { g: { missing: 'mean' } } } }))).toBe('bad-parameter');
	});
});

describe('applyFittedPrep', () => {
	const recipe = {
		features: ['x', 'g'],
		prep: { missing: 'median' as const, scale: 'robust' as const, outliers: { method: 'iqr' as const, threshold: 1.5, action: 'setAside' as const }, columns: { x: { log1p: true } } }
	};
	it('reproduces the fitted matrix exactly on the same data', () => {
		const m = prepare(t, recipe);
		const again = applyFittedPrep(t, m.fitted);
		expect(Array.from(again.data)).toEqual(Array.from(m.data));
		expect(Array.from(again.status)).toEqual(Array.from(m.status));
	});
	it('applies the fitted parameters to new data without refitting; unseen levels get no indicator', () => {
		const m = prepare(t, recipe);
		const fresh = parseCsv('x,g\n,z\n50,a\n', 'new.csv');
		const n = applyFittedPrep(fresh, m.fitted);
		expect(n.status[1]).toBe(RowStatus.setAsideOutlier); // 50 → log1p 3.93, above the fence fitted on t
		expect(n.rows).toBe(1);
		const fill = m.fitted.perFeature[0].fill as number;
		expect(n.data[0]).toBeCloseTo((Math.log1p(fill) - m.fitted.scale.center[0]) / m.fitted.scale.scale[0], 14);
		expect([n.data[1], n.data[2]]).toEqual([0, 0]);
	});
});

describe('previewPrep', () => {
	it('reports each step, the rows it removes, and histograms before and after', () => {
		const p = previewPrep(t, { ...base, prep: { ...base.prep, outliers: { method: 'iqr', threshold: 1.5, action: 'setAside' } } }, 'x');
		expect(p.steps.map((s) => [s.step, s.removed, s.rowsAfter])).toEqual([
			['missing', 0, 10],
			['transform', 0, 10],
			['outliers', 1, 9],
			['scale', 0, 9]
		]);
		expect(p.steps[2].before!.counts.reduce((a, b) => a + b, 0)).toBe(10);
		expect(p.steps[2].after!.counts.reduce((a, b) => a + b, 0)).toBe(9);
		expect(p.rowsClustered).toBe(9);
	});
});

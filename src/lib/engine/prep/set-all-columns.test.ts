import { describe, expect, it } from 'vitest';
import { nameRecord, own } from '../names';
import type { PrepSpec } from '../recipe';
import { setAllColumns } from './set-all-columns';

const base = (): PrepSpec => ({
	missing: 'median',
	scale: 'zscore',
	outliers: { method: 'none', threshold: 1.5, action: 'flag' },
	columns: nameRecord([
		['spend', { scale: 'minmax', log1p: true }],
		['region', { missing: 'constant', fillValue: 'n/a' }]
	])
});
const feats = [
	{ name: 'spend', oneHot: false },
	{ name: 'visits', oneHot: false },
	{ name: 'region', oneHot: true },
	{ name: '__proto__', oneHot: false }
];

describe('setAllColumns', () => {
	it('writes the scaling into every numeric feature row and the default, keeping other settings', () => {
		const out = setAllColumns(base(), feats, { scale: 'robust' });
		expect(out.scale).toBe('robust');
		expect(own(out.columns, 'spend')).toEqual({ scale: 'robust', log1p: true });
		expect(own(out.columns, 'visits')).toEqual({ scale: 'robust' });
		expect(own(out.columns, '__proto__')).toEqual({ scale: 'robust' });
		// One-hot indicators are not scaled: their row is left as it was.
		expect(own(out.columns, 'region')).toEqual({ missing: 'constant', fillValue: 'n/a' });
		expect(Object.getPrototypeOf(out.columns)).toBe(null);
	});

	it('writes the missing-value rule into every row, the most frequent level for categorical ones', () => {
		const out = setAllColumns(base(), feats, { missing: 'mean' });
		expect(out.missing).toBe('mean');
		expect(own(out.columns, 'spend')).toEqual({ scale: 'minmax', log1p: true, missing: 'mean' });
		expect(own(out.columns, 'region')).toEqual({ missing: 'mode' });
		expect(own(setAllColumns(base(), feats, { missing: 'drop' }).columns, 'region')).toEqual({ missing: 'drop' });
	});

	it('does not change the preparation it was given', () => {
		const prep = base();
		setAllColumns(prep, feats, { scale: 'none' });
		expect(prep).toEqual(base());
	});
});

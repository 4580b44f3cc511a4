import { describe, expect, it } from 'vitest';
import { formatP } from '../profile/segment-profile';
import { smdLayout } from './smd-layout';

describe('smdLayout', () => {
	it('leaves room for the longest row name, the rotated feature names and the legend', () => {
		const rows = ['1. Broad-basket long-standing customers', '2. Support-heavy disengaged customers'];
		const features = ['total_purchases', 'product_categories_purchased', 'account_age_days'];
		const L = smdLayout(rows, features);
		expect(L.rowLabelW).toBeGreaterThanOrEqual(6.5 * rows[0].length);
		expect(L.colLabelH).toBeGreaterThanOrEqual(0.77 * 6.5 * 'product_categories_purchased'.length);
		// The last column's name, rotated up and to the right from its centre, ends inside the width.
		expect(L.width).toBeGreaterThanOrEqual(L.rowLabelW + 2.5 * L.cellW + 0.65 * 6.5 * 'account_age_days'.length);
		expect(L.width).toBeGreaterThanOrEqual(L.rowLabelW + 5 * L.legendStep);
		expect(L.height).toBe(L.colLabelH + rows.length * L.cellH + 48);
	});
});

describe('formatP', () => {
	it('writes p-values for people, an underflowed 0 included', () => {
		expect(formatP(0.5)).toBe('0.5000');
		expect(formatP(3.2e-7)).toBe('3.2e-7');
		expect(formatP(0)).toBe('< 1e-300');
		expect(formatP(NaN)).toBe('–');
	});
});

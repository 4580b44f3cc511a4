import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { resultsCsv } from '../export/csv';
import { defaultRecipe, validateRecipe } from '../recipe';
import { RowStatus } from '../types';
import { prepare } from './prepare';

/** Rows the user leaves out (Recipe.exclude): no part in any fit, kept in place in the export with their reason. */
describe('Recipe.exclude', () => {
	const text = 'id,a,b\n' + Array.from({ length: 12 }, (_, i) => `r${i},${i === 3 ? '' : i * 2},${(i % 4) * 3}`).join('\n') + '\n';
	const table = parseCsv(text, 't.csv');
	const base = { ...defaultRecipe(fingerprint(table), profileTable(table)), features: ['a', 'b'], kRange: [2, 2] as [number, number], k: 2 };

	it('marks the rows excluded, fits scaling and fills without them, and keeps them in the export', () => {
		const recipe = validateRecipe({ ...base, exclude: { rows: [2, 4, 11] } });
		const m = prepare(table, recipe);
		expect(Array.from(m.status).map((s, i) => (s === RowStatus.excluded ? i : -1)).filter((i) => i >= 0)).toEqual([1, 3, 10]);
		expect(m.rows).toBe(9);
		// Row 4 (0-based 3) has a missing a but is excluded: not "dropped", and its blank does not move the median.
		const kept = [0, 2, 4, 5, 6, 7, 8, 9, 11].map((i) => i * 2);
		expect(m.fitted.scale.center[0]).toBeCloseTo(kept.reduce((x, y) => x + y, 0) / kept.length, 12);
		const result = analyse(table, recipe);
		expect(result.notes.join(' ')).toContain('3 row(s) were left out of this run by you');
		const csv = resultsCsv(table, { rowIndex: result.rowIndex, status: result.status, labels: result.labels[0] }).split('\n');
		expect(csv[2]).toBe('r1,2,3,,left out: excluded by the user');
		expect(csv).toHaveLength(14);
	});

	it('refuses rows that are not ascending whole numbers from 1', () => {
		expect(() => validateRecipe({ ...base, exclude: { rows: [3, 2] } })).toThrow(/"exclude"/);
		expect(() => validateRecipe({ ...base, exclude: { rows: [0] } })).toThrow(/"exclude"/);
		expect(() => validateRecipe({ ...base, exclude: [1] })).toThrow(/"exclude"/);
	});
});

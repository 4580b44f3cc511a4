import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { defaultRecipe } from '../recipe';
import { resultsCsv } from './csv';
import { outputNameNotes } from './output-names';

describe('an input column named segment', () => {
	it('is kept as it is; the labels go to segment_2, and the run says so', () => {
		const t = parseCsv(['segment,spend,visits', ...Array.from({ length: 30 }, (_, i) => `s${i % 2},${(i * 7) % 13},${(i * 5) % 11}`)].join('\n'), 'seg.csv');
		const recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), kRange: [2, 2] as [number, number] };
		const r = analyse(t, recipe);
		expect(r.notes).toContain('The file already has a column named "segment"; it is kept as it is, and the exported segment numbers are in "segment_2".');
		const head = resultsCsv(t, { rowIndex: r.rowIndex, status: r.status, labels: r.labels[0] }).split('\n')[0];
		expect(head).toBe('segment,spend,visits,segment_2,status');
		expect(outputNameNotes(['a', 'status'])).toEqual(['The file already has a column named "status"; it is kept as it is, and the exported row statuses are in "status_2".']);
		expect(outputNameNotes(['a', 'b'])).toEqual([]);
	});
});

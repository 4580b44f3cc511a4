import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { defaultRecipe } from '../recipe';
import { profileCsv } from './profile-csv';

describe('profile CSV', () => {
	it('one-hot features get one line per level with the segment share of that level, checked against the rows', () => {
		const regions = ['north', 'south', 'east'];
		const t = parseCsv(['spend,region', ...Array.from({ length: 60 }, (_, i) => `${(i % 2) * 50 + (i % 7)},${regions[(i * 5) % 3]}`)].join('\n'), 'p.csv');
		const recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), features: ['spend', 'region'], kRange: [2, 2] as [number, number] };
		const r = analyse(t, recipe);
		const s = r.perK[0];
		const lines = profileCsv(s.profile!, ['A', 'B']).trimEnd().split(/\r?\n/).map((l) => l.split(','));
		const rows = lines.slice(1);
		expect(rows.filter((x) => x[0] === '1').map((x) => x[5]).sort()).toEqual(['region=east', 'region=north', 'region=south', 'spend']);
		const labels = r.labels[0];
		for (const seg of [1, 2]) {
			const inSeg = Array.from(r.rowIndex).filter((_, i) => labels[i] === seg - 1);
			for (const level of regions) {
				const line = rows.find((x) => x[0] === String(seg) && x[5] === `region=${level}`)!;
				const want = inSeg.filter((row) => regions[(row * 5) % 3] === level).length / inSeg.length;
				expect(Number(line[6])).toBeCloseTo(want, 12);
				expect(line[7]).toBe('');
			}
		}
	});
});

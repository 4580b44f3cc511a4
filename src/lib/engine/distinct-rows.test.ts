/**
 * The duplicated-block card's remedy, end to end: "Cluster distinct rows only" (Recipe prep.distinctRows) clusters each
 * repeated feature vector once; every row stays in the export, in order, the repeats with their first occurrence's
 * segment; turning it off again (the recipe without the flag) gives back the first run exactly.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from './analyse';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';
import { resultsCsv } from './export/csv';
import { defaultRecipe, validateRecipe, type Recipe } from './recipe';
import { applyRemedy } from './remedy';
import { Rng } from './random';
import { RowStatus } from './types';

// 300 customers in three groups, then a placeholder row (0, 0) pasted 5 times at different places.
const rng = new Rng(11);
const lines = ['customer_id,spend,visits'];
const placeholderAt = new Set([17, 99, 150, 240, 301]);
for (let i = 0, g = 0; i < 305; i++) {
	if (placeholderAt.has(i)) lines.push(`P${i},0,0`);
	else {
		const c = g++ % 3;
		lines.push(`C${i},${(50 + 40 * c + 5 * rng.normal()).toFixed(2)},${(10 + 8 * c + 1.5 * rng.normal()).toFixed(2)}`);
	}
}
const table = parseCsv(lines.join('\n') + '\n', 'blocks.csv');
const base: Recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), features: ['spend', 'visits'], kRange: [4, 4], k: 4 };

describe('Cluster distinct rows only (the duplicated-block remedy)', () => {
	const before = analyse(table, base);
	const card = before.perK[0].extremes?.find((e) => e.cause === 'duplicates');

	it('the card names the duplicated block and offers the remedy', () => {
		expect(card, JSON.stringify(before.perK[0].extremes?.map((e) => e.text))).toBeDefined();
		expect(card!.remedy).toEqual({ kind: 'distinctRows', label: 'Cluster distinct rows only' });
	});

	it('one click: repeats clustered once, every row kept in order with its first occurrence\'s segment', () => {
		const recipe = applyRemedy(base, card!.remedy!);
		expect(recipe.prep.distinctRows).toBe(true);
		expect(base.prep.distinctRows).toBeUndefined();
		// The recipe file keeps the choice.
		expect(validateRecipe(JSON.parse(JSON.stringify(recipe))).prep.distinctRows).toBe(true);
		const after = analyse(table, { ...recipe, k: 4 });
		expect(after.rowsClustered).toBe(301);
		expect(after.perK[0].extremes?.some((e) => e.cause === 'duplicates') ?? false).toBe(false);
		const repeats = [...placeholderAt].slice(1);
		expect(repeats.map((r) => after.status[r])).toEqual(repeats.map(() => RowStatus.repeat));
		expect(repeats.map((r) => after.repeatOf![r])).toEqual(repeats.map(() => 17));
		expect(after.notes.some((n) => n.startsWith('4 row(s) repeat an earlier row'))).toBe(true);
		const labels = after.labels[0];
		const csv = resultsCsv(table, { rowIndex: after.rowIndex, status: after.status, labels, repeatOf: after.repeatOf }).trim().split('\n');
		expect(csv.length).toBe(306);
		const rows = csv.slice(1).map((l) => l.split(','));
		// Ids in the original order, every row labelled.
		expect(rows.map((r) => r[0])).toEqual(lines.slice(1).map((l) => l.split(',')[0]));
		expect(rows.every((r) => /^[1-4]$/.test(r[3]))).toBe(true);
		const seg17 = rows[17][3];
		for (const r of repeats) expect(rows[r].slice(3)).toEqual([seg17, 'repeat: segment of its first occurrence']);
		expect(rows[17][4]).toBe('clustered');
	});

	it('turned off again, the run is the first one exactly', () => {
		const undone = analyse(table, { ...applyRemedy(base, card!.remedy!), prep: { ...base.prep } });
		expect(Array.from(undone.labels[0])).toEqual(Array.from(before.labels[0]));
		expect(undone.repeatOf).toBeUndefined();
	});

	it('a repeat of a row that was not clustered shares its status', () => {
		const t = parseCsv('a,b\n1,\n1,\n2,3\n4,5\n6,7\n', 'm.csv');
		const r: Recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), features: ['a', 'b'], kRange: [2, 2], k: 2 };
		const res = analyse(t, { ...r, prep: { ...r.prep, missing: 'drop', distinctRows: true } });
		expect(Array.from(res.status)).toEqual([RowStatus.droppedMissing, RowStatus.droppedMissing, 0, 0, 0]);
	});
});

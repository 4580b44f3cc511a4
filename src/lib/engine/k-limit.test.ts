import { describe, expect, it } from 'vitest';
import { kRangeProblem, maxSupportedK } from './k-limit';
import { defaultRecipe } from './recipe';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';

describe('k range capped by the rows', () => {
	it('about five rows per segment at the largest k, never below 2 or above 30', () => {
		expect([3, 7, 10, 14, 15, 50, 440, 1e6].map(maxSupportedK)).toEqual([2, 2, 2, 2, 3, 10, 30, 30]);
		expect(kRangeProblem(10, 7)).toBe('7 rows support at most 2 segments (about 5 rows per segment or more); k = 10 would leave about 0.7 rows per segment.');
		expect(kRangeProblem(10, 50)).toBeNull();
		expect(kRangeProblem(11, 50)).toMatch(/at most 10 segments/);
		// Many rows: the cap is the product's 30, never a rows-per-segment figure that would contradict the refusal.
		expect(kRangeProblem(99, 5000)).toBe('Segment Lab tries at most 30 segments (more are rarely usable by a team, and each k adds a full clustering run); k = 99 is beyond that.');
		expect(kRangeProblem(31, 150)).toMatch(/150 rows support at most 30 segments.*about 4\.8 rows per segment/);
	});

	it('the default range follows it', () => {
		const t = parseCsv('a,b\n' + Array.from({ length: 7 }, (_, i) => `${i},${(i * 3) % 5}`).join('\n') + '\n', 'seven.csv');
		expect(defaultRecipe(fingerprint(t), profileTable(t)).kRange).toEqual([2, 2]);
		const t2 = parseCsv('a,b\n' + Array.from({ length: 30 }, (_, i) => `${i * 1.5},${(i * 3) % 7}`).join('\n') + '\n', 'thirty.csv');
		expect(defaultRecipe(fingerprint(t2), profileTable(t2)).kRange).toEqual([2, 6]);
	});
});

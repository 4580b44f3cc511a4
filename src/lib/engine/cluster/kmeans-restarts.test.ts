/**
 * The early-stop rule of kmeans-restarts.ts: it applies only to the extra restarts on small data, and where it stops a
 * run early the result is the one all the restarts give (same restart, labels and inertia), with fewer restarts made.
 */
import { describe, expect, it } from 'vitest';
import { BEST_REPEATS, kmeansEarlyStop, kmeansRestarts, SMALL_DATA_RESTARTS } from './kmeans-restarts';
import { kmeans } from './kmeans';
import { loadOptimaData } from '../../../../tests/fixtures/kmeans-optima/load';

describe('k-means early stop', () => {
	it('applies only beyond the small-data minimum, with more restarts on', () => {
		expect(kmeansEarlyStop(10, true)).toBeNull();
		expect(kmeansEarlyStop(SMALL_DATA_RESTARTS, true)).toBeNull();
		expect(kmeansEarlyStop(300, false)).toBeNull();
		expect(kmeansEarlyStop(300, true)).toEqual({ after: SMALL_DATA_RESTARTS, repeats: BEST_REPEATS, tolerance: 1e-9 });
		// 150 × 4 values: the full 300 restarts are allowed, so the rule decides.
		expect(kmeansEarlyStop(kmeansRestarts(10, true, 150, 4), true)).not.toBeNull();
	});

	for (const [k, scaling] of [[3, 'z'], [5, 'z'], [4, 'raw']] as const) {
		it(`iris ${scaling} k = ${k}: the same restart as all ${kmeansRestarts(10, true, 150, 4)}, after fewer`, () => {
			const { X, rows, cols } = loadOptimaData('iris', scaling);
			const nInit = kmeansRestarts(10, true, rows, cols);
			const base = { nInit, refine: 'hartigan' as const };
			const all = kmeans(X, rows, cols, k, base, { seed: 7 });
			const early = kmeans(X, rows, cols, k, { ...base, earlyStop: kmeansEarlyStop(nInit, true) }, { seed: 7 });
			expect(all.restarts).toBe(nInit);
			expect(early.restarts).toBeGreaterThanOrEqual(SMALL_DATA_RESTARTS);
			expect(early.restarts).toBeLessThan(nInit);
			expect(early.bestRestart).toBe(all.bestRestart);
			expect(early.inertia).toBe(all.inertia);
			expect(Array.from(early.labels)).toEqual(Array.from(all.labels));
		});
	}
});

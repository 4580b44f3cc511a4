/**
 * The sweep's progress counts finished k values, never the preparation: with helpers taking k values while the
 * primary still prepares, it read "-1 of 9" (issue 18). Clients here run the engine directly, as the worker does.
 */
import { describe, expect, it, vi } from 'vitest';
import { TEAM_MIN_ROWS } from '../engine/cluster/kmeans-team';
import { clusterOneK, prepareRun } from '../engine/analyse';
import { parseCsv } from '../engine/data/csv';
import { fingerprint } from '../engine/data/fingerprint';
import { profileTable } from '../engine/data/profile';
import type { Progress } from '../engine/progress';
import { defaultRecipe, type Recipe } from '../engine/recipe';
import { sweep } from './engine-pool';
import type { EngineClient } from './pool';

const table = parseCsv(['a,b', ...Array.from({ length: 80 }, (_, i) => `${(i % 4) * 5 + (i % 7) / 3},${(i % 3) * 4 + (i % 5) / 2}`)].join('\n'), 't.csv');

function fakeClient(log: string[] = []): EngineClient {
	const tick = () => new Promise((r) => setTimeout(r, 5));
	return {
		async runBase(recipe: Recipe, o: { onProgress?: (p: Progress) => void }) {
			for (let i = 0; i < 4; i++) {
				o.onProgress?.({ stage: 'Preparing features', fraction: i / 4 });
				await tick();
			}
			return prepareRun(table, recipe).base;
		},
		async clusterK(recipe: Recipe, k: number, o: { onProgress?: (p: Progress) => void }) {
			o.onProgress?.({ stage: `k = ${k}`, fraction: 0.5 });
			await tick();
			log.push(`k=${k}`);
			return clusterOneK(table, prepareRun(table, recipe).matrix, recipe, k);
		},
		releaseRunMemory() {
			log.push('release');
		},
		terminate() {}
	} as unknown as EngineClient;
}

describe('sweep progress', () => {
	it('reads 0 … 9 of 9 values of k done, never a negative count', async () => {
		const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [2, 10] as [number, number] };
		const stages: string[] = [];
		const out = await sweep(fakeClient(), [fakeClient(), fakeClient()], recipe, [2, 3, 4, 5, 6, 7, 8, 9, 10], { onProgress: (p) => stages.push(p.stage) });
		expect(out.result?.perK).toHaveLength(9);
		const counts = stages.map((s) => Number(/\((-?\d+) of 9 values of k done\)/.exec(s)![1]));
		expect(Math.min(...counts)).toBe(0);
		expect(Math.max(...counts)).toBe(9);
		for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
	});
});

describe('sweep memory', () => {
	it("on a team run, the primary lets go of the k-means team's memory once, after the last k", async () => {
		vi.stubGlobal('crossOriginIsolated', true);
		try {
			const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [2, 4] as [number, number] };
			const log: string[] = [], helperLog: string[] = [];
			const out = await sweep(fakeClient(log), [fakeClient(helperLog)], recipe, [2, 3, 4], { rows: TEAM_MIN_ROWS });
			expect(out.result?.perK).toHaveLength(3);
			expect(log).toEqual(['k=4', 'k=3', 'k=2', 'release']);
			expect(helperLog).toEqual([]);
			// Not a team run (fewer rows): nothing to release.
			const small: string[] = [];
			await sweep(fakeClient(small), [], recipe, [2, 3], { rows: TEAM_MIN_ROWS - 1 });
			expect(small).toEqual(['k=3', 'k=2']);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});

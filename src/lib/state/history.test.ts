import { describe, expect, it } from 'vitest';
import { HISTORY_SIZE, RunHistory } from './history.svelte';
import { DEFAULT_ALGORITHMS, defaultRecipe, type Recipe } from '$lib/engine/recipe';
import type { AnalysisResult } from '$lib/engine/analyse';

const source = { name: 'c.csv', bytes: 100, rows: 50, columns: ['a', 'b'], hash: 'h1' } as Recipe['source'];
const result = (patch: Partial<Recipe> = {}) =>
	({ recipe: { ...defaultRecipe(source, []), features: ['a', 'b'], kRange: [2, 4], ...patch }, perK: [{ k: 3, silhouette: 0.5 }], recommendation: { k: 3 }, chosenK: 3, rowsClustered: 50, rowCount: 50 }) as unknown as AnalysisResult;

describe('RunHistory', () => {
	it('labels each run by what changed, with its summary, and keeps the last HISTORY_SIZE', () => {
		const h = new RunHistory();
		const first = result();
		h.add(first, 1500);
		h.add(first); // the same result again (a partial result settling): not a new run
		h.add(result({ algorithm: { ...DEFAULT_ALGORITHMS.gmm } }), 900);
		expect(h.entries.map((e) => e.label)).toEqual(['Run 1 (first run)', 'Run 2 (Gaussian mixture)']);
		expect(h.entries[1].summary).toMatchObject({ algorithm: 'Gaussian mixture', kRange: '2–4', recommendedK: 3, silhouette: 0.5, ms: 900 });
		for (let i = 0; i < HISTORY_SIZE; i++) h.add(result({ seed: i + 1 }));
		expect(h.entries.length).toBe(HISTORY_SIZE);
		expect(h.entries[0].id).toBe(3);
		expect(h.of(first)).toBeUndefined();
	});

	it('remembers the names typed on a run, and starts from those its Recipe carried', () => {
		const h = new RunHistory();
		const r = result({ segmentNames: { '3': ['A'] } });
		h.add(r);
		expect(h.of(r)!.names).toEqual({ '3': ['A'] });
		h.keepNames(r, { '3': ['A', 'B'] });
		expect(h.of(r)!.names).toEqual({ '3': ['A', 'B'] });
		h.clear();
		expect(h.entries).toEqual([]);
	});
});

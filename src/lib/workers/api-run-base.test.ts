/**
 * runBase moves the projection (PCA scores and coordinates) to the page instead of keeping a copy in the worker;
 * a second run on the same preparation computes it again: the same numbers, bit for bit, as preparing afresh.
 */
import { describe, expect, it } from 'vitest';
import api from './api';
import { prepareRun } from '../engine/analyse';
import { loadTable } from '../engine/data/load';
import { describeTable } from '../engine/data/describe';
import { fingerprint } from '../engine/data/fingerprint';
import { recipeForTable } from '../engine/recipe-for-table';
import type { Recipe } from '../engine/recipe';

const lines = ['id,spend,visits,tenure,region'];
for (let i = 0; i < 600; i++) lines.push(`c${i},${((i * 7919) % 1000) / 3 + (i % 3) * 400},${(i * 31) % 17},${(i * 13) % 365},${['N', 'S', 'E'][i % 3]}`);
const csv = lines.join('\n') + '\n';

async function setup(): Promise<Recipe> {
	const out = await api.load({ name: 'c.csv', blob: new Blob([csv]) });
	if (!out.ok) throw new Error(out.error.message);
	const table = await loadTable({ bytes: new TextEncoder().encode(csv) }, 'c.csv');
	return recipeForTable(fingerprint(table), describeTable(table).profiles);
}

describe('runBase', () => {
	it('sends the projection once and recomputes the same numbers for the next run', async () => {
		const recipe = await setup();
		const table = await loadTable({ bytes: new TextEncoder().encode(csv) }, 'c.csv');
		const fresh = prepareRun(table, recipe).base;
		const first = await api.runBase(recipe);
		if (!first.ok) throw new Error(first.error.message);
		expect(first.value.pca.scores.length).toBe(600 * fresh.pca.dims);
		expect(Array.from(first.value.pca.scores)).toEqual(Array.from(fresh.pca.scores));
		expect(Array.from(first.value.pca.coords)).toEqual(Array.from(fresh.pca.coords));
		const k = await api.clusterK(recipe, 3);
		expect(k.ok).toBe(true);
		// Another run on the same preparation (another k range): the projection again, identical.
		const second = await api.runBase({ ...recipe, kRange: [2, 4] });
		if (!second.ok) throw new Error(second.error.message);
		expect(Array.from(second.value.pca.scores)).toEqual(Array.from(fresh.pca.scores));
		expect(Array.from(second.value.pca.coords)).toEqual(Array.from(fresh.pca.coords));
		expect(second.value.pca.explainedVariance).toEqual(fresh.pca.explainedVariance);
		expect(Array.from(second.value.rowIndex)).toEqual(Array.from(fresh.rowIndex));
		// Clustered on principal components: prepared again, still identical.
		const onPcs = { ...recipe, pcaComponents: 2 };
		const freshPcs = prepareRun(table, onPcs).base;
		for (let run = 0; run < 2; run++) {
			const r = await api.runBase(onPcs);
			if (!r.ok) throw new Error(r.error.message);
			expect(Array.from(r.value.pca.scores)).toEqual(Array.from(freshPcs.pca.scores));
		}
	});
});

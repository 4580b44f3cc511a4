/**
 * runBase moves the projection (PC1–PC2's screen positions; the page keeps no scores) to the page instead of
 * keeping a copy in the worker; a second run on the same preparation computes it again: the same numbers, bit for
 * bit, as preparing afresh. The scores the page asks for later (pcaPair for other axes, pcaColumns for the results
 * CSV) are the same numbers, bit for bit, as the scores the page held before.
 */
import { describe, expect, it } from 'vitest';
import api from './api';
import { prepareRun } from '../engine/analyse';
import { scorePair } from '../engine/project/pca-view';
import { loadTable } from '../engine/data/load';
import { describeTable } from '../engine/data/describe';
import { fingerprint } from '../engine/data/fingerprint';
import { recipeForTable } from '../engine/recipe-for-table';
import type { Recipe } from '../engine/recipe';

const lines = ['id,spend,visits,tenure,region'];
for (let i = 0; i < 600; i++) lines.push(`c${i},${((i * 7919) % 1000) / 3 + (i % 3) * 400},${(i * 31) % 17},${(i * 13) % 365},${['N', 'S', 'E'][i % 3]}`);
const csv = lines.join('\n') + '\n';

/** The bytes of a typed array (bit-for-bit comparisons: -0, NaN payloads). */
const bytes = (a: Float32Array | Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
/** Column c of rows × dims scores (0 past the last component). */
const column = (scores: Float64Array, dims: number, c: number) => Float64Array.from({ length: scores.length / dims }, (_, i) => (c < dims ? scores[i * dims + c] : 0));

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
		expect(fresh.pca.scores.length).toBe(600 * fresh.pca.dims);
		expect(first.value.pca.scores.length).toBe(0);
		expect(first.value.pca.mean).toEqual(fresh.pca.mean);
		expect(bytes(first.value.pca.coords)).toEqual(bytes(fresh.pca.coords));
		const k = await api.clusterK(recipe, 3);
		expect(k.ok).toBe(true);
		// Another run on the same preparation (another k range): the projection again, identical.
		const second = await api.runBase({ ...recipe, kRange: [2, 4] });
		if (!second.ok) throw new Error(second.error.message);
		expect(second.value.pca.scores.length).toBe(0);
		expect(Array.from(second.value.pca.coords)).toEqual(Array.from(fresh.pca.coords));
		expect(second.value.pca.explainedVariance).toEqual(fresh.pca.explainedVariance);
		expect(Array.from(second.value.rowIndex)).toEqual(Array.from(fresh.rowIndex));
		// Clustered on principal components: prepared again, still identical.
		const onPcs = { ...recipe, pcaComponents: 2 };
		const freshPcs = prepareRun(table, onPcs).base;
		for (let run = 0; run < 2; run++) {
			const r = await api.runBase(onPcs);
			if (!r.ok) throw new Error(r.error.message);
			expect(bytes(r.value.pca.coords)).toEqual(bytes(freshPcs.pca.coords));
		}
	});

	it('gives the page any two axes and the CSV columns with the same numbers as the scores, bit for bit', async () => {
		const recipe = await setup();
		const table = await loadTable({ bytes: new TextEncoder().encode(csv) }, 'c.csv');
		for (const rec of [recipe, { ...recipe, pcaComponents: 2 }]) {
			const fresh = prepareRun(table, rec).base.pca;
			const base = await api.runBase(rec);
			if (!base.ok) throw new Error(base.error.message);
			const fit = { mean: base.value.pca.mean, components: base.value.pca.components };
			const { dims } = fresh;
			expect(dims).toBeGreaterThan(2);
			for (const [a, b] of [[0, 1], [0, 2], [2, 1], [dims - 1, 0], [1, dims]]) {
				const pair = await api.pcaPair(rec, fit, a, b);
				if (!pair.ok) throw new Error(pair.error.message);
				expect(bytes(pair.value)).toEqual(bytes(scorePair(fresh, a, b)));
				const cols = await api.pcaColumns(rec, fit, [a, b]);
				if (!cols.ok) throw new Error(cols.error.message);
				expect(bytes(cols.value[0])).toEqual(bytes(column(fresh.scores, dims, a)));
				expect(bytes(cols.value[1])).toEqual(bytes(column(fresh.scores, dims, b)));
			}
		}
	});
});

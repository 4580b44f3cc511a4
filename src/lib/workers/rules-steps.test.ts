/**
 * The rules as steps under the page's Cancel (job-control.ts runSteps): a cancel stops them at the next checkpoint
 * within 200 ms, and the steps run to the end give exactly what the one-call form gives. A 60,000-row matrix (the
 * tree grown on a sample of 20,000, the labels and costs over every row), k = 6.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../engine/data/csv';
import { fingerprint } from '../engine/data/fingerprint';
import { profileTable } from '../engine/data/profile';
import { explain, explainSteps, rulesAt, rulesAtSteps } from '../engine/explain/rules';
import { prepare } from '../engine/prep/prepare';
import { Rng } from '../engine/random';
import { defaultRecipe } from '../engine/recipe';
import { cancelJob, jobControl, runSteps } from './job-control';

const rows = 60_000, k = 6;
const names = ['a', 'b', 'c', 'd'];
const rng = new Rng(5);
const means = Array.from({ length: k }, () => names.map(() => 4 * rng.normal()));
const latent = Int32Array.from({ length: rows }, () => rng.int(k));
const text = [names.join(','), ...Array.from(latent, (s) => means[s].map((m) => (m + rng.normal()).toFixed(4)).join(','))].join('\n');
const table = parseCsv(text, 'blobs.csv');
const recipe = defaultRecipe(fingerprint(table), profileTable(table));
recipe.features = names;
recipe.prep.columns = Object.fromEntries(names.map((f) => [f, { log1p: false, clip: null, scale: 'zscore' as const }]));
const matrix = prepare(table, recipe);
const { data, cols } = matrix;
// The segments' centres in the prepared space (the latent groups' means).
const centers = new Float64Array(k * cols), counts = new Float64Array(k);
for (let i = 0; i < rows; i++) {
	counts[latent[i]]++;
	for (let j = 0; j < cols; j++) centers[latent[i] * cols + j] += data[i * cols + j];
}
for (let s = 0; s < k; s++) for (let j = 0; j < cols; j++) centers[s * cols + j] /= counts[s];
const labels = latent;

describe('the rules as steps the page can cancel', () => {
	it('give the same explanation and rule set as the one-call form', async () => {
		const direct = explain(table, matrix, labels, k, centers, 4 * k, 3);
		const ctl = jobControl(11);
		const stepped = await runSteps(explainSteps(table, matrix, labels, k, centers, 4 * k, 3), ctl);
		expect(stepped.tradeoff).toEqual(direct.tradeoff);
		expect(stepped.nodes).toEqual(direct.nodes);
		const a = rulesAt(direct, k + 3), b = await runSteps(rulesAtSteps(stepped, k + 3), ctl);
		ctl.done();
		expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
		expect(b.segments).toEqual(a.segments);
		expect(b.cost).toBe(a.cost);
	});

	it('stop within 200 ms of a cancel, reporting their stage before', async () => {
		const stages: string[] = [];
		const ctl = jobControl(12);
		const job = runSteps(explainSteps(table, matrix, labels, k, centers, 4 * k, 3), ctl, (p) => stages.push(p.stage));
		let asked = 0;
		setTimeout(() => {
			asked = performance.now();
			cancelJob(12);
		}, 30);
		await expect(job).rejects.toMatchObject({ code: 'cancelled' });
		expect(performance.now() - asked).toBeLessThan(200);
		expect(stages[0]).toMatch(/^Finding rules/);
	});
});

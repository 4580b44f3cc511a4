/**
 * Full precision in every output file: each number a writer puts in a file reads back (Number(text)) as exactly
 * the engine's double — the results CSV (per-row silhouette, distance, GMM and HDBSCAN probabilities), the
 * profile CSV, the model JSON, the run report JSON and the `project` CSV (PCA scores). The files are made by the
 * command line, then compared with the same Recipe analysed in this process. Tolerance: none (Object.is).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, prepareRun } from '../lib/engine/analyse';
import { parseCsv } from '../lib/engine/data/csv';
import { profileCsv } from '../lib/engine/export/profile-csv';
import { rowColumns } from '../lib/engine/export/row-metrics';
import { hdbscanColumns } from '../lib/engine/export/hdbscan-columns';
import { prepare } from '../lib/engine/prep/prepare';
import { pcaView } from '../lib/engine/project/pca-view';
import { validateRecipe } from '../lib/engine/recipe';
import { segmentNamesFor } from '../lib/engine/profile/naming';
import { main } from './main';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;

/** The first 400 rows of the demo file, written to a temporary folder. */
function smallDemo(dir: string): string {
	const lines = readFileSync(DEMO, 'utf8').split('\n');
	const path = join(dir, 'small.csv');
	writeFileSync(path, lines.slice(0, 401).join('\n') + '\n');
	return path;
}

/** A plain CSV (no quoted commas in these files) as header → column of cells. */
function columns(text: string): Map<string, string[]> {
	const [head, ...rows] = text.trimEnd().split('\n').map((l) => l.split(','));
	const out = new Map<string, string[]>();
	head.forEach((h, j) => out.set(h, rows.map((r) => r[j])));
	return out;
}

/** Every value's text reads back as the very same double; and the values are not all float32-representable. */
function expectExact(cells: string[], values: ArrayLike<number>, label: string) {
	expect(cells.length, label).toBe(values.length);
	let wider = 0;
	for (let i = 0; i < cells.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) {
			expect(cells[i], `${label} row ${i}`).toBe('');
			continue;
		}
		expect(Object.is(Number(cells[i]), v), `${label} row ${i}: ${cells[i]} vs ${v}`).toBe(true);
		if (Math.fround(v) !== v) wider++;
	}
	return wider;
}

/** Every number in a JSON value equals the one at the same place in the other (exact), via a text round trip. */
function numbersOf(value: unknown, out: number[] = []): number[] {
	if (typeof value === 'number') out.push(value);
	else if (Array.isArray(value)) for (const v of value) numbersOf(v, out);
	else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersOf(v, out);
	return out;
}

describe('output files keep full double precision', () => {
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-precision-'));
	const input = smallDemo(dir);
	const table = parseCsv(readFileSync(input, 'utf8'), 'small.csv');

	it('results CSV (GMM probabilities, silhouette, distance), model JSON and report JSON', async () => {
		const [out, model, report, recipePath] = ['r.csv', 'm.json', 'rep.json', 'recipe.json'].map((f) => join(dir, f));
		expect(await main(['run', '--input', input, '--algorithm', 'gmm', '--k', '3', '--out', out, '--model', model, '--report', report, '--save-recipe', recipePath])).toBe(0);
		const recipe = validateRecipe(JSON.parse(readFileSync(recipePath, 'utf8')));
		const result = analyse(table, recipe);
		const idx = result.perK.findIndex((s) => s.k === 3);
		const summary = result.perK[idx];
		const extra = rowColumns(prepareRun(table, recipe).matrix, result.labels[idx], summary.modelCenters!, summary.gmm!.probs);
		const cols = columns(readFileSync(out, 'utf8'));
		const clustered = (name: string) => Array.from(result.rowIndex, (r) => cols.get(name)![r]);
		let wider = 0;
		for (const e of extra) wider += expectExact(clustered(e.name), e.values, e.name);
		expect(extra.map((e) => e.name)).toContain('probability_3');
		expect(wider).toBeGreaterThan(100);

		const m = JSON.parse(readFileSync(model, 'utf8'));
		expect(m.centers).toEqual(summary.modelCenters);
		const mix = summary.gmm!.mixture!;
		for (const key of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const) expect(m.mixture[key]).toEqual(mix[key]);
		expect(numbersOf(m.mixture).every((v) => Number.isFinite(v))).toBe(true);

		const rep = JSON.parse(readFileSync(report, 'utf8'));
		expect(rep.perK[0].inertia ?? null).toEqual(Number.isFinite(summary.inertia) ? summary.inertia : null);
		expect(rep.perK[0].silhouette).toBe(summary.silhouette);
		expect(rep.perK[0].calinskiHarabasz).toBe(summary.calinskiHarabasz);
		expect(rep.perK[0].segments[0].center[recipe.features[0]]).toBe(summary.centers[0][0]);
	});

	it('profile CSV', () => {
		const recipe = validateRecipe(JSON.parse(readFileSync(join(dir, 'recipe.json'), 'utf8')));
		const result = analyse(table, recipe);
		const summary = result.perK[0];
		const p = summary.profile!;
		const text = profileCsv(p, segmentNamesFor(summary.sizes, p.personas, recipe.segmentNames, summary.k));
		const cols = columns(text);
		const expected = { mean: [] as number[], median: [] as number[], std_mean_difference: [] as number[], share: [] as number[] };
		p.segments.forEach((seg) => p.features.forEach((_, j) => {
			expected.mean.push(seg.mean[j]);
			expected.median.push(seg.median[j]);
			expected.std_mean_difference.push(seg.smd[j]);
			expected.share.push(seg.share);
		}));
		let wider = 0;
		for (const [name, values] of Object.entries(expected)) wider += expectExact(cols.get(name)!, values, name);
		expect(wider).toBeGreaterThan(10);
	});

	it('HDBSCAN membership probabilities and outlier scores in the results CSV', async () => {
		const [out, recipePath] = ['h.csv', 'h.json'].map((f) => join(dir, f));
		expect(await main(['run', '--input', input, '--algorithm', 'hdbscan', '--out', out, '--save-recipe', recipePath])).toBe(0);
		const recipe = validateRecipe(JSON.parse(readFileSync(recipePath, 'utf8')));
		const result = analyse(table, recipe);
		const h = result.perK[0].hdbscan!;
		const cols = columns(readFileSync(out, 'utf8'));
		let wider = 0;
		for (const e of hdbscanColumns(h)) wider += expectExact(Array.from(result.rowIndex, (r) => cols.get(e.name)![r]), e.values, e.name);
		expect(wider).toBeGreaterThan(10);
	});

	it('project CSV: PCA scores are the engine doubles, not rounded to float32', async () => {
		const out = join(dir, 'p.csv');
		expect(await main(['project', '--input', input, '--method', 'pca', '--out', out])).toBe(0);
		const cols = columns(readFileSync(out, 'utf8'));
		const recipe = validateRecipe(JSON.parse(readFileSync(join(dir, 'recipe.json'), 'utf8')));
		const m = prepare(table, recipe);
		const view = pcaView(m.data, m.rows, m.cols, 2);
		const pc = (c: number) => Float64Array.from({ length: m.rows }, (_, i) => view.scores[i * view.dims + c]);
		const wider = expectExact(cols.get('pc1')!, pc(0), 'pc1') + expectExact(cols.get('pc2')!, pc(1), 'pc2');
		expect(wider).toBeGreaterThan(700);
	});
});

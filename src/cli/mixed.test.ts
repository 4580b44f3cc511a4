import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from './main';
import { parseRunArgs } from './args';
import { recipeFromArgs } from './main';
import { parseCsv } from '../lib/engine/data/csv';
import { columnNamed } from '../lib/engine/data/column-named';
import { rMixed, wholesaleMixedPath } from '../../tests/fixtures/mixed/load';

const table = parseCsv(readFileSync(wholesaleMixedPath, 'utf8'), 'wholesale_mixed.csv');
const recipe = (...argv: string[]) => recipeFromArgs(parseRunArgs(['--input', 'w.csv', ...argv]), table);
/** A numeric column of a written CSV (quoted names with commas and all). */
const column = (csv: string, name: string) => Array.from(columnNamed(parseCsv(csv, 'out.csv'), name)!.numbers);
/** Every line the command prints (console.log, or console.error when data go to standard output). */
function capture(): { lines: string[]; restore: () => void } {
	const lines: string[] = [];
	const a = vi.spyOn(console, 'log').mockImplementation((...x: unknown[]) => void lines.push(x.join(' ')));
	const b = vi.spyOn(console, 'error').mockImplementation((...x: unknown[]) => void lines.push(x.join(' ')));
	return { lines, restore: () => { a.mockRestore(); b.mockRestore(); } };
}

describe('segment-lab run --algorithm pam | kprototypes', () => {
	it('maps the flags to the recipe and adds the categorical columns when --columns is not given', () => {
		const log = capture();
		const pam = recipe('--algorithm', 'pam');
		expect(pam.algorithm).toEqual({ name: 'pam' });
		expect(pam.features).toEqual(['Channel', 'Region', 'Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen']);
		expect(log.lines.join(' ')).toMatch(/Channel, Region join the numeric features/);
		expect(recipe('--algorithm', 'kprototypes', '--gamma', '1.5', '--n-init', '4').algorithm).toEqual({ name: 'kprototypes', gamma: 1.5, nInit: 4, maxPasses: 100 });
		expect(recipe('--algorithm', 'kprototypes').algorithm).toMatchObject({ gamma: null });
		expect(recipe('--algorithm', 'pam', '--columns', 'Fresh,Region').features).toEqual(['Fresh', 'Region']);
		log.restore();
	});
	it('refuses flags that do not apply, naming why', () => {
		expect(() => parseRunArgs(['--input', 'w.csv', '--algorithm', 'pam', '--gamma', '1'])).toThrow(/--gamma does not apply to --algorithm pam/);
		expect(() => parseRunArgs(['--input', 'w.csv', '--algorithm', 'kprototypes', '--gamma', '-1'])).toThrow(/--gamma/);
		expect(() => parseRunArgs(['--input', 'w.csv', '--algorithm', 'pam', '--stability-b', '5'])).toThrow(/PAM and k-prototypes compare categories/);
	});
	it('pam: the labelled file has R\'s partition at k = 3 (raw values, as daisy saw them), Gower silhouettes and distances; the model scores the same file to the same segments', async () => {
		const log = capture();
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-mixed-'));
		const [out, model, scored] = ['a.csv', 'm.json', 's.csv'].map((f) => join(dir, f));
		expect(await main(['run', '--input', wholesaleMixedPath, '--algorithm', 'pam', '--k', '3', '--transforms', 'none', '--scale', 'none', '--out', out, '--model', model])).toBe(0);
		const text = readFileSync(out, 'utf8');
		const seg = column(text, 'segment').map(Number);
		const r = rMixed.wholesale.pam.find((p) => p.k === 3)!;
		// The same partition: each of our segments is exactly one of R's clusters.
		const map = new Map<number, number>();
		seg.forEach((s, i) => {
			if (!map.has(s)) map.set(s, r.clustering[i]);
			expect(map.get(s)).toBe(r.clustering[i]);
		});
		expect(new Set(map.values()).size).toBe(3);
		const sil = column(text, 'silhouette_gower').map(Number);
		sil.forEach((v, i) => expect(Math.abs(v - r.silhouette[i])).toBeLessThan(1e-12));
		const m = JSON.parse(readFileSync(model, 'utf8'));
		expect(m.assignment).toBe('nearest-medoid-gower');
		expect(await main(['score', '--model', model, '--input', wholesaleMixedPath, '--out', scored])).toBe(0);
		const s = readFileSync(scored, 'utf8');
		expect(column(s, 'segment')).toEqual(column(text, 'segment'));
		expect(column(s, 'gower_to_medoid')).toEqual(column(text, 'gower_to_medoid'));
		log.restore();
	});
	it('kprototypes: states γ, writes the cost, and the model scores the training file to the same segments', async () => {
		const log = capture();
		const lines = log.lines;
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-mixed-'));
		const [out, model, scored] = ['a.csv', 'm.json', 's.csv'].map((f) => join(dir, f));
		expect(await main(['run', '--input', wholesaleMixedPath, '--algorithm', 'kprototypes', '--k-range', '2..4', '--out', out, '--model', model])).toBe(0);
		expect(lines.join('\n')).toMatch(/γ = 0\.5 \(Huang's rule/);
		expect(lines.join('\n')).toMatch(/k-prototypes cost \d/);
		const m = JSON.parse(readFileSync(model, 'utf8'));
		expect(m).toMatchObject({ assignment: 'nearest-prototype', mixed: { kind: 'kprototypes' } });
		expect(m.mixed.gamma).toBeCloseTo(0.5, 12);
		expect(await main(['score', '--model', model, '--input', wholesaleMixedPath, '--out', scored])).toBe(0);
		expect(column(readFileSync(scored, 'utf8'), 'segment')).toEqual(column(readFileSync(out, 'utf8'), 'segment'));
		log.restore();
	});
});

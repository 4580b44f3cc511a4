/**
 * Column names are data: every property name of Object.prototype and Function.prototype (`constructor`,
 * `toString`, `valueOf`, `hasOwnProperty`, `__proto__`, `name`, `length`, …) works as a column name through
 * parse → profile → recipe (with per-column settings and type overrides, through JSON) → prepare → run → export →
 * model → score, and on the command line. Before, the profile read `columnTypes[name]` from a plain object, so
 * `constructor` came back typed as the Object function (the page refused the file, the CLI dropped the column).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyse, prepareRun } from './analyse';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { parseJson, parseNdjson } from './data/json';
import { profileTable } from './data/profile';
import { resultsCsv } from './export/csv';
import { buildModel } from './export/model';
import { sklearnScript } from './export/python';
import { entriesOf, nameRecord, own, PROTOTYPE_NAMES, withEntry } from './names';
import { defaultRecipe, validateRecipe, type Recipe } from './recipe';
import { scoreTable } from './score/score';
import type { Table } from './types';
import { main } from '../../cli/main';

/** n rows of numbers, one column per name, with a three-group structure in every other column. */
function numericCsv(names: readonly string[], n: number): string {
	let seed = 7;
	const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	const lines = [names.map((x) => (x.includes(',') ? `"${x}"` : x)).join(',')];
	for (let i = 0; i < n; i++) lines.push(names.map((_, j) => (r() * 3 + (i % 3) * 6 * (j % 2) + j).toFixed(3)).join(','));
	return lines.join('\n') + '\n';
}

describe('names.ts: records keyed by a column name', () => {
	it('own() never returns an inherited member, and withEntry() stores __proto__ as a value', () => {
		const plain: Record<string, string> = {};
		for (const name of PROTOTYPE_NAMES) expect(own(plain, name)).toBeUndefined();
		let rec = nameRecord<string>();
		for (const name of PROTOTYPE_NAMES) rec = withEntry(rec, name, `v-${name}`);
		for (const name of PROTOTYPE_NAMES) expect(own(rec, name)).toBe(`v-${name}`);
		expect(Object.keys(rec)).toEqual([...PROTOTYPE_NAMES]);
		// Through JSON and back (a file, a link, a worker message): the same entries.
		const back = JSON.parse(JSON.stringify(rec));
		expect(entriesOf(back)).toEqual(entriesOf(rec));
		expect(own(withEntry(rec, '__proto__', undefined), '__proto__')).toBeUndefined();
		expect(Object.getPrototypeOf(rec)).toBeNull();
	});
});

describe('prototype property names as column names', () => {
	const names = PROTOTYPE_NAMES;
	const text = numericCsv(names, 90);

	function check(table: Table) {
		expect(table.columns.map((c) => c.name)).toEqual([...names]);
		const profiles = profileTable(table);
		for (const p of profiles) {
			expect(p.kind).toBe('numeric');
			expect(p.suggestedFeature).toBe(true);
		}
		// The profile crosses to the page by structured clone: it must hold no function.
		expect(() => structuredClone(profiles)).not.toThrow();
	}

	it('every reader and the profile keep them as ordinary numeric columns', () => {
		check(parseCsv(text, 'proto.csv'));
		check(parseCsv(text, 'proto.csv', { fastPath: false }));
		const rows = parseCsv(text, 'proto.csv');
		const objects = Array.from({ length: rows.rowCount }, (_, i) => Object.fromEntries(rows.columns.map((c) => [c.name, c.numbers[i]])));
		const json = JSON.stringify(objects);
		// JSON.stringify writes an own "__proto__" key; JSON.parse reads it back as an own property.
		expect(json).toContain('"__proto__":');
		check(parseJson(json, 'proto.json'));
		check(parseNdjson(objects.map((o) => JSON.stringify(o)).join('\n'), 'proto.ndjson'));
	});

	it('recipe settings per name survive JSON and reach the preparation; run, export, model and score use every name', () => {
		const table = parseCsv(text, 'proto.csv');
		const base = defaultRecipe(fingerprint(table), profileTable(table));
		expect(base.features).toEqual([...names]);
		let columns = base.prep.columns;
		let types = base.columnTypes;
		// Every name gets its own setting: no scaling and weight 2 for names at even positions.
		names.forEach((nm, j) => {
			if (j % 2 === 0) columns = withEntry(columns, nm, { scale: 'none', weight: 2 });
			types = withEntry(types, nm, 'numeric');
		});
		const recipe: Recipe = validateRecipe(JSON.parse(JSON.stringify({ ...base, prep: { ...base.prep, columns }, columnTypes: types, kRange: [3, 3], k: 3 })));
		expect(Object.keys(recipe.prep.columns)).toHaveLength(Math.ceil(names.length / 2));
		expect(own(recipe.prep.columns, '__proto__')).toEqual(names.indexOf('__proto__') % 2 === 0 ? { scale: 'none', weight: 2 } : undefined);
		const { matrix } = prepareRun(table, recipe);
		expect(matrix.fitted.features).toEqual([...names]);
		names.forEach((nm, j) => {
			expect(matrix.fitted.scale.methods[j]).toBe(j % 2 === 0 ? 'none' : 'zscore');
			expect(matrix.fitted.weights[j]).toBe(j % 2 === 0 ? 2 : 1);
		});
		const result = analyse(table, recipe);
		expect(result.features).toEqual([...names]);
		const s = result.perK[0];
		expect(s.k).toBe(3);
		const csv = resultsCsv(table, { rowIndex: result.rowIndex, status: result.status, labels: result.labels[0], names: ['a', 'b', 'c'] });
		expect(csv.split('\n')[0].startsWith(names.join(','))).toBe(true);
		const model = JSON.parse(JSON.stringify(buildModel(table, { recipe, source: result.source, fitted: result.fitted, rowIndex: result.rowIndex, rowCount: result.rowCount, summary: s, names: ['a', 'b', 'c'] })));
		const scored = scoreTable(model, table);
		expect(scored.missingColumns).toEqual([]);
		expect(scored.extraColumns).toEqual([]);
		expect(Array.from(scored.labels)).toEqual(Array.from(result.labels[0]));
		expect(scored.drift.map((d) => d.feature)).toEqual([...names]);
		const py = sklearnScript(recipe, result.fitted, 3);
		const config = JSON.parse(JSON.parse(/^CONFIG = json\.loads\((.*)\)$/m.exec(py)![1]));
		expect(config.features.map((f: { name: string; scale: string; weight: number }) => [f.name, f.scale, f.weight])).toEqual(names.map((nm, j) => [nm, j % 2 === 0 ? 'none' : 'zscore', j % 2 === 0 ? 2 : 1]));
	});

	it('a type override on __proto__ and constructor takes effect (categorical: one-hot)', () => {
		const t = parseCsv(['__proto__,constructor,x', ...Array.from({ length: 30 }, (_, i) => `${i % 3},${i % 2},${(i * 7) % 11}`)].join('\n'), 'p.csv');
		const base = defaultRecipe(fingerprint(t), profileTable(t));
		const types = withEntry(withEntry(base.columnTypes, '__proto__', 'categorical'), 'constructor', 'categorical');
		const recipe = validateRecipe(JSON.parse(JSON.stringify({ ...base, features: ['__proto__', 'constructor', 'x'], columnTypes: types })));
		const profiles = profileTable(t, recipe.columnTypes);
		expect(profiles.map((p) => p.kind)).toEqual(['categorical', 'categorical', 'numeric']);
		const { matrix } = prepareRun(t, recipe);
		expect(matrix.fitted.columns).toEqual(['__proto__=0', '__proto__=1', '__proto__=2', 'constructor=0', 'constructor=1', 'x']);
	});
});

describe('prototype property names on the command line', () => {
	afterEach(() => vi.restoreAllMocks());

	it('6 numeric columns named constructor, toString, valueOf, hasOwnProperty, __proto__, isPrototypeOf: clustered on 6 features, scored', async () => {
		const logs: string[] = [];
		vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-proto-'));
		const six = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];
		writeFileSync(join(dir, 'p.csv'), numericCsv(six, 120));
		const at = (f: string) => join(dir, f);
		expect(await main(['run', '--input', at('p.csv'), '--k', '3', '--out', at('out.csv'), '--model', at('m.json'), '--save-recipe', at('r.json')])).toBe(0);
		expect(logs.join('\n')).toContain('p.csv: 120 of 120 rows clustered on 6 features');
		expect(readFileSync(at('out.csv'), 'utf8').split('\n')[0].startsWith(six.join(','))).toBe(true);
		expect(JSON.parse(readFileSync(at('r.json'), 'utf8')).features).toEqual(six);
		expect(await main(['run', '--input', at('p.csv'), '--recipe', at('r.json'), '--out', at('again.csv')])).toBe(0);
		expect(readFileSync(at('again.csv'), 'utf8')).toBe(readFileSync(at('out.csv'), 'utf8'));
		expect(await main(['score', '--model', at('m.json'), '--input', at('p.csv'), '--out', at('s.csv')])).toBe(0);
		expect(readFileSync(at('s.csv'), 'utf8').split('\n')).toHaveLength(122);
	});
});

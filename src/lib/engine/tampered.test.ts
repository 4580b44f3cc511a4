/**
 * Tampered model and recipe files (issue 18): every case ends in a message that names the field, never an internal
 * error ("Cannot read properties of null", "…map is not a function") or a silent score. The model is walked field by
 * field: each one set to null, to a text, to a list and deleted must either still score or throw a bad-recipe
 * EngineError — nothing else.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyse } from './analyse';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';
import { EngineError } from './errors';
import { buildModel } from './export/model';
import { defaultRecipe, DEFAULT_ALGORITHMS, validateRecipe, type Recipe } from './recipe';
import { scoreTable } from './score/score';
import { recipeFromLink, recipeToHash } from '../state/session';
import { main } from '../../cli/main';

const table = parseCsv(['id,spend,visits,tenure', ...Array.from({ length: 60 }, (_, i) => `c${i},${(i % 3) * 10 + (i % 7)},${(i % 3) * 4 + (i % 5) / 2},${(i * 13) % 17}`)].join('\n'), 'shop.csv');

function modelFor(algorithm: Recipe['algorithm']): Record<string, unknown> {
	const base = defaultRecipe(fingerprint(table), profileTable(table));
	const recipe = validateRecipe({ ...base, algorithm, kRange: [3, 3], k: 3 });
	const r = analyse(table, recipe);
	const s = r.perK[0];
	const mixture = s.gmm?.mixture ? { covarianceType: s.gmm.covariance, ...s.gmm.mixture } : undefined;
	const m = buildModel(table, { recipe, source: r.source, fitted: r.fitted, rowIndex: r.rowIndex, rowCount: r.rowCount, summary: { ...s, ...(mixture ? { mixture } : {}) }, names: ['a', 'b', 'c'] });
	return JSON.parse(JSON.stringify(m));
}

function expectFieldError(fn: () => unknown, field: RegExp): void {
	let err: unknown;
	try {
		fn();
	} catch (e) {
		err = e;
	}
	expect(err, 'expected an EngineError').toBeInstanceOf(EngineError);
	expect((err as EngineError).code).toBe('bad-recipe');
	expect((err as EngineError).message).toMatch(field);
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
function setAt(obj: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
	const out = clone(obj);
	let o = out as Record<string | number, unknown>;
	for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>;
	const last = path[path.length - 1];
	if (value === undefined) delete o[last];
	else o[last] = value;
	return out;
}
/** Every path to an object, list or value in x (lists: their first two entries). */
function paths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
	if (!x || typeof x !== 'object') return [];
	const keys: (string | number)[] = Array.isArray(x) ? [0, 1].filter((i) => i < x.length) : Object.keys(x);
	return keys.flatMap((k) => [[...at, k], ...paths((x as Record<string | number, unknown>)[k], [...at, k])]);
}

describe('tampered model files', () => {
	const kmeans = modelFor({ ...DEFAULT_ALGORITHMS.kmeans });
	const gmm = modelFor({ ...DEFAULT_ALGORITHMS.gmm, covariance: 'diag' });

	it('the untouched models score', () => {
		expect(scoreTable(kmeans, table).labels).toHaveLength(60);
		expect(scoreTable(gmm, table).probs).not.toBeNull();
	});

	it('the cases of the issue, each naming the field', () => {
		expectFieldError(() => scoreTable(null, table), /"\(the file\)" must be an object/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['fitted'], null), table), /"fitted" must be an object/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['centers'], null), table), /"centers" must be a list of 3/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['fitted', 'perFeature'], 'spend'), table), /"fitted\.perFeature" must be a list of 3/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['training', 'distributions'], {}), table), /"training\.distributions" must be a list/);
		expectFieldError(() => scoreTable(setAt(gmm, ['mixture'], undefined), table), /"mixture" must hold the fitted mixture/);
		expectFieldError(() => scoreTable(setAt(gmm, ['assignment'], 'nearest-centre'), table), /"assignment" must be "gaussian-mixture"/);
		expectFieldError(() => scoreTable(setAt(gmm, ['mixture', 'weights'], [1, 0, 0.5]), table), /"mixture\.weights" must add up to 1/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['fitted', 'scale', 'methods', 1], 'logit'), table), /"fitted\.scale\.methods\[1\]" must be one of zscore, minmax, robust, none \(it is "logit"\)/);
		expectFieldError(() => scoreTable(setAt(setAt(kmeans, ['features', 1], 'spend'), ['fitted', 'features', 1], 'spend'), table), /"features" names "spend" more than once/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['centers', 2, 0], 'x'), table), /"centers\[2\]\[0\]" must be one of the finite numbers/);
		expectFieldError(() => scoreTable(setAt(kmeans, ['fitted', 'scale', 'scale', 0], 0), table), /"fitted\.scale\.scale\[0\]" must be one of the finite numbers above 0/);
	});

	it('every field set to null, a text, a list, an object or deleted: a score or a bad-recipe message, never an internal error', () => {
		for (const model of [kmeans, gmm]) {
			const all = paths(model);
			expect(all.length).toBeGreaterThan(40);
			for (const path of all) {
				for (const value of [null, 'x', [], {}, -1, undefined]) {
					try {
						scoreTable(setAt(model, path, value), table);
					} catch (e) {
						if (!(e instanceof EngineError) || !['bad-recipe', 'recipe-mismatch'].includes(e.code)) {
							throw new Error(`${path.join('.')} = ${JSON.stringify(value)}: ${(e as Error).message}`);
						}
					}
				}
			}
		}
	});
});

describe('tampered recipes', () => {
	const base = validateRecipe(JSON.parse(JSON.stringify({ ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [2, 4] })));

	it('an idColumn that is not in the file is refused at the run, naming the field', () => {
		let err: unknown;
		try {
			analyse(table, validateRecipe({ ...base, idColumn: 'customer_no' }));
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(EngineError);
		expect((err as EngineError).code).toBe('recipe-mismatch');
		expect((err as EngineError).message).toBe('The recipe\'s "idColumn" names "customer_no", which is not a column of "shop.csv".');
	});

	it('one name for four segments, kRange [1, 1], duplicated features: refused, naming the field', () => {
		expectFieldError(() => validateRecipe({ ...base, segmentNames: { '4': ['Loyal', 'Loyal', 'Loyal', 'Loyal'] } }), /"segmentNames\.4" gives the name "Loyal" to 4 segments/);
		expect(validateRecipe({ ...base, segmentNames: { '4': ['Loyal', '', '', 'New'] } }).segmentNames).toEqual({ '4': ['Loyal', '', '', 'New'] });
		expectFieldError(() => validateRecipe({ ...base, segmentNames: { '2': ['a', 'b', 'c'] } }), /"segmentNames\.2" names 3 segments; k = 2 has 2/);
		expectFieldError(() => validateRecipe({ ...base, kRange: [1, 1], k: null }), /"kRange" must start at 2 or more \(it is \[1, 1\]\)/);
		expect(validateRecipe({ ...base, algorithm: { ...DEFAULT_ALGORITHMS.dbscan }, kRange: [1, 1], k: null }).kRange).toEqual([1, 1]);
		expectFieldError(() => validateRecipe({ ...base, features: ['spend', 'visits', 'spend'] }), /"features" names "spend" more than once/);
		expectFieldError(() => validateRecipe({ ...base, features: null }), /"features" must be a non-empty list/);
	});

	it('a corrupt share link says the link is damaged', () => {
		const good = recipeToHash(base);
		expect(recipeFromLink(good)?.features).toEqual(base.features);
		expect(recipeFromLink('#results')).toBeNull();
		const damaged = (hash: string, why: RegExp) => expectFieldError(() => recipeFromLink(hash), why);
		damaged(good.slice(0, good.length - 7), /^This link is damaged: its recipe part is (cut short or altered \(it is not valid JSON\)|not valid base64url text)\.$/);
		damaged('#recipe=abc$%', /^This link is damaged: its recipe part holds characters/);
		damaged('#recipe=' + good.slice(8).replace(/^./, 'A'), /^This link is damaged/);
		damaged(recipeToHash({ ...base, kRange: [1, 1] } as Recipe), /^This link is damaged: its recipe is not valid: "kRange" must start at 2/);
	});
});

describe('tampered files on the command line', () => {
	afterEach(() => vi.restoreAllMocks());

	it('malformed recipe JSON is bad input (exit 2, the file named), a tampered model is named by field', async () => {
		const errors: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-tampered-'));
		const at = (f: string) => join(dir, f);
		writeFileSync(at('shop.csv'), table.source.text);
		writeFileSync(at('bad.json'), '{"version": 2, "features": ["spend",');
		expect(await main(['run', '--input', at('shop.csv'), '--recipe', at('bad.json')])).toBe(2);
		expect(errors.join('\n')).toMatch(/Cannot read the recipe ".*bad\.json"/);
		expect(errors.join('\n')).not.toMatch(/internal|engine error/i);
		writeFileSync(at('m.json'), JSON.stringify(setAt(modelFor({ ...DEFAULT_ALGORITHMS.gmm }), ['mixture'], undefined)));
		expect(await main(['score', '--model', at('m.json'), '--input', at('shop.csv'), '--out', at('s.csv')])).toBe(2);
		expect(errors.join('\n')).toContain('The model file is not valid: "mixture" must hold the fitted mixture');
	});
});

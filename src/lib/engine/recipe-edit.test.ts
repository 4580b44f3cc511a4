import { describe, expect, it } from 'vitest';
import { describeEdit, recipeOf, type RecipeState } from './recipe-edit';
import { DEFAULT_ALGORITHMS, defaultRecipe, type Recipe } from './recipe';
import { nameRecord } from './names';

const source = { name: 'c.csv', bytes: 100, rows: 50, columns: ['a', 'b', 'c'], hash: 'h1' };
const recipe = (): Recipe => ({ ...defaultRecipe(source as Recipe['source'], []), features: ['a', 'b'], kRange: [2, 8] });
const state = (patch: Partial<Recipe> = {}, names: Record<string, string[]> = {}, k: number | null = 4): RecipeState => ({ recipe: { ...recipe(), ...patch }, names, k });
const label = (a: RecipeState, b: RecipeState) => describeEdit(a, b)?.label;

describe('describeEdit', () => {
	it('no edit when nothing changed, key order included', () => {
		const a = state();
		const b = state();
		b.recipe.prep = { columns: nameRecord(), outliers: { ...a.recipe.prep.outliers }, scale: a.recipe.prep.scale, missing: a.recipe.prep.missing };
		expect(describeEdit(a, b)).toBeNull();
	});

	it('names each kind of edit in words, with the field it touched', () => {
		const a = state();
		expect(describeEdit(a, state({ features: ['a'] }))).toEqual({ key: 'features:b', label: 'untick feature “b”' });
		expect(label(a, state({ features: ['a', 'b', 'c'] }))).toBe('tick feature “c”');
		expect(label(a, state({ features: ['c'] }))).toBe('change the features (1 chosen)');
		expect(describeEdit(a, state({ algorithm: { ...DEFAULT_ALGORITHMS.gmm } }))).toEqual({ key: 'algorithm', label: 'change algorithm to Gaussian mixture' });
		expect(label(a, state({ algorithm: { ...DEFAULT_ALGORITHMS.kmeans, nInit: 20 } }))).toBe('set restarts to 20 (k-means)');
		expect(label(a, state({ algorithm: { ...DEFAULT_ALGORITHMS.kmeans, moreRestarts: false } }))).toBe('turn more restarts off (k-means)');
		expect(describeEdit(a, state({ kRange: [3, 6] }))).toEqual({ key: 'kRange', label: 'change the k range to 3–6' });
		expect(label(a, state({ seed: 7 }))).toBe('change the seed to 7');
		expect(label(a, state({ prep: { ...recipe().prep, scale: 'robust' } }))).toBe('set the default scaling to robust');
		expect(label(a, state({ prep: { ...recipe().prep, missing: 'mean' } }))).toBe('fill missing values with the mean');
		expect(label(a, state({ exclude: { rows: [3, 9] } }))).toBe('leave 2 row(s) out');
		expect(describeEdit(a, state({}, {}, 5))).toEqual({ key: 'shownK', label: 'show k = 5' });
	});

	it('a per-column preparation edit names the column and the setting', () => {
		const a = state();
		const withCol = (c: object) => state({ prep: { ...recipe().prep, columns: nameRecord([['a', c]]) } });
		expect(describeEdit(a, withCol({ scale: 'minmax' }))).toEqual({ key: 'prep:a:scale', label: 'set scaling of “a” to min–max' });
		expect(label(a, withCol({ log1p: true }))).toBe('turn log1p on for “a”');
		// Ticking Yeo-Johnson clears log1p: the edit is the one switched on.
		expect(label(withCol({ log1p: true }), withCol({ yeoJohnson: true }))).toBe('turn Yeo-Johnson on for “a”');
		expect(label(withCol({ log1p: true }), withCol({}))).toBe('turn log1p off for “a”');
		expect(label(a, withCol({ weight: 2 }))).toBe('set the weight of “a” to 2');
	});

	it('a segment name counts once (it is in the names and in the Recipe), keyed by k and segment', () => {
		const a = state();
		const b = state({ segmentNames: { '4': ['', 'Loyal'] } }, { '4': ['', 'Loyal'] });
		expect(describeEdit(a, b)).toEqual({ key: 'name:4:1', label: 'rename segment 2 (k = 4) to “Loyal”' });
		expect(label(b, a)).toBe('give segment 2 (k = 4) its automatic name');
	});

	it('a type change that unticks the column is one edit, the type', () => {
		const a = state();
		const b = state({ columnTypes: nameRecord([['b', 'categorical']]), features: ['a'] });
		expect(label(a, b)).toBe('set the type of “b” to categorical');
	});

	it('several kinds of edit at once (a loaded recipe, a remedy) are listed by kind', () => {
		const a = state();
		const b = state({ algorithm: { ...DEFAULT_ALGORITHMS.hierarchical }, kRange: [2, 5] });
		expect(label(a, b)).toBe('change algorithm, k range');
	});

	it('column names are data: a column called __proto__ is named, not looked up on a prototype', () => {
		const a = state();
		const b = state({ prep: { ...recipe().prep, columns: nameRecord([['__proto__', { scale: 'robust' as const }]]) } });
		expect(label(a, b)).toBe('set scaling of “__proto__” to robust');
	});
});

describe('recipeOf', () => {
	it('is the draft with the names typed and the k on show when it is in the k range', () => {
		const s = state({}, { '4': ['', 'Loyal'] }, 4);
		expect(recipeOf(s)).toMatchObject({ k: 4, segmentNames: { '4': ['', 'Loyal'] }, kRange: [2, 8] });
		expect(recipeOf(state({ kRange: [5, 8] }, {}, 4)).k).toBeNull();
		expect('segmentNames' in recipeOf(state({}, { '4': ['', ''] }, 4))).toBe(false);
		expect(recipeOf(state({ algorithm: { ...DEFAULT_ALGORITHMS.dbscan } }, {}, 3)).k).toBeNull();
	});
});

describe('describeEdit, mixed-data algorithms', () => {
	it('names PAM and k-prototypes and their settings', () => {
		const a = state();
		expect(describeEdit(a, state({ algorithm: { ...DEFAULT_ALGORITHMS.pam } }))?.label).toBe('change algorithm to PAM on Gower');
		const kp = state({ algorithm: { ...DEFAULT_ALGORITHMS.kprototypes } });
		expect(describeEdit(kp, state({ algorithm: { ...DEFAULT_ALGORITHMS.kprototypes, gamma: 0.8 } }))?.label).toBe('set γ to 0.8 (k-prototypes)');
	});
});

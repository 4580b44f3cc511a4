import { describe, expect, it } from 'vitest';
import { RecipeUndo, type UndoTarget } from './recipe-undo.svelte';
import { DEFAULT_ALGORITHMS, defaultRecipe, type Recipe } from '$lib/engine/recipe';
import { nameRecord, own } from '$lib/engine/names';

const source = { name: 'c.csv', bytes: 100, rows: 50, columns: ['a', 'b', '__proto__'], hash: 'h1' } as Recipe['source'];
const fresh = (): Recipe => ({ ...defaultRecipe(source, []), features: ['a', 'b'], kRange: [2, 8] });

/** The workspace's fields as plain values; observe() is what the page's effect calls after each change. */
function setup() {
	let t = 0;
	const ws: UndoTarget & { dataset: object; result: object | null } = { draft: fresh(), customNames: {}, selectedK: null, recipeLoaded: false, dataset: {}, result: null };
	const undo = new RecipeUndo(ws, () => (t += 10_000));
	undo.observe();
	return { ws, undo, tick: (ms: number) => (t += ms - 10_000) };
}

describe('RecipeUndo', () => {
	it('records each edit with its words and walks back and forth', () => {
		const { ws, undo } = setup();
		expect([undo.canUndo, undo.canRedo]).toEqual([false, false]);
		ws.draft = { ...ws.draft!, features: ['a'] };
		undo.observe();
		ws.draft = { ...ws.draft, algorithm: { ...DEFAULT_ALGORITHMS.gmm } };
		undo.observe();
		expect(undo.undoLabel).toBe('change algorithm to Gaussian mixture');
		undo.undo();
		undo.observe(); // the effect the assignment wakes: nothing new to record
		expect(ws.draft.algorithm.name).toBe('kmeans');
		expect([undo.undoLabel, undo.redoLabel]).toEqual(['untick feature “b”', 'change algorithm to Gaussian mixture']);
		undo.undo();
		undo.observe();
		expect(ws.draft.features).toEqual(['a', 'b']);
		expect([undo.canUndo, undo.canRedo]).toEqual([false, true]);
		undo.redo();
		undo.redo();
		undo.observe();
		expect([ws.draft.features, ws.draft.algorithm.name]).toEqual([['a'], 'gmm']);
		expect(undo.canRedo).toBe(false);
	});

	it('segment names and the k on show are steps too; a run settling the k is not', () => {
		const { ws, undo } = setup();
		ws.result = {};
		ws.selectedK = 4; // the run's result arrives with its recommended k
		undo.observe();
		expect(undo.canUndo).toBe(false);
		ws.selectedK = 5;
		undo.observe();
		ws.customNames = { '5': ['Loyal'] };
		ws.draft = { ...ws.draft!, segmentNames: { '5': ['Loyal'] } };
		undo.observe();
		expect(undo.undoLabel).toBe('rename segment 1 (k = 5) to “Loyal”');
		undo.undo();
		expect([ws.customNames, ws.draft.segmentNames]).toEqual([{}, undefined]);
		undo.undo();
		expect(ws.selectedK).toBe(4);
	});

	it('typing one name quickly is one step', () => {
		const { ws, undo, tick } = setup();
		for (const name of ['L', 'Lo', 'Loy']) {
			tick(100);
			ws.customNames = { '3': [name] };
			undo.observe();
		}
		undo.undo();
		expect(ws.customNames).toEqual({});
		expect(undo.canUndo).toBe(false);
	});

	it('a new dataset forgets every step', () => {
		const { ws, undo } = setup();
		ws.draft = { ...ws.draft!, seed: 3 };
		undo.observe();
		expect(undo.canUndo).toBe(true);
		ws.dataset = {};
		ws.draft = fresh();
		undo.observe();
		expect([undo.canUndo, undo.canRedo]).toEqual([false, false]);
	});

	it('an undone Recipe keeps column names as data (records without a prototype)', () => {
		const { ws, undo } = setup();
		ws.draft = { ...ws.draft!, prep: { ...ws.draft!.prep, columns: nameRecord([['__proto__', { scale: 'robust' as const }]]) } };
		undo.observe();
		ws.draft = { ...ws.draft, seed: 9 };
		undo.observe();
		undo.undo();
		expect(Object.getPrototypeOf(ws.draft.prep.columns)).toBeNull();
		expect(own(ws.draft.prep.columns, '__proto__')).toEqual({ scale: 'robust' });
	});

	it('a labelled change (bringing back a run) is a step under those words even with a new result', () => {
		const { ws, undo } = setup();
		undo.label('bring back run 1');
		ws.result = {};
		ws.draft = { ...ws.draft!, kRange: [2, 4] };
		undo.observe();
		expect(undo.undoLabel).toBe('bring back run 1');
	});

	it('words given for a change that leaves the Recipe as it was do not name a later edit', () => {
		const { ws, undo } = setup();
		undo.label('bring back run 1');
		ws.result = {}; // the run brought back had the same settings
		undo.observe();
		expect(undo.canUndo).toBe(false);
		ws.draft = { ...ws.draft!, seed: 5 };
		undo.observe();
		expect(undo.undoLabel).toBe('change the seed to 5');
	});

	it('"a loaded recipe" follows Undo and Redo of the load, but only under the result it was loaded on', () => {
		const { ws, undo } = setup();
		ws.result = {};
		undo.observe();
		ws.recipeLoaded = true;
		ws.draft = { ...ws.draft!, seed: 9 };
		undo.observe();
		undo.undo();
		expect(ws.recipeLoaded).toBe(false);
		undo.redo();
		expect([ws.recipeLoaded, ws.draft.seed]).toEqual([true, 9]);
		// A run clears the mark (Workspace.run) and brings a new result: no step of its own.
		ws.recipeLoaded = false;
		ws.result = {};
		undo.observe();
		expect(undo.undoLabel).toBe('change the seed to 9');
		undo.undo();
		undo.redo();
		// The recipe made this result: the state from before the run does not bring the mark back.
		expect(ws.recipeLoaded).toBe(false);
	});
});

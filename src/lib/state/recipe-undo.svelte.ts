/**
 * Undo and Redo of every change to the workspace's Recipe: the draft (features, preparation, algorithm, k range,
 * …), the segment names typed and the k on show. `observe()` runs in an effect (components/UndoBar.svelte): each
 * time that state changes it records a step on the undo stack (state/undo.ts) with the edit's words
 * (engine/recipe-edit.ts). A change Undo or Redo made itself is not recorded; a change a run makes (the k on show
 * settling on the recommended one) is absorbed into the present step; a new dataset forgets every step.
 */
import { untrack } from 'svelte';
import { entriesOf, nameRecord } from '$lib/engine/names';
import type { Recipe } from '$lib/engine/recipe';
import { describeEdit, type RecipeState } from '$lib/engine/recipe-edit';
import { UndoStack } from './undo';

/** What the undo history watches and sets (the Workspace). */
export interface UndoTarget {
	draft: Recipe | null;
	customNames: Record<string, string[]>;
	selectedK: number | null;
	/** A recipe was loaded since the result on show was made ("a loaded recipe" in the out-of-date notice). */
	recipeLoaded: boolean;
	readonly dataset: unknown;
	readonly result: unknown;
}

/** JSON turns the name-keyed records back into ordinary objects: rebuilt without a prototype (engine/names.ts). */
function revive(json: string): RecipeState & { loaded: number | null } {
	const s = JSON.parse(json) as RecipeState & { loaded: number | null };
	const r = s.recipe;
	return { ...s, recipe: { ...r, columnTypes: nameRecord(entriesOf(r.columnTypes)), prep: { ...r.prep, columns: nameRecord(entriesOf(r.prep.columns)) } } };
}

export class RecipeUndo {
	canUndo = $state(false);
	canRedo = $state(false);
	/** "change algorithm to Gaussian mixture": what Undo (Redo) would take back (do again). */
	undoLabel = $state<string | null>(null);
	redoLabel = $state<string | null>(null);
	/** "Undone: …" or "Redone: …" after Undo or Redo, until the next edit. */
	said = $state('');

	private stack: UndoStack<string> | null = null;
	/** The state last seen, as JSON, and the dataset and result it went with. */
	private seen: string | null = null;
	private dataset: unknown = null;
	private result: unknown = null;
	/** Counts the results seen: a state's "loaded a recipe" mark holds only for the result it was made under. */
	private results = 0;
	/** The words for the next recorded edit, when the caller knows better ("bring back run 2"). */
	private nextLabel: string | null = null;

	constructor(
		private readonly ws: UndoTarget,
		private readonly now: () => number = () => performance.now()
	) {}

	private read(): string | null {
		const ws = this.ws;
		return ws.draft ? JSON.stringify({ recipe: ws.draft, names: ws.customNames, k: ws.selectedK, loaded: ws.recipeLoaded ? this.results : null }) : null;
	}

	/** Call inside an $effect: reads (and so tracks) the whole state, then records what changed. */
	observe(): void {
		const { dataset, result } = this.ws;
		const resultChanged = result !== this.result;
		this.result = result;
		if (resultChanged) this.results++;
		const json = this.read();
		untrack(() => this.take(json, dataset, resultChanged));
	}

	private take(json: string | null, dataset: unknown, resultChanged: boolean): void {
		if (json === null || !this.stack || dataset !== this.dataset) {
			this.dataset = dataset;
			this.seen = json;
			this.stack = json === null ? null : new UndoStack(json);
			this.nextLabel = null;
			this.said = '';
			return this.publish();
		}
		if (json === this.seen) {
			// The words were for this change, which left the Recipe as it was: not for a later edit.
			this.nextLabel = null;
			return;
		}
		const edit = describeEdit(revive(this.seen!), revive(json));
		this.seen = json;
		if (!edit) this.stack.absorb(json);
		// A run (or its partial results) settles the k on show: not the user's edit.
		else if (resultChanged && edit.key === 'shownK' && !this.nextLabel) this.stack.absorb(json);
		else {
			this.stack.record(json, this.nextLabel ? { key: `once:${this.now()}`, label: this.nextLabel } : edit, this.now());
			this.said = '';
		}
		this.nextLabel = null;
		this.publish();
	}

	/** The next change is recorded under these words (e.g. when a run is brought back from the history). */
	label(words: string): void {
		this.nextLabel = words;
	}

	undo(): void {
		const what = this.undoLabel;
		this.apply(this.stack?.undo() ?? null);
		if (what) this.said = `Undone: ${what}`;
	}

	redo(): void {
		const what = this.redoLabel;
		this.apply(this.stack?.redo() ?? null);
		if (what) this.said = `Redone: ${what}`;
	}

	private apply(json: string | null): void {
		if (json === null || !this.stack) return;
		const s = revive(json);
		this.ws.draft = s.recipe;
		this.ws.customNames = s.names;
		// A state from before the first run has no k on show: keep the one there is.
		if (s.k !== null) this.ws.selectedK = s.k;
		this.ws.recipeLoaded = s.loaded === this.results;
		// What the page now holds is the present: the effect this assignment wakes finds nothing new to record.
		this.seen = this.read();
		this.stack.absorb(this.seen!);
		this.publish();
	}

	private publish(): void {
		const s = this.stack;
		this.canUndo = !!s?.canUndo;
		this.canRedo = !!s?.canRedo;
		this.undoLabel = s?.undoLabel ?? null;
		this.redoLabel = s?.redoLabel ?? null;
	}
}

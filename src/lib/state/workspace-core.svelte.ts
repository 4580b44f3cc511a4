/**
 * The workspace's shared state: the loaded dataset, the draft Recipe the form edits, the run's result and the k on
 * show, the engine clients, and what every step reads (errors, notices, progress). Each step adds its own state and
 * actions beside its components (components/<step>/<step>-state.svelte.ts), one class on top of the other, and
 * Workspace (workspace.svelte.ts) is the whole. Large values live in $state.raw so Svelte does not wrap megabytes
 * of typed arrays in proxies.
 */
import type { AnalysisResult, KSummary } from '$lib/engine/analyse';
import type { ErrorInfo } from '$lib/engine/errors';
import type { Progress } from '$lib/engine/progress';
import { own } from '$lib/engine/names';
import { withKind } from '$lib/engine/data/profile';
import { recipeForTable } from '$lib/engine/recipe-for-table';
import type { Recipe } from '$lib/engine/recipe';
import type { ColumnProfile } from '$lib/engine/types';
import type { LoadSummary, SkipReview } from '$lib/workers/api';
import { poolSize } from '$lib/workers/engine-pool';
import { EngineCallError, EngineClient } from '$lib/workers/pool';
import { RunHistory } from '$lib/state/history.svelte';
import { RecipeUndo } from '$lib/state/recipe-undo.svelte';
import { recipeChanges } from '$lib/engine/recipe-changes';
import type { SavedSession } from '$lib/state/session';

/** 'review': a file loaded with skipped records and waits for the user to keep its readable rows (or not). */
export type Phase = 'empty' | 'loading' | 'review' | 'ready' | 'running' | 'done';

export class WorkspaceCore {
	phase = $state<Phase>('empty');
	progress = $state<Progress | null>(null);
	error = $state<ErrorInfo | null>(null);
	notice = $state<string | null>(null);
	dataset = $state.raw<LoadSummary | null>(null);
	/** A file whose unreadable records the user has not yet agreed to leave out: nothing downstream runs on it. */
	review = $state.raw<SkipReview | null>(null);
	/** Skipped records of the loaded file the user accepted (recorded in the Recipe as acceptSkipped). */
	protected acceptedSkips = 0;
	/** The Recipe being edited: every choice in the form lands here. */
	draft = $state<Recipe | null>(null);
	result = $state.raw<AnalysisResult | null>(null);
	selectedK = $state<number | null>(null);
	/** The last few runs of this dataset, for "Compare two solutions". */
	readonly history = new RunHistory();
	/** Undo and Redo of the draft, the segment names and the k on show (recipe-undo.svelte.ts). */
	readonly undo: RecipeUndo = new RecipeUndo(this);

	protected client: EngineClient | null = null;
	/** Extra workers for parallel k values (none on a two-core machine: one core stays with the page). */
	protected helpers: EngineClient[] = [];

	/** Column profiles under the Recipe's type overrides (a relabel: no data needed). */
	readonly profiles: ColumnProfile[] = $derived.by(() => {
		const d = this.dataset;
		if (!d) return [];
		const types = this.draft?.columnTypes;
		return d.profiles.map((p) => {
			const kind = own(types, p.name);
			return kind && kind !== p.kind ? withKind(p, kind, d.rows) : p;
		});
	});
	protected controller: AbortController | null = null;

	readonly current: KSummary | null = $derived.by(() => {
		const r = this.result;
		if (!r) return null;
		return r.perK.find((s) => s.k === this.selectedK) ?? r.perK.find((s) => s.k === r.chosenK) ?? null;
	});

	readonly labels: Int32Array | null = $derived.by(() => {
		const r = this.result;
		const cur = this.current;
		if (!r || !cur) return null;
		return r.labels[r.perK.indexOf(cur)];
	});

	/** A recipe was loaded (from a file or a link) since the shown run: the results may not match it. Run clears it. */
	recipeLoaded = $state(false);

	/** What changed in the draft since the shown result was made (engine/recipe-changes.ts); empty while running. */
	readonly stale: string[] = $derived.by(() => {
		const r = this.result, d = this.draft;
		if (!r || !d || this.phase === 'running') return [];
		const changes: string[] = recipeChanges(r.recipe, d);
		return this.recipeLoaded ? ['a loaded recipe', ...changes] : changes;
	});

	/** Segment names the user typed, per k ("" = the automatic name); they travel with the Recipe as segmentNames. */
	customNames = $state<Record<string, string[]>>({});

	/** Must be called in the browser (onMount): workers do not exist during prerendering. */
	attach(client = new EngineClient()): void {
		this.client = client;
		client.warm();
		this.helpers = Array.from({ length: poolSize() - 1 }, () => new EngineClient());
	}

	/** The last file chosen, so a different delimiter or sheet can re-read it. */
	protected lastFile: { file: Blob; name: string } | null = null;

	protected setDataset(summary: LoadSummary): void {
		this.dataset = summary;
		this.result = null;
		this.history.clear();
		this.onNewDataset();
		const recipe = recipeForTable(summary.derivedFrom?.source ?? summary.source, summary.profiles, summary.derivedFrom?.spec ?? null);
		if (this.acceptedSkips > 0) recipe.acceptSkipped = this.acceptedSkips;
		this.draft = recipe;
		this.customNames = {};
	}

	/** The accepted skipped-record count, put on a recipe that comes from elsewhere (a file, a saved session). */
	protected withAccepted(recipe: Recipe): Recipe {
		const { acceptSkipped: _a, ...rest } = recipe;
		return this.acceptedSkips > 0 ? { ...rest, acceptSkipped: this.acceptedSkips } : rest;
	}

	/** Stops the current load or run at once (the worker is terminated and respawned on the next call). */
	cancel(userAsked = true): void {
		if (!this.controller) return;
		this.controller.abort();
		this.controller = null;
		if (userAsked && this.phase !== 'loading') this.notice = 'Cancelled. Press Run to start again.';
	}

	/** A saved session or a shared recipe waiting for its data file. */
	protected pendingSession: SavedSession | null = null;
	protected pendingWhich: 'last' | 'chosen' = 'last';
	protected pendingRecipe: unknown = null;

	protected fail(err: unknown, fallback: Phase): void {
		this.phase = fallback;
		if (err instanceof EngineCallError) {
			if (err.info.code === 'cancelled') return;
			this.error = err.info;
		} else {
			this.error = { code: 'internal', message: err instanceof Error ? err.message : String(err), hint: '' };
		}
	}

	/** Hooks for the steps' own state (each override calls super): a new file chosen, a new dataset in place. */
	protected onNewFile(): void {}
	protected onNewDataset(): void {}
	/** After a load: a session or shared recipe waiting for this file is applied (export/session-state.svelte.ts). */
	protected async resume(): Promise<boolean> {
		return false;
	}
}

/**
 * The workspace's state: the loaded dataset, the draft Recipe the form edits, the run and its result. Large values
 * live in $state.raw so Svelte does not wrap megabytes of typed arrays in proxies.
 */
import type { AnalysisResult, KSummary } from '$lib/engine/analyse';
import type { ErrorInfo } from '$lib/engine/errors';
import type { Progress } from '$lib/engine/progress';
import { defaultRecipe, validateRecipe, type MissingStrategy, type Recipe, type ScaleMethod } from '$lib/engine/recipe';
import type { LoadSummary } from '$lib/workers/api';
import { EngineCallError, EngineClient } from '$lib/workers/pool';

export type Phase = 'empty' | 'loading' | 'ready' | 'running' | 'done';

export class Workspace {
	phase = $state<Phase>('empty');
	progress = $state<Progress | null>(null);
	error = $state<ErrorInfo | null>(null);
	notice = $state<string | null>(null);
	dataset = $state.raw<LoadSummary | null>(null);
	/** The Recipe being edited: every choice in the form lands here. */
	draft = $state<Recipe | null>(null);
	result = $state.raw<AnalysisResult | null>(null);
	selectedK = $state<number | null>(null);

	private client: EngineClient | null = null;
	private controller: AbortController | null = null;

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

	/** Must be called in the browser (onMount): workers do not exist during prerendering. */
	attach(client = new EngineClient()): void {
		this.client = client;
	}

	async loadFile(file: Blob, name: string): Promise<void> {
		if (!this.client) return;
		this.cancel(false);
		const controller = (this.controller = new AbortController());
		this.phase = 'loading';
		this.error = null;
		this.notice = null;
		this.result = null;
		this.progress = { stage: `Reading ${name}`, fraction: 0 };
		try {
			const summary = await this.client.load({ name, blob: file }, { signal: controller.signal, onProgress: (p) => (this.progress = p) });
			this.dataset = summary;
			this.draft = defaultRecipe(summary.source, summary.profiles);
			this.phase = 'ready';
			if (this.draft.features.length === 0) {
				this.error = {
					code: 'no-numeric-column',
					message: `"${name}" has no numeric column to cluster on.`,
					hint: 'Segment Lab clusters on numbers (spend, counts, rates, days). Check that numbers are not stored as text, or load another file.'
				};
			}
		} catch (err) {
			this.fail(err, this.dataset ? 'ready' : 'empty');
		} finally {
			if (this.controller === controller) this.controller = null;
			this.progress = null;
		}
	}

	async run(): Promise<void> {
		if (!this.client || !this.draft) return;
		this.cancel(false);
		const controller = (this.controller = new AbortController());
		const recipe = $state.snapshot(this.draft) as Recipe;
		this.phase = 'running';
		this.error = null;
		this.notice = null;
		this.progress = { stage: 'Preparing features', fraction: 0 };
		try {
			const result = await this.client.analyse(recipe, { signal: controller.signal, onProgress: (p) => (this.progress = p) });
			this.result = result;
			this.selectedK = result.chosenK;
			this.phase = 'done';
		} catch (err) {
			this.fail(err, this.result ? 'done' : 'ready');
		} finally {
			if (this.controller === controller) this.controller = null;
			this.progress = null;
		}
	}

	/** Stops the current load or run at once (the worker is terminated and respawned on the next call). */
	cancel(userAsked = true): void {
		if (!this.controller) return;
		this.controller.abort();
		this.controller = null;
		if (userAsked) this.notice = 'Cancelled. Nothing was changed; press Run to start again.';
	}

	/** The Recipe of the shown result with the k the user is looking at: downloading it reproduces this view. */
	resultRecipe(): Recipe | null {
		if (!this.result || !this.current) return null;
		return { ...this.result.recipe, k: this.current.k };
	}

	async resultsBlob(): Promise<Blob | null> {
		const r = this.result, labels = this.labels;
		if (!this.client || !r || !labels) return null;
		return this.client.resultsCsv({ rowIndex: r.rowIndex, status: r.status, labels });
	}

	applyRecipe(value: unknown): void {
		try {
			const recipe = validateRecipe(value);
			if (!this.dataset) throw new Error('Load the data file first, then the recipe.');
			const missing = recipe.features.filter((f) => !this.dataset!.profiles.some((p) => p.name === f));
			if (missing.length) {
				this.error = { code: 'recipe-mismatch', message: `The recipe uses column(s) this file does not have: ${missing.join(', ')}.`, hint: 'Load the file the recipe was made for.' };
				return;
			}
			this.draft = { ...recipe, source: this.dataset.source };
			this.notice = recipe.source.hash === this.dataset.source.hash ? 'Recipe applied.' : `Recipe applied. It was made on "${recipe.source.name}", whose contents differ from this file.`;
		} catch (err) {
			this.fail(err, this.phase);
		}
	}

	setScale(scale: ScaleMethod): void {
		if (this.draft) this.draft.prep.scale = scale;
	}

	setMissing(missing: MissingStrategy): void {
		if (this.draft) this.draft.prep.missing = missing;
	}

	toggleFeature(name: string, on: boolean): void {
		if (!this.draft) return;
		const order = this.dataset?.profiles.map((p) => p.name) ?? [];
		const set = new Set(this.draft.features);
		if (on) set.add(name);
		else set.delete(name);
		this.draft.features = order.filter((n) => set.has(n));
	}

	private fail(err: unknown, fallback: Phase): void {
		this.phase = fallback;
		if (err instanceof EngineCallError) {
			if (err.info.code === 'cancelled') return;
			this.error = err.info;
		} else {
			this.error = { code: 'internal', message: err instanceof Error ? err.message : String(err), hint: '' };
		}
	}
}

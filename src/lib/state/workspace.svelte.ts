/**
 * The workspace's state: the loaded dataset, the draft Recipe the form edits, the run and its result. Large values
 * live in $state.raw so Svelte does not wrap megabytes of typed arrays in proxies.
 */
import type { AnalysisResult, KSummary } from '$lib/engine/analyse';
import type { ErrorInfo } from '$lib/engine/errors';
import type { Progress } from '$lib/engine/progress';
import { own, withEntry } from '$lib/engine/names';
import { withKind } from '$lib/engine/data/profile';
import type { PrepPreview } from '$lib/engine/prep/preview';
import type { RfmSpec } from '$lib/engine/prep/rfm-spec';
import { recipeForTable } from '$lib/engine/recipe-for-table';
import { withoutTransforms } from '$lib/engine/prep/default-prep';
import { hasK, validateRecipe, type ColumnPrep, type MissingStrategy, type OutlierSpec, type Recipe, type ScaleMethod } from '$lib/engine/recipe';
import type { ColumnKind, ColumnProfile } from '$lib/engine/types';
import type { LoadOptions } from '$lib/engine/data/load';
import type { LoadResult, LoadSummary, SkipReview } from '$lib/workers/api';
import { poolSize, sweep } from '$lib/workers/engine-pool';
import { EngineCallError, EngineClient } from '$lib/workers/pool';
import type { ProjectionInput } from '$lib/workers/api-projection';
import { RunHistory } from './history.svelte';
import { RecipeUndo } from './recipe-undo.svelte';
import { segmentNamesFor } from '$lib/engine/profile/naming';
import type { Remedy } from '$lib/engine/profile/extreme-segments';
import { applyRemedy } from '$lib/engine/remedy';
import { recipeChanges } from '$lib/engine/recipe-changes';
import { hdbscanColumns } from '$lib/engine/export/hdbscan-columns';
import type { ReportExtras } from '$lib/engine/export/report-extras';
import type { ColumnBySegment } from '$lib/engine/profile/by-column';
import { loadSession, recipeFromLink, saveSession, SESSION_MAX_ROWS, type SavedSession } from './session';

/** 'review': a file loaded with skipped records and waits for the user to keep its readable rows (or not). */
export type Phase = 'empty' | 'loading' | 'review' | 'ready' | 'running' | 'done';

export class Workspace {
	phase = $state<Phase>('empty');
	progress = $state<Progress | null>(null);
	error = $state<ErrorInfo | null>(null);
	notice = $state<string | null>(null);
	dataset = $state.raw<LoadSummary | null>(null);
	/** A file whose unreadable records the user has not yet agreed to leave out: nothing downstream runs on it. */
	review = $state.raw<SkipReview | null>(null);
	/** Skipped records of the loaded file the user accepted (recorded in the Recipe as acceptSkipped). */
	private acceptedSkips = 0;
	/** The Recipe being edited: every choice in the form lands here. */
	draft = $state<Recipe | null>(null);
	result = $state.raw<AnalysisResult | null>(null);
	selectedK = $state<number | null>(null);
	/** The last few runs of this dataset, for "Compare two solutions". */
	readonly history = new RunHistory();
	/** Undo and Redo of the draft, the segment names and the k on show (recipe-undo.svelte.ts). */
	readonly undo = new RecipeUndo(this);

	/** The preparation preview of one column, computed in the worker; the latest request wins. */
	preview = $state.raw<PrepPreview | null>(null);
	previewColumn = $state<string | null>(null);
	previewError = $state<string | null>(null);
	private previewSeq = 0;

	private client: EngineClient | null = null;
	/** Coordinates the projection view adds to the results CSV (one value per clustered row; NaN = not embedded). */
	projectionColumns = $state.raw<{ name: string; values: Float64Array }[] | null>(null);
	/** Extra workers for parallel k values (none on a two-core machine: one core stays with the page). */
	private helpers: EngineClient[] = [];

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

	/** The names of the shown segments: the user's where given, else the automatic ones (profile/naming.ts). */
	readonly segmentNames: string[] = $derived.by(() => {
		const cur = this.current;
		if (!cur) return [];
		return segmentNamesFor(cur.sizes, cur.profile?.personas, this.customNames, cur.k);
	});

	/** Renames segment s of the shown k; an empty name goes back to the automatic one. */
	renameSegment(s: number, name: string): void {
		const cur = this.current;
		if (!cur) return;
		const key = String(cur.k);
		const list = [...(this.customNames[key] ?? new Array<string>(cur.sizes.length).fill(''))];
		while (list.length < cur.sizes.length) list.push('');
		list[s] = name.trim().slice(0, 200);
		const next = { ...this.customNames, [key]: list };
		if (list.every((x) => !x)) delete next[key];
		this.customNames = next;
		if (this.draft) this.draft.segmentNames = Object.keys(next).length ? $state.snapshot(next) : undefined;
	}

	/** Must be called in the browser (onMount): workers do not exist during prerendering. */
	attach(client = new EngineClient()): void {
		this.client = client;
		client.warm();
		this.helpers = Array.from({ length: poolSize() - 1 }, () => new EngineClient());
	}

	/** The last file chosen, so a different delimiter or sheet can re-read it. */
	private lastFile: { file: Blob; name: string } | null = null;

	/** Re-reads the last file with a forced delimiter or another sheet. */
	reload(options: LoadOptions): Promise<void> {
		return this.lastFile ? this.loadFile(this.lastFile.file, this.lastFile.name, options) : Promise.resolve();
	}

	async skippedBlob(): Promise<Blob | null> {
		return this.client && (this.dataset?.skipped || this.review) ? this.client.skippedCsv() : null;
	}

	async loadFile(file: Blob, name: string, options: LoadOptions = {}): Promise<void> {
		if (!this.client) return;
		const previousFile = this.lastFile;
		this.lastFile = { file, name };
		this.cancel(false);
		const controller = (this.controller = new AbortController());
		this.phase = 'loading';
		this.error = null;
		this.notice = null;
		this.result = null;
		this.review = null;
		this.savedSelections = [];
		this.progress = { stage: `Reading ${name}`, fraction: 0 };
		try {
			// Progress comes over its own message channel and can land after the outcome: only this load's, while it runs.
			const onProgress = (p: Progress) => {
				if (this.controller === controller) this.progress = p;
			};
			const out: LoadResult = await this.client.load({ name, blob: file, options }, { signal: controller.signal, onProgress });
			if (out.ready) {
				this.acceptedSkips = 0;
				await this.loaded(out.ready);
				return;
			}
			// The previous file is gone from the worker: nothing of it stays on the page either.
			this.dataset = null;
			this.draft = null;
			this.history.clear();
			const r = out.review;
			// A shared recipe or saved session made on this file after accepting its skipped lines accepts them again.
			const allowed = (this.pendingRecipe as Recipe | null)?.acceptSkipped ?? this.pendingSession?.recipe.acceptSkipped ?? 0;
			if (allowed >= r.skipped) {
				await this.acceptSkipped(r, `${r.skipped.toLocaleString('en')} unreadable line(s) of “${r.name}” were left out, as the recipe you are restoring accepted.`);
				return;
			}
			this.review = r;
			this.phase = 'review';
		} catch (err) {
			// Superseded by a newer load: that one owns the page now.
			if (this.controller !== null && this.controller !== controller) return;
			// The engine client goes back to the previous file (pool.ts); so does "re-read with another delimiter".
			if (this.dataset) this.lastFile = previousFile;
			const cancelled = err instanceof EngineCallError && err.info.code === 'cancelled';
			if (cancelled) {
				const kept = this.dataset?.source.name;
				this.notice = `Loading “${name}” was cancelled. ${kept ? `“${kept}” is still loaded.` : 'Choose a file to load.'}`;
			}
			this.fail(err, this.dataset ? 'ready' : 'empty');
			const shown = this.error as ErrorInfo | null; // set by fail(): TypeScript still narrows it to the null above
			if (!cancelled && shown && this.dataset) this.error = { ...shown, hint: `${shown.hint} “${this.dataset.source.name}” is still loaded.`.trim() };
		} finally {
			if (this.controller === controller) this.controller = null;
			if (!this.controller) this.progress = null;
		}
	}

	/** "Keep the N readable rows": the file under review becomes the dataset; the count goes into the Recipe. */
	async acceptSkipped(review: SkipReview | null = this.review, notice?: string): Promise<void> {
		if (!this.client || !review) return;
		this.error = null;
		try {
			const summary = await this.client.acceptSkipped(review.skipped);
			this.acceptedSkips = review.skipped;
			this.review = null;
			if (notice) this.notice = notice;
			await this.loaded(summary);
		} catch (err) {
			this.fail(err, 'review');
		}
	}

	/** "Choose another file": drop the file under review. */
	rejectReview(): void {
		if (!this.review) return;
		this.notice = `“${this.review.name}” was not used. Fix the lines listed, or choose another file.`;
		this.review = null;
		this.phase = 'empty';
	}

	private async loaded(summary: LoadSummary): Promise<void> {
		this.setDataset(summary);
		this.phase = 'ready';
		if (await this.resume()) return;
		if (this.draft!.features.length === 0) {
			this.error = {
				code: 'no-numeric-column',
				message: `"${summary.source.name}" has no numeric column to cluster on.`,
				hint: 'Segment Lab clusters on numbers (spend, counts, rates, days). Check that numbers are not stored as text, or load another file.'
			};
		}
	}

	async run(): Promise<void> {
		if (!this.client || !this.draft || !this.dataset) return;
		this.cancel(false);
		const controller = (this.controller = new AbortController());
		const recipe = $state.snapshot(this.draft) as Recipe;
		this.recipeLoaded = false;
		this.history.keepNames(this.result, $state.snapshot(this.customNames));
		this.customNames = { ...(recipe.segmentNames ?? {}) };
		const started = performance.now();
		const [lo, hi] = recipe.kRange;
		// DBSCAN has no k: one job that finds its own number of segments.
		const ks = hasK(recipe.algorithm) ? Array.from({ length: Math.max(0, Math.min(hi, this.dataset.rows) - lo + 1) }, (_, i) => lo + i) : [0];
		this.phase = 'running';
		this.error = null;
		this.notice = null;
		this.progress = { stage: 'Preparing features', fraction: 0 };
		for (const h of this.helpers) h.follow(this.client);
		try {
			const out = await sweep(this.client, this.helpers, recipe, ks, {
				signal: controller.signal,
				rows: this.dataset.rows,
				// Only while this run is the current one: progress posted by the worker just before Cancel terminated
				// it can arrive after the run has ended, and would bring back a progress bar that nothing clears.
				onProgress: (p) => {
					if (this.controller === controller) this.progress = p;
				},
				// Charts fill in as each k finishes.
				onPartial: (r) => {
					if (this.controller !== controller) return;
					this.result = r;
					if (!r.perK.some((s) => s.k === this.selectedK)) this.selectedK = r.chosenK;
				}
			});
			if (out.result) {
				this.result = out.result;
				this.history.add(out.result, performance.now() - started);
				if (!out.cancelled) this.selectedK = out.result.chosenK;
				this.phase = 'done';
			} else {
				this.phase = this.result ? 'done' : 'ready';
			}
			if (out.cancelled && out.result) {
				this.notice = `Cancelled. The finished values of k (${out.result.perK.map((s) => s.k).join(', ')}) are kept; press Run to start again.`;
			}
		} catch (err) {
			this.fail(err, this.result ? 'done' : 'ready');
		} finally {
			if (this.controller === controller) this.controller = null;
			this.progress = null;
		}
	}

	private setDataset(summary: LoadSummary): void {
		this.dataset = summary;
		this.result = null;
		this.history.clear();
		this.preview = null;
		this.previewColumn = null;
		const recipe = recipeForTable(summary.derivedFrom?.source ?? summary.source, summary.profiles, summary.derivedFrom?.spec ?? null);
		if (this.acceptedSkips > 0) recipe.acceptSkipped = this.acceptedSkips;
		this.draft = recipe;
		this.customNames = {};
	}

	/** The accepted skipped-record count, put on a recipe that comes from elsewhere (a file, a saved session). */
	private withAccepted(recipe: Recipe): Recipe {
		const { acceptSkipped: _a, ...rest } = recipe;
		return this.acceptedSkips > 0 ? { ...rest, acceptSkipped: this.acceptedSkips } : rest;
	}

	/** Replaces the transaction log with one row per customer (recency, frequency, monetary, …), built in the worker. */
	async buildCustomers(spec: RfmSpec): Promise<void> {
		if (!this.client) return;
		this.cancel(false);
		this.phase = 'loading';
		this.error = null;
		this.progress = { stage: 'Building customer features', fraction: 0 };
		try {
			this.setDataset(await this.client.buildCustomers(spec));
			this.notice = `Built customer features: ${this.dataset!.rows.toLocaleString('en')} customers.`;
		} catch (err) {
			this.fail(err, 'ready');
		} finally {
			this.phase = this.phase === 'loading' ? 'ready' : this.phase;
			this.progress = null;
		}
	}

	/** Back to the loaded transaction file. */
	async useLoaded(): Promise<void> {
		if (!this.client) return;
		try {
			this.setDataset(await this.client.useLoaded());
			this.phase = 'ready';
		} catch (err) {
			this.fail(err, 'ready');
		}
	}

	/** Recomputes the preview for a column (or the one shown). Errors are shown beside the preview, not as a page error. */
	async refreshPreview(column: string | null = this.previewColumn): Promise<void> {
		if (!this.client || !this.draft || !column) return;
		this.previewColumn = column;
		const seq = ++this.previewSeq;
		const recipe = $state.snapshot(this.draft) as Recipe;
		try {
			const p = await this.client.preview(recipe, column);
			if (seq === this.previewSeq) {
				this.preview = p;
				this.previewError = null;
			}
		} catch (err) {
			if (seq === this.previewSeq) {
				this.preview = null;
				this.previewError = err instanceof EngineCallError ? `${err.info.message} ${err.info.hint}` : String(err);
			}
		}
	}

	setColumnType(name: string, kind: ColumnKind): void {
		if (!this.draft) return;
		const inferred = this.dataset?.profiles.find((p) => p.name === name)?.inferredKind;
		// A new record each time (names.ts): `record[name] = …` with a name like __proto__ would not store a value.
		this.draft.columnTypes = withEntry(this.draft.columnTypes, name, kind === inferred ? undefined : kind);
		if (!['numeric', 'categorical', 'boolean'].includes(kind)) this.toggleFeature(name, false);
	}

	setColumnPrep(name: string, patch: Partial<ColumnPrep>): void {
		if (!this.draft) return;
		const next: ColumnPrep = { ...(own(this.draft.prep.columns, name) ?? {}), ...patch };
		for (const key of Object.keys(next) as (keyof ColumnPrep)[]) if (next[key] === undefined) delete next[key];
		this.draft.prep.columns = withEntry(this.draft.prep.columns, name, next);
	}

	/** "Apply no transforms": every log1p and Yeo-Johnson off (the defaults included), other column settings kept. */
	applyNoTransforms(): void {
		if (this.draft) this.draft.prep.columns = withoutTransforms($state.snapshot(this.draft.prep.columns));
	}

	setOutliers(patch: Partial<OutlierSpec>): void {
		if (this.draft) this.draft.prep.outliers = { ...this.draft.prep.outliers, ...patch };
	}

	/** The knee eps offered when DBSCAN is picked (null while computing or when it failed). */
	epsSuggestion = $state<number | null>(null);

	/** Sets the draft's DBSCAN eps to the knee of the minPts-distance curve, computed in the worker. */
	async suggestEps(): Promise<void> {
		if (!this.client || !this.draft || this.draft.algorithm.name !== 'dbscan') return;
		const recipe = $state.snapshot(this.draft) as Recipe;
		const { minPts, eps: typed } = this.draft.algorithm;
		this.epsSuggestion = null;
		try {
			const eps = await this.client.suggestEps(recipe, minPts);
			this.epsSuggestion = eps;
			// Only when nothing changed meanwhile: an eps typed while this was computing wins.
			const a = this.draft?.algorithm;
			if (a?.name === 'dbscan' && a.minPts === minPts && a.eps === typed) a.eps = eps;
		} catch {
			// No suggestion (no features yet, or a preparation error the run will report): keep the typed eps.
		}
	}

	/** Changes parameters of the algorithm the shown result used (the eps dragged on the k-distance plot) and runs again. */
	rerunWith(patch: Record<string, number | string>): void {
		if (!this.draft || !this.result) return;
		this.draft.algorithm = { ...$state.snapshot(this.result.recipe.algorithm), ...patch } as Recipe['algorithm'];
		void this.run();
	}

	/** An extreme-segment card's remedy (profile/extreme-segments.ts): change the recipe, then run again. */
	applyRemedy(remedy: Remedy): void {
		if (!this.draft) return;
		this.draft = applyRemedy($state.snapshot(this.draft) as Recipe, remedy);
		void this.run();
	}

	/** "Try k up to …": the recommendation sat at the top of the range; widen it (the engine capped hi) and run again. */
	widenK(hi: number): void {
		if (!this.draft || !this.result) return;
		this.draft.kRange = [this.draft.kRange[0], Math.max(this.draft.kRange[0], hi)];
		this.draft.k = null;
		void this.run();
	}

	/** Stops the current load or run at once (the worker is terminated and respawned on the next call). */
	cancel(userAsked = true): void {
		if (!this.controller) return;
		this.controller.abort();
		this.controller = null;
		if (userAsked && this.phase !== 'loading') this.notice = 'Cancelled. Press Run to start again.';
	}

	/** The Recipe of the shown result with the k the user is looking at: downloading it reproduces this view. */
	resultRecipe(): Recipe | null {
		if (!this.result || !this.current) return null;
		const names = $state.snapshot(this.customNames);
		const { segmentNames: _old, ...recipe } = this.result.recipe;
		return { ...recipe, k: this.current.k, ...(Object.keys(names).length ? { segmentNames: names } : {}) };
	}

	async resultsBlob(): Promise<Blob | null> {
		const r = this.result, labels = this.labels;
		if (!this.client || !r || !labels) return null;
		const cur = this.current!;
		const model = cur.modelCenters ? { recipe: r.recipe, centers: cur.modelCenters, ...(cur.gmm ? { probs: cur.gmm.probs } : {}), ...(cur.mixed ? { mixed: $state.snapshot(cur.mixed) } : {}) } : undefined;
		const rules = this.ruleColumn?.labels === labels ? [{ name: 'segment_by_rules', values: this.ruleColumn.values }] : [];
		const saved = this.savedSelections.map((sel) => {
			const inSel = new Set(sel.rows);
			return { name: sel.name, values: Float64Array.from(r.rowIndex, (row) => (inSel.has(row) ? 1 : 0)) };
		});
		const extra = [...hdbscanColumns(cur.hdbscan), ...(this.projectionColumns ?? []), ...rules, ...saved];
		return this.client.resultsCsv({ rowIndex: r.rowIndex, status: r.status, labels, names: $state.snapshot(this.segmentNames), extra: extra.length ? extra : undefined, ...(r.repeatOf ? { repeatOf: r.repeatOf } : {}) }, {}, model);
	}

	/** Selections on the map saved as named segments (0-based table rows): one 1/0 column each in the results CSV. */
	savedSelections = $state.raw<{ name: string; rows: number[] }[]>([]);

	saveSelection(name: string, rows: number[]): void {
		this.savedSelections = [...this.savedSelections.filter((s) => s.name !== name), { name, rows: [...rows].sort((a, b) => a - b) }];
	}

	removeSelection(name: string): void {
		this.savedSelections = this.savedSelections.filter((s) => s.name !== name);
	}

	/** Leaves these table rows (0-based) out of the next run: recorded in the Recipe as `exclude` (1-based rows). */
	excludeRows(rows: number[]): void {
		if (!this.draft) return;
		const all = new Set([...(this.draft.exclude?.rows ?? []), ...rows.map((r) => r + 1)]);
		this.draft.exclude = { rows: [...all].sort((a, b) => a - b) };
		this.notice = `${all.size.toLocaleString('en')} row(s) will be left out of the next run (recorded in the Recipe as "exclude"). Press Run to apply.`;
	}

	/** Brings every left-out row back into the next run. */
	includeAllRows(): void {
		if (this.draft) delete this.draft.exclude;
		this.notice = 'Every row takes part in the next run again. Press Run to apply.';
	}

	/** What the rules view and "profile by any column" show, for the HTML report (export/report-extras.ts). */
	reportRules = $state.raw<ReportExtras['rules']>(null);
	reportOutcome = $state.raw<ColumnBySegment | null>(null);

	/** The rule set on show in the rules view (for the labels it was made from): segment_by_rules in the results CSV. */
	ruleColumn = $state.raw<{ labels: Int32Array; values: Float64Array } | null>(null);

	/** The rules of the shown k with this many leaves (engine/explain, in the worker), or their JSON and SQL files. */
	rules(leaves: number): ReturnType<EngineClient['rulesAt']>;
	rules(leaves: number, names: string[]): ReturnType<EngineClient['rulesFiles']>;
	rules(leaves: number, names?: string[]) {
		const r = this.result, labels = this.labels, centers = this.current?.modelCenters;
		if (!this.client || !r || !labels || !centers) return Promise.reject(new Error('No result is on show.'));
		const args = [$state.snapshot(r.recipe) as Recipe, labels.slice(), $state.snapshot(centers)] as const;
		return names ? this.client.rulesFiles(...args, leaves, names) : this.client.rulesAt(...args, leaves);
	}

	/** Any column of the table by segment of the shown k (engine/profile/by-column.ts, in the worker). */
	profileColumn(column: string) {
		const r = this.result, labels = this.labels, cur = this.current;
		if (!this.client || !r || !labels || !cur) return Promise.reject(new Error('No result is on show.'));
		return this.client.profileByColumn(column, r.rowIndex.slice(), labels.slice(), cur.k);
	}

	/** Track over time (components/score/track/TrackPanel.svelte): a new period against the previous scored file, in the worker. */
	trackFiles(input: Parameters<EngineClient['trackFiles']>[0]) {
		return this.client ? this.client.trackFiles(input) : Promise.reject(new Error('The engine has not started yet.'));
	}

	/** The model file of the shown k (export/model.ts), built in the worker. */
	async modelBlob(): Promise<Blob | null> {
		const r = this.result, cur = this.current, recipe = this.resultRecipe();
		if (!this.client || !r || !cur || !recipe) return null;
		const { k, sizes, centers, modelCenters, algorithm, gmm, mixed } = cur;
		const mixture = gmm?.mixture ? { covarianceType: gmm.covariance, ...gmm.mixture } : undefined;
		const model = await this.client.modelJson({ recipe, source: r.source, fitted: r.fitted, rowIndex: r.rowIndex, rowCount: r.rowCount, summary: { k, sizes, centers, modelCenters, algorithm, ...(mixture ? { mixture } : {}), ...(mixed ? { mixed: $state.snapshot(mixed) } : {}) }, names: $state.snapshot(this.segmentNames) });
		return new Blob([JSON.stringify(model, null, 2) + '\n'], { type: 'application/json' });
	}

	/** A saved session or a shared recipe waiting for its data file. */
	private pendingSession: SavedSession | null = null;
	private pendingWhich: 'last' | 'chosen' = 'last';
	private pendingRecipe: unknown = null;
	/** Sessions saved since the page opened: the recent-sessions list reads the store again when it changes. */
	sessionsSaved = $state(0);
	/** The user agreed to keep the data file itself on this device with the session. */
	keepFile = $state(false);

	/** On page load: a shared link's recipe, else the last session (with its file, when the user agreed to keep it). */
	async restore(hash: string): Promise<void> {
		try {
			const r = recipeFromLink(hash);
			if (r) {
				this.pendingRecipe = r;
				this.notice = `This link carries a recipe for “${r.source.name}” (no data). Load that file to apply it.`;
				return;
			}
		} catch (err) {
			this.fail(err, this.phase);
			return;
		}
		const s = await loadSession();
		if (s) await this.resumeSession(s, 'last');
	}

	/** Opens a saved session: at once when its file is loaded (or kept with it), else when that file is loaded. */
	async resumeSession(s: SavedSession, which: 'last' | 'chosen' = 'chosen'): Promise<void> {
		this.pendingSession = s;
		this.pendingWhich = which;
		this.keepFile = !!s.file;
		const here = this.dataset?.derivedFrom?.source ?? this.dataset?.source;
		if (here?.hash === s.recipe.source.hash && !this.review) await this.resume();
		else if (s.file) await this.loadFile(s.file, s.fileName);
		else this.notice = `Your ${which === 'last' ? 'last ' : ''}session on “${s.fileName}” (saved ${s.savedAt.slice(0, 16).replace('T', ' ')} UTC) is restored when you load that file again.`;
	}

	/** After a load: apply the waiting shared recipe, or bring back the saved session when this is its file. */
	private async resume(): Promise<boolean> {
		const source = this.dataset?.derivedFrom?.source ?? this.dataset?.source;
		if (this.pendingRecipe) {
			const r = this.pendingRecipe;
			this.pendingRecipe = null;
			await this.applyRecipe(r);
			return true;
		}
		const s = this.pendingSession;
		if (!s || !source) return false;
		this.pendingSession = null;
		if (s.recipe.rfm) await this.buildCustomers(s.recipe.rfm);
		const now = this.dataset?.derivedFrom?.source ?? this.dataset?.source;
		if (!now || now.hash !== s.recipe.source.hash) return false;
		this.draft = this.withAccepted(s.recipe);
		this.customNames = s.customNames;
		if (s.result) {
			this.result = s.result;
			this.selectedK = s.selectedK;
			this.phase = 'done';
		}
		this.notice = `Restored your ${this.pendingWhich === 'last' ? 'last session' : `session on “${s.fileName}”`} (saved ${s.savedAt.slice(0, 16).replace('T', ' ')} UTC).`;
		return true;
	}

	/** Saves the Recipe and results (and the file, with consent) for the next visit. */
	async persist(): Promise<void> {
		const r = this.result;
		if (!r || !this.lastFile) return;
		const recipe = this.resultRecipe()!;
		await saveSession({
			savedAt: new Date().toISOString(),
			recipe: $state.snapshot(recipe) as Recipe,
			result: r.rowCount <= SESSION_MAX_ROWS ? r : null,
			selectedK: this.selectedK,
			customNames: $state.snapshot(this.customNames),
			fileName: this.lastFile.name,
			fileHash: r.source.hash,
			file: this.keepFile ? this.lastFile.file : null
		});
		this.sessionsSaved++;
	}

	/** "Score new customers": the last scoring report and its CSV. */
	scoring = $state.raw<{ report: Awaited<ReturnType<EngineClient['scoreFile']>>['report']; csv: Blob; name: string } | null>(null);
	scoringBusy = $state(false);

	async scoreFile(modelText: string, file: Blob, name: string): Promise<void> {
		if (!this.client) return;
		this.scoringBusy = true;
		this.scoring = null;
		try {
			let model: unknown;
			try {
				model = JSON.parse(modelText);
			} catch {
				throw new EngineCallError({ code: 'bad-recipe', message: 'The model file is not JSON.', hint: 'Choose the model file downloaded from Segment Lab.' });
			}
			const out = await this.client.scoreFile(model, { name, blob: file });
			this.scoring = { ...out, name };
		} catch (err) {
			this.fail(err, this.phase);
		} finally {
			this.scoringBusy = false;
		}
	}

	/** The prepared matrix, row ids and original feature values of the shown result, for the projection view. */
	async projectionInput(): Promise<ProjectionInput | null> {
		if (!this.client || !this.result) return null;
		return this.client.projectionInput(this.result.recipe);
	}

	async applyRecipe(value: unknown): Promise<void> {
		try {
			const recipe = validateRecipe(value);
			if (!this.dataset) throw new Error('Load the data file first, then the recipe.');
			// A recipe made on customer features rebuilds them from this transaction log first (and vice versa).
			const current = this.dataset.derivedFrom?.spec ?? null;
			if (JSON.stringify(recipe.rfm) !== JSON.stringify(current)) {
				if (recipe.rfm) await this.buildCustomers(recipe.rfm);
				else await this.useLoaded();
				if (this.error || !this.dataset) return;
			}
			const missing = recipe.features.filter((f) => !this.dataset!.profiles.some((p) => p.name === f));
			if (missing.length) {
				this.error = { code: 'recipe-mismatch', message: `The recipe uses column(s) this file does not have: ${missing.join(', ')}.`, hint: 'Load the file the recipe was made for.' };
				return;
			}
			const source = this.dataset.derivedFrom?.source ?? this.dataset.source;
			this.undo.label(`apply the recipe made on “${recipe.source.name}”`);
			this.draft = this.withAccepted({ ...recipe, source });
			if (this.result) this.recipeLoaded = true;
			this.notice = recipe.source.hash === source.hash ? 'Recipe applied.' : `Recipe applied. It was made on "${recipe.source.name}", whose contents differ from this file.`;
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

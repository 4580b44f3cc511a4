/** The Cluster step's actions: the run (a sweep over k in the workers, partial results as each k finishes), DBSCAN's suggested eps, and the one-click reruns offered by the results. */
import { own } from '$lib/engine/names';
import { hasK, type Recipe } from '$lib/engine/recipe';
import { sweep } from '$lib/workers/engine-pool';
import type { Remedy } from '$lib/engine/profile/extreme-segments';
import { applyRemedy } from '$lib/engine/remedy';
import { PrepareState } from '$lib/components/prepare/prepare-state.svelte';

export class ClusterState extends PrepareState {
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
}

/** The Data step's actions: load a file (or re-read it), keep or drop its unreadable lines, build customer features from a transaction log, and choose columns and their types. */
import type { ErrorInfo } from '$lib/engine/errors';
import type { Progress } from '$lib/engine/progress';
import { own, withEntry } from '$lib/engine/names';
import type { RfmSpec } from '$lib/engine/prep/rfm-spec';
import type { Recipe } from '$lib/engine/recipe';
import type { ColumnKind } from '$lib/engine/types';
import type { LoadOptions } from '$lib/engine/data/load';
import type { LoadResult, LoadSummary, SkipReview } from '$lib/workers/api';
import { EngineCallError } from '$lib/workers/pool';
import { WorkspaceCore } from '$lib/state/workspace-core.svelte';

export class DataState extends WorkspaceCore {
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
		this.onNewFile();
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

	protected async loaded(summary: LoadSummary): Promise<void> {
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

	setColumnType(name: string, kind: ColumnKind): void {
		if (!this.draft) return;
		const inferred = this.dataset?.profiles.find((p) => p.name === name)?.inferredKind;
		// A new record each time (names.ts): `record[name] = …` with a name like __proto__ would not store a value.
		this.draft.columnTypes = withEntry(this.draft.columnTypes, name, kind === inferred ? undefined : kind);
		if (!['numeric', 'categorical', 'boolean'].includes(kind)) this.toggleFeature(name, false);
	}

	toggleFeature(name: string, on: boolean): void {
		if (!this.draft) return;
		const order = this.dataset?.profiles.map((p) => p.name) ?? [];
		const set = new Set(this.draft.features);
		if (on) set.add(name);
		else set.delete(name);
		this.draft.features = order.filter((n) => set.has(n));
	}
}

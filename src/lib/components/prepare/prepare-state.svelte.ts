/** The Prepare step's state: the per-feature preparation the form edits, and the preview of one column computed in the worker. */
import { own, withEntry } from '$lib/engine/names';
import type { PrepPreview } from '$lib/engine/prep/preview';
import { withoutTransforms } from '$lib/engine/prep/default-prep';
import type { ColumnPrep, OutlierSpec, Recipe } from '$lib/engine/recipe';
import { EngineCallError } from '$lib/workers/pool';
import { DataState } from '$lib/components/data/data-state.svelte';

export class PrepareState extends DataState {
	/** The preparation preview of one column, computed in the worker; the latest request wins. */
	preview = $state.raw<PrepPreview | null>(null);
	previewColumn = $state<string | null>(null);
	previewError = $state<string | null>(null);
	private previewSeq = 0;

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

	protected onNewDataset(): void {
		super.onNewDataset();
		this.preview = null;
		this.previewColumn = null;
	}
}

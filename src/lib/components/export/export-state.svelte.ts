/** The Export step's files: the Recipe of the view on show, the results CSV and the model file (built in the worker). */
import type { Recipe } from '$lib/engine/recipe';
import { hdbscanColumns } from '$lib/engine/export/hdbscan-columns';
import { MapState } from '$lib/components/map/map-state.svelte';
import type { CallOptions } from '$lib/workers/pool';

export class ExportState extends MapState {
	/** The Recipe of the shown result with the k the user is looking at: downloading it reproduces this view. */
	resultRecipe(): Recipe | null {
		if (!this.result || !this.current) return null;
		const names = $state.snapshot(this.customNames);
		const { segmentNames: _old, ...recipe } = this.result.recipe;
		return { ...recipe, k: this.current.k, ...(Object.keys(names).length ? { segmentNames: names } : {}) };
	}

	/** The results CSV of the shown k, written in the worker (cancellable with opts.signal; progress with opts.onProgress). */
	async resultsBlob(opts: CallOptions = {}): Promise<Blob | null> {
		const r0 = this.result;
		// The PCA coordinates asked for on the Map step, fetched from the engine worker first (the page keeps no scores).
		const pcs = r0 ? await this.pcaCsvColumns(r0, opts) : [];
		const r = this.result, labels = this.labels;
		if (!this.client || !r || !labels || r !== r0 || !pcs) return null;
		const cur = this.current!;
		const model = cur.modelCenters ? { recipe: r.recipe, centers: cur.modelCenters, ...(cur.gmm ? { probs: cur.gmm.probs } : {}), ...(cur.mixed ? { mixed: $state.snapshot(cur.mixed) } : {}) } : undefined;
		const rules = this.ruleColumn?.labels === labels ? [{ name: 'segment_by_rules', values: this.ruleColumn.values }] : [];
		const saved = this.savedSelections.map((sel) => {
			const inSel = new Set(sel.rows), values = new Float64Array(r.rowIndex.length);
			for (let i = 0; i < values.length; i++) values[i] = inSel.has(r.rowIndex[i]) ? 1 : 0;
			return { name: sel.name, values };
		});
		const extra = [...hdbscanColumns(cur.hdbscan), ...pcs, ...(this.projectionColumns ?? []), ...rules, ...saved];
		return this.client.resultsCsv({ rowIndex: r.rowIndex, status: r.status, labels, names: $state.snapshot(this.segmentNames), extra: extra.length ? extra : undefined, ...(r.repeatOf ? { repeatOf: r.repeatOf } : {}) }, opts, model);
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
}

/** The Map step's state: its view (map-view.svelte.ts), the projection's input, coordinates the user adds to the results CSV, saved selections and rows left out of the next run. */
import type { AnalysisResult } from '$lib/engine/analyse';
import { untrack } from 'svelte';
import type { Recipe } from '$lib/engine/recipe';
import { scorePair } from '$lib/engine/project/pca-view';
import type { ProjectionInput } from '$lib/workers/api-projection';
import type { CallOptions } from '$lib/workers/pool';
import { SegmentsState } from '$lib/components/segments/segments-state.svelte';
import { MapView } from './map-view.svelte';

export class MapState extends SegmentsState {
	/** What the user set and did on the Map step, kept between visits for the same result. */
	readonly mapView = new MapView();

	/** Coordinates the projection view adds to the results CSV (one value per clustered row; NaN = not embedded). */
	projectionColumns = $state.raw<{ name: string; values: Float64Array }[] | null>(null);

	/**
	 * PCA axes the results CSV carries (their names and components): the scores are fetched from the engine worker
	 * when the file is written, in full double precision, rather than held on the page (pcaCsvColumns).
	 */
	pcaInCsv = $state.raw<{ names: [string, string]; components: [number, number] } | null>(null);

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

	/** The prepared matrix, row ids and original feature values of the shown result, for the projection view. */
	async projectionInput(opts: CallOptions = {}): Promise<ProjectionInput | null> {
		if (!this.client || !this.result) return null;
		return this.client.projectionInput(this.result.recipe, opts);
	}

	/**
	 * The shown result's PCA scores on components a, b as the scatter's x, y pairs. The page keeps only PC1–PC2's
	 * (result.pca.coords); other axes come from the engine worker, the same numbers as the former scores on the page.
	 */
	async pcaPair(a: number, b: number, opts: CallOptions = {}): Promise<Float32Array | null> {
		const r = this.result;
		if (!r) return null;
		// A result saved before the scores left the page (a restored session) still has them.
		if (r.pca.scores.length > 0) return scorePair(r.pca, a, b);
		if (!this.client) return null;
		return this.client.pcaPair(r.recipe, r.pca, a, b, opts);
	}

	/** The results CSV's PCA columns (pcaInCsv) for result r, in full double precision: null if r is no longer shown. */
	async pcaCsvColumns(r: AnalysisResult, opts: CallOptions = {}): Promise<{ name: string; values: Float64Array }[] | null> {
		const on = this.pcaInCsv;
		if (!on) return [];
		let values: Float64Array[];
		if (r.pca.scores.length > 0) {
			const { scores, dims } = r.pca, n = scores.length / dims;
			values = on.components.map((c) => Float64Array.from({ length: n }, (_, i) => (c < dims ? scores[i * dims + c] : 0)));
		} else {
			if (!this.client) return null;
			values = await this.client.pcaColumns(r.recipe, r.pca, on.components, opts);
		}
		if (this.result !== r) return null;
		return on.names.map((name, i) => ({ name, values: values[i] }));
	}

	/**
	 * The Map step's projection input (ids, original values for hover, colour and selection; the matrix for t-SNE
	 * and UMAP), fetched once per result and kept for the next visit or redraw: at 1,000,000 rows a fetch costs the
	 * page 127–145 MB for a moment. Let go of as soon as another result (or none) is shown. Read-only for callers.
	 * Its `data` is empty when the engine's matrix is not in shared memory (a copy is not kept: projectionInput).
	 */
	private mapInputOf: { result: AnalysisResult; value: ProjectionInput } | null = null;
	/** How many projection inputs the Map step has fetched (its tests count them). */
	mapInputFetches = 0;

	/** The shown result's kept projection input, if fetched. */
	keptMapInput(): ProjectionInput | null {
		this.releaseStaleMapInput();
		return this.mapInputOf?.value ?? null;
	}

	async mapInput(opts: CallOptions = {}): Promise<ProjectionInput | null> {
		const kept = this.keptMapInput();
		if (kept) return kept;
		const result = this.result;
		if (!this.client || !result) return null;
		this.mapInputFetches++;
		// The matrix only when shared (a view, free); otherwise t-SNE and UMAP ask for it (projectionInput).
		const value = await this.client.projectionInput(result.recipe, opts, false);
		if (this.result === result) this.mapInputOf = { result, value };
		return value;
	}

	/** Drops the kept input when its result is no longer shown (called on every read and whenever the result changes). */
	releaseStaleMapInput(): void {
		if (this.mapInputOf && this.mapInputOf.result !== this.result) this.mapInputOf = null;
	}

	constructor() {
		super();
		// A new result (or none) lets the old input go at once, not at the next visit of the Map step.
		$effect.root(() => {
			$effect.pre(() => {
				void this.result;
				untrack(() => this.releaseStaleMapInput());
			});
		});
	}

	protected onNewFile(): void {
		super.onNewFile();
		this.savedSelections = [];
		this.mapInputOf = null;
	}
}

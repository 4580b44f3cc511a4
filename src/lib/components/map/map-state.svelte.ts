/** The Map step's state: its view (map-view.svelte.ts), the projection's input, coordinates the user adds to the results CSV, saved selections and rows left out of the next run. */
import type { Recipe } from '$lib/engine/recipe';
import type { ProjectionInput } from '$lib/workers/api-projection';
import type { CallOptions } from '$lib/workers/pool';
import { SegmentsState } from '$lib/components/segments/segments-state.svelte';
import { MapView } from './map-view.svelte';

export class MapState extends SegmentsState {
	/** What the user set and did on the Map step, kept between visits for the same result. */
	readonly mapView = new MapView();

	/** Coordinates the projection view adds to the results CSV (one value per clustered row; NaN = not embedded). */
	projectionColumns = $state.raw<{ name: string; values: Float64Array }[] | null>(null);

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

	protected onNewFile(): void {
		super.onNewFile();
		this.savedSelections = [];
	}
}

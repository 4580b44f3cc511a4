/**
 * What the reader has done to one scatter: zoom and pan, segments hidden from the legend, the pointer mode, the
 * segment picked for comparison, the lasso and the brushed box (both in data units, so they follow the zoom).
 * A scatter makes its own; a view that must outlive it (the Map step's, kept while the user visits other steps:
 * components/map/map-view.svelte.ts) passes one in. `key` names the projection the view belongs to: a scatter
 * given a view of another key starts it afresh.
 */
import { zoomIdentity, type ZoomTransform } from 'd3';

export type PointerMode = 'pan' | 'select' | 'lasso';

export class ScatterView {
	/** The projection this view is of (the scatter's resetKey); null: none yet. */
	key: string | null = null;
	transform = $state.raw<ZoomTransform>(zoomIdentity);
	// Raw: replaced, never mutated; a proxied array would put a proxy trap in the per-point colour loop.
	hidden = $state.raw<boolean[]>([]);
	mode = $state<PointerMode>('pan');
	/** Keyboard alternative to the brush and the lasso: the segment compared with the rest ('' none). */
	segmentPick = $state('');
	/** The lasso polygon in data units (x0, y0, x1, y1, …). */
	lasso = $state.raw<Float64Array | null>(null);
	/** The brushed box in data units: x from, x to, y from, y to. */
	box = $state.raw<[number, number, number, number] | null>(null);

	/**
	 * The view of another projection (`key`): the whole map, every segment shown, no outline drawn (a lasso or box
	 * in another projection's units would circle other points). The pointer mode and the picked segment stay.
	 */
	reset(key: string, k: number): void {
		this.key = key;
		this.transform = zoomIdentity;
		this.hidden = new Array<boolean>(k).fill(false);
		this.lasso = null;
		this.box = null;
	}

	/** Whether the reader changed anything (a reset of this view is worth saying). */
	get touched(): boolean {
		const t = this.transform;
		return t.k !== 1 || t.x !== 0 || t.y !== 0 || this.hidden.some(Boolean) || this.mode !== 'pan' || this.segmentPick !== '' || !!this.lasso || !!this.box;
	}
}

/**
 * The Map step's view of the shown result, kept in the workspace while the user visits other steps: the
 * projection and its settings, the colour, the scatter's zoom, hidden segments, pointer mode and outline, the
 * selection, and a finished t-SNE or UMAP map. It is the view of one result only: a new result puts it back to
 * its defaults, and says so when the user had changed it (never a view of a stale result).
 */
import { ScatterView } from '$lib/charts/scatter/scatter-view.svelte';
import { EmbeddingRun, type Method } from './embedding-run.svelte';

export class MapView {
	/** The result this is the view of (null: none yet), and the k shown. */
	private of: unknown = null;
	private k = 0;
	method = $state<Method>('pca');
	pcX = $state(0);
	pcY = $state(1);
	biplot = $state(true);
	colorBy = $state('');
	perplexity = $state(30);
	neighbours = $state(15);
	/** Whether the shown coordinates go into the results CSV (opt-in: the file's columns stay as they were). */
	inCsv = $state(false);
	clusterOn = $state(2);
	/** Display indices of the selected points, and how they were selected (the comparison table's caption). */
	selection = $state.raw<Int32Array | null>(null);
	selectionHow = $state('Selected region');
	scatter = $state.raw(new ScatterView());
	readonly run = new EmbeddingRun();
	/** Said once on the Map step after a new result replaced a view the user had changed. */
	notice = $state<string | null>(null);

	/**
	 * Makes this the view of `result` with k segments shown: kept if it already is, otherwise back to the defaults
	 * (true). Another k of the same result keeps the view but drops a segment picked for comparison (its number
	 * names another segment now); the legend's hidden segments are dropped by the scatter.
	 */
	showing(result: unknown, k: number): boolean {
		if (this.of === result) {
			if (this.k !== k && this.scatter.segmentPick !== '') {
				this.scatter.segmentPick = '';
				this.selection = null;
			}
			this.k = k;
			return false;
		}
		const said = this.of !== null && this.touched;
		this.of = result;
		this.k = k;
		this.method = 'pca';
		this.pcX = 0;
		this.pcY = 1;
		this.biplot = true;
		this.colorBy = '';
		this.perplexity = 30;
		this.neighbours = 15;
		this.inCsv = false;
		this.clusterOn = 2;
		this.selection = null;
		this.selectionHow = 'Selected region';
		this.scatter = new ScatterView();
		this.run.reset();
		this.run.error = null;
		this.notice = said ? 'A new result is shown, so the map is back to its first view: PCA on PC1 and PC2, coloured by segment, not zoomed, nothing selected.' : null;
		return true;
	}

	/** The user leaves the Map step: a t-SNE or UMAP map still being made stops (a finished one is kept); the notice is said. */
	leave(): void {
		this.run.leave();
		this.notice = null;
	}

	private get touched(): boolean {
		return (
			this.method !== 'pca' || this.pcX !== 0 || this.pcY !== 1 || !this.biplot || this.colorBy !== '' || this.inCsv || !!this.selection || !!this.run.embedding || this.scatter.touched
		);
	}
}

/**
 * The workspace's prepared data handed to the Learn page within one visit. It is kept in this module's memory
 * only: it survives client-side navigation between the two pages of the app, and disappears with the tab. It is
 * never written to storage or to the URL.
 */
import { pca, pcaTransform } from '$lib/engine/project/pca';
import { deriveSeed, Rng } from '$lib/engine/random';

export interface OwnData {
	/** The file's name, for the caption. */
	name: string;
	features: string[];
	/** rows × cols prepared (scaled) features: the distances the algorithms use. */
	X: Float64Array;
	rows: number;
	cols: number;
	/** Rows the analysis clustered; `rows` may be a seeded sample of them. */
	totalRows: number;
	/** rows × 2: the first two principal components, for drawing only. */
	xy: Float64Array;
	/** Share of the variance the plane shows. */
	explained: number;
	/** The plane's map, to draw full-space centres: cols means and 2 × cols unit components. */
	pcaMean: Float64Array;
	pcaComponents: Float64Array;
}

let current: OwnData | null = null;

export function setOwnData(d: OwnData | null): void {
	current = d;
}

export function getOwnData(): OwnData | null {
	return current;
}

/**
 * The Learn page's view of a prepared matrix: at most `maxRows` rows (a seeded uniform sample: every step is
 * recomputed on the page, and a lesson of thousands of points is unreadable anyway) and their first two
 * principal components for drawing.
 */
export function ownDataFromMatrix(
	name: string, features: string[], data: Float64Array, rows: number, cols: number, seed: number, maxRows = 1500
): OwnData {
	const pick = new Rng(deriveSeed(seed, 0x1ea7)).sampleIndices(rows, Math.min(rows, maxRows));
	const n = pick.length;
	const X = new Float64Array(n * cols);
	for (let t = 0; t < n; t++) X.set(data.subarray(pick[t] * cols, (pick[t] + 1) * cols), t * cols);
	const model = pca(X, n, cols, Math.min(2, cols));
	const proj = pcaTransform(model, X, n, cols);
	const xy = new Float64Array(n * 2);
	const pcaComponents = new Float64Array(2 * cols);
	pcaComponents.set(model.components);
	for (let t = 0; t < n; t++) {
		xy[2 * t] = proj[t * model.nComponents];
		xy[2 * t + 1] = model.nComponents > 1 ? proj[t * model.nComponents + 1] : 0;
	}
	let explained = 0;
	for (const r of model.explainedVarianceRatio) explained += r;
	return { name, features, X, rows: n, cols, totalRows: rows, xy, explained, pcaMean: model.mean, pcaComponents };
}

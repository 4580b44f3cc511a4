/**
 * The workspace's prepared data handed to the Learn page within one visit. It is kept in this module's memory
 * only: it survives client-side navigation between the two pages of the app, and disappears with the tab. It is
 * never written to storage or to the URL.
 */
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

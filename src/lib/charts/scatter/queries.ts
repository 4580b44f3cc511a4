/**
 * What the scatter's interactions ask of its points: the nearest point to the pointer (hover), and the points
 * inside a lasso, a brushed box or one segment (selections). Small maps answer on the main thread from the typed
 * arrays (a grid index for hover, lasso.ts for the polygon); a map too large for that asks the density worker,
 * which holds the same coordinates and runs the same code (density-client.ts). Hidden segments are never
 * found or selected.
 */
import { lassoSelect } from '../lasso';
import { PointGrid } from '../point-grid';

export interface PointQueries {
	/** The nearest visible point to (x, y) within radiusPx pixels (kx, ky: pixels per data unit), or −1. */
	nearest(x: number, y: number, kx: number, ky: number, radiusPx: number): Promise<number>;
	inPolygon(poly: Float64Array): Promise<Int32Array>;
	inBox(x0: number, x1: number, y0: number, y1: number): Promise<Int32Array>;
	ofSegment(s: number): Promise<Int32Array>;
	/** Builds what hover needs ahead of the first pointer move; a no-op where there is nothing to build. */
	warm(): void;
}

/** Points in a box (inclusive), skipping hidden ones: the brush. */
export function boxSelect(coords: Float32Array, n: number, x0: number, x1: number, y0: number, y1: number, skip: (i: number) => boolean): Int32Array {
	const out: number[] = [];
	for (let i = 0; i < n; i++) {
		const a = coords[2 * i], b = coords[2 * i + 1];
		if (a >= x0 && a <= x1 && b >= y0 && b <= y1 && !skip(i)) out.push(i);
	}
	return Int32Array.from(out);
}

/** The visible points of segment s. */
export function segmentSelect(labels: Int32Array, n: number, s: number, skip: (i: number) => boolean): Int32Array {
	const out: number[] = [];
	for (let i = 0; i < n; i++) if (labels[i] === s && !skip(i)) out.push(i);
	return Int32Array.from(out);
}

/** On the main thread, for maps small enough to draw point by point; `skip` marks hidden points. */
export class LocalQueries implements PointQueries {
	private grid: PointGrid | null = null;
	constructor(
		private coords: Float32Array,
		private labels: Int32Array,
		private n: number,
		private skip: (i: number) => boolean
	) {}
	warm() {
		this.grid ??= new PointGrid(this.coords, this.n, this.skip);
	}
	async nearest(x: number, y: number, kx: number, ky: number, radiusPx: number) {
		this.warm();
		return this.grid!.nearest(x, y, kx, ky, radiusPx);
	}
	async inPolygon(poly: Float64Array) {
		return lassoSelect(this.coords, this.n, poly, this.skip);
	}
	async inBox(x0: number, x1: number, y0: number, y1: number) {
		return boxSelect(this.coords, this.n, x0, x1, y0, y1, this.skip);
	}
	async ofSegment(s: number) {
		return segmentSelect(this.labels, this.n, s, this.skip);
	}
}

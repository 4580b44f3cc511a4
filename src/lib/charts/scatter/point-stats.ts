/**
 * What the scatter's axes and legend need of its points: their extent (padded by one unit where every point has
 * the same coordinate) and how many points each segment has. One pass over the points: on the page's thread for
 * a small map, in the density worker for a large one (20–30 ms at 1,000,000 points, which the page's first draw
 * of the map can no longer afford).
 */
export interface PointStats {
	extent: { x0: number; x1: number; y0: number; y1: number };
	/** Points per segment 0..k − 1 (noise, −1, not counted). */
	sizes: number[];
}

/** Stats with the arrays they were computed from (a large map's come back from the worker after the arrays are sent). */
export interface StatsOf extends PointStats {
	coords: Float32Array;
	labels: Int32Array;
	k: number;
}

export function pointStats(coords: Float32Array, labels: Int32Array, n: number, k: number): PointStats {
	let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
	const counts = new Float64Array(Math.max(0, k));
	for (let i = 0; i < n; i++) {
		const a = coords[2 * i], b = coords[2 * i + 1];
		if (a < x0) x0 = a;
		if (a > x1) x1 = a;
		if (b < y0) y0 = b;
		if (b > y1) y1 = b;
		const s = labels[i];
		if (s >= 0 && s < k) counts[s]++;
	}
	if (!(x1 > x0)) (x0 -= 1), (x1 += 1);
	if (!(y1 > y0)) (y0 -= 1), (y1 += 1);
	return { extent: { x0, x1, y0, y1 }, sizes: Array.from(counts) };
}

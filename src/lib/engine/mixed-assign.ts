/**
 * New (or training) rows against the segments of a mixed-data run, for scoring and the per-row columns of the
 * results file: the Gower dissimilarity to each segment's medoid, with the Gower scaling (min and range per
 * feature) fitted on the training rows so a new row is measured on the training's scale — values beyond the
 * training range count more than 1 on that feature, as they are farther than any training pair; or Huang's
 * k-prototypes dissimilarity to each prototype with the run's γ. A category level never seen in training
 * differs from every segment.
 */
import { gowerKinds, gowerPair, gowerScaled } from './cluster/gower';
import { protoCost } from './cluster/kprototypes-run';
import { mixedView } from './mixed-data';
import type { FittedPrep } from './types';

export type MixedAssignment = { kind: 'gower'; min: number[]; range: number[] } | { kind: 'kprototypes'; gamma: number };

/** rows × k dissimilarities of the prepared rows to the segments (centres in the prepared space, segment order). */
export function mixedCosts(data: Float64Array, rows: number, fitted: FittedPrep, centers: number[][], a: MixedAssignment): Float64Array {
	const k = centers.length;
	const rowsView = mixedView(data, rows, fitted);
	const centreView = mixedView(Float64Array.from(centers.flat()), k, fitted);
	const out = new Float64Array(rows * k);
	if (a.kind === 'gower') {
		const scale = { min: Float64Array.from(a.min), range: Float64Array.from(a.range) };
		const sr = gowerScaled(rowsView.gower, rows, scale), sc = gowerScaled(centreView.gower, k, scale);
		const { kinds, weights } = gowerKinds(rowsView.gower);
		for (let i = 0; i < rows; i++) for (let s = 0; s < k; s++) out[i * k + s] = gowerPair(sr, rows, i, sc, k, s, kinds, weights);
		return out;
	}
	const c = centreView.rows;
	// Prototype codes from the centres: a new-level code (width) cannot arise there; −1 would mean "no mode".
	for (let i = 0; i < rows; i++) {
		for (let s = 0; s < k; s++) {
			out[i * k + s] = protoCost(rowsView.rows, a.gamma, i, c.num, c.cat, s);
		}
	}
	return out;
}

/** The nearest segment of each row (the lowest-numbered among equally near ones) and its dissimilarity. */
export function nearestSegments(costs: Float64Array, rows: number, k: number): { labels: Int32Array; distances: Float64Array } {
	const labels = new Int32Array(rows), distances = new Float64Array(rows);
	for (let i = 0; i < rows; i++) {
		let best = 0;
		for (let s = 1; s < k; s++) if (costs[i * k + s] < costs[i * k + best]) best = s;
		labels[i] = best;
		distances[i] = costs[i * k + best];
	}
	return { labels, distances };
}

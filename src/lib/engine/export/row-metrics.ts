/**
 * Per-row columns for the results file: each row's silhouette (exact, scikit-learn's silhouette_samples, up to
 * ROW_SILHOUETTE_MAX rows: it is O(n²)) and its distance to its segment's centre in the clustered space.
 */
import { silhouetteSamples } from '../metrics/silhouette';
import type { FeatureMatrix } from '../types';
import { gowerDistances, GOWER_MAX_ROWS } from '../cluster/gower';
import { mixedCosts, type MixedAssignment } from '../mixed-assign';
import { mixedView } from '../mixed-data';
import { silhouetteFromDissimilarity } from '../metrics/silhouette-dissimilarity';

export const ROW_SILHOUETTE_MAX = 20_000;

export interface RowMetrics {
	/** Null above ROW_SILHOUETTE_MAX rows or below 2 segments. NaN for rows not in a segment. */
	silhouette: Float64Array | null;
	/** Euclidean distance to the row's centre (NaN when the row has no segment). */
	distance: Float64Array;
}

export function rowMetrics(matrix: FeatureMatrix, labels: Int32Array, centers: number[][]): RowMetrics {
	const { data, rows, cols } = matrix;
	const k = centers.length;
	const distance = new Float64Array(rows);
	for (let i = 0; i < rows; i++) {
		const s = labels[i];
		if (s < 0 || s >= k) {
			distance[i] = NaN;
			continue;
		}
		let d = 0;
		const c = centers[s];
		for (let j = 0; j < cols; j++) {
			const t = data[i * cols + j] - c[j];
			d += t * t;
		}
		distance[i] = Math.sqrt(d);
	}
	let silhouette: Float64Array | null = null;
	if (rows <= ROW_SILHOUETTE_MAX && k >= 2) {
		try {
			silhouette = silhouetteSamples(data, rows, cols, labels, k);
		} catch {
			silhouette = null; // fewer than two non-empty segments: no silhouette
		}
	}
	return { silhouette, distance };
}

/** The per-row columns of the results file, as the page and the command line both write them. */
export function rowColumns(matrix: FeatureMatrix, labels: Int32Array, centers: number[][], probs?: Float64Array, mixed?: MixedAssignment | null): { name: string; values: ArrayLike<number> }[] {
	if (mixed) return mixedRowColumns(matrix, labels, centers, mixed);
	const m = rowMetrics(matrix, labels, centers);
	const out: { name: string; values: ArrayLike<number> }[] = [...(m.silhouette ? [{ name: 'silhouette', values: m.silhouette }] : []), { name: 'distance_to_centre', values: m.distance }];
	const k = centers.length, rows = matrix.rows;
	if (probs && probs.length === rows * k) {
		for (let s = 0; s < k; s++) out.push({ name: `probability_${s + 1}`, values: Float64Array.from({ length: rows }, (_, i) => probs[i * k + s]) });
	}
	return out;
}

/**
 * PAM and k-prototypes: each row's silhouette on Gower distances (up to GOWER_MAX_ROWS rows) and its
 * dissimilarity to its own segment (Gower to the medoid, or Huang's to the prototype).
 */
function mixedRowColumns(matrix: FeatureMatrix, labels: Int32Array, centers: number[][], mixed: MixedAssignment): { name: string; values: ArrayLike<number> }[] {
	const { data, rows, fitted } = matrix;
	const k = centers.length;
	const costs = mixedCosts(data, rows, fitted, centers, mixed);
	const own = Float64Array.from(labels, (s, i) => (s >= 0 && s < k ? costs[i * k + s] : NaN));
	const out: { name: string; values: ArrayLike<number> }[] = [];
	if (rows <= GOWER_MAX_ROWS && k >= 2 && labels.every((s) => s >= 0)) {
		const D = gowerDistances(mixedView(data, rows, fitted).gower, rows);
		out.push({ name: 'silhouette_gower', values: silhouetteFromDissimilarity(D, rows, labels, k).values });
	}
	out.push({ name: mixed.kind === 'gower' ? 'gower_to_medoid' : 'dissimilarity_to_prototype', values: own });
	return out;
}

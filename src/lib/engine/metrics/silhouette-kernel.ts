/**
 * The O(m²) core of the silhouette: for every point, the sum of Euclidean distances to the members of each
 * cluster. Points are first sorted by cluster so each cluster is one contiguous block; every pair is visited once
 * (j > i) and its distance added to both ends, halving the work of scikit-learn's full distance matrix
 * (`sklearn/metrics/cluster/_unsupervised.py::_silhouette_reduce`). Distances use exact differences rather than
 * the norm expansion, so duplicate points are exactly 0 apart.
 */
import { throwIfAborted, type ProgressFn } from '../progress';

export interface SilhouetteInput {
	/** m × stride rows, sorted by cluster (stride ≥ cols, padded with zeros). */
	Y: Float64Array;
	m: number;
	stride: number;
	/** Cluster of each sorted row, 0..nLabels-1, non-decreasing. */
	lab: Int32Array;
	nLabels: number;
	/** Start of each cluster's block, length nLabels + 1. */
	start: Int32Array;
}

/** Sum of distances from each sorted row to each cluster: m × nLabels, row-major. */
export function clusterDistanceSums(
	input: SilhouetteInput,
	control: { onProgress?: ProgressFn; signal?: AbortSignal; stage?: string } = {}
): Float64Array {
	const { Y, m, stride, lab, nLabels: L, start } = input;
	const sums = new Float64Array(m * L);
	const totalPairs = (m * (m - 1)) / 2 || 1;
	let donePairs = 0;
	for (let i = 0; i < m; i++) {
		if ((i & 63) === 0) {
			throwIfAborted(control.signal);
			control.onProgress?.({ stage: control.stage ?? 'silhouette', fraction: donePairs / totalPairs });
		}
		const li = lab[i];
		const o = i * stride;
		for (let l = 0; l < L; l++) {
			const from = Math.max(i + 1, start[l]);
			const to = start[l + 1];
			if (from >= to) continue;
			let acc: number;
			if (stride === 8) acc = block8(Y, o, from, to, sums, L, li);
			else if (stride === 4) acc = block4(Y, o, from, to, sums, L, li);
			else acc = blockAny(Y, stride, o, from, to, sums, L, li);
			sums[i * L + l] += acc;
		}
		donePairs += m - 1 - i;
	}
	return sums;
}

function block8(Y: Float64Array, o: number, from: number, to: number, sums: Float64Array, L: number, li: number): number {
	const a0 = Y[o], a1 = Y[o + 1], a2 = Y[o + 2], a3 = Y[o + 3];
	const a4 = Y[o + 4], a5 = Y[o + 5], a6 = Y[o + 6], a7 = Y[o + 7];
	let acc = 0;
	for (let j = from, p = from * 8, q = from * L + li; j < to; j++, p += 8, q += L) {
		const d0 = Y[p] - a0, d1 = Y[p + 1] - a1, d2 = Y[p + 2] - a2, d3 = Y[p + 3] - a3;
		const d4 = Y[p + 4] - a4, d5 = Y[p + 5] - a5, d6 = Y[p + 6] - a6, d7 = Y[p + 7] - a7;
		const d = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + (d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7));
		acc += d;
		sums[q] += d;
	}
	return acc;
}

function block4(Y: Float64Array, o: number, from: number, to: number, sums: Float64Array, L: number, li: number): number {
	const a0 = Y[o], a1 = Y[o + 1], a2 = Y[o + 2], a3 = Y[o + 3];
	let acc = 0;
	for (let j = from, p = from * 4, q = from * L + li; j < to; j++, p += 4, q += L) {
		const d0 = Y[p] - a0, d1 = Y[p + 1] - a1, d2 = Y[p + 2] - a2, d3 = Y[p + 3] - a3;
		const d = Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3);
		acc += d;
		sums[q] += d;
	}
	return acc;
}

function blockAny(
	Y: Float64Array, stride: number, o: number, from: number, to: number, sums: Float64Array, L: number, li: number
): number {
	let acc = 0;
	for (let j = from, p = from * stride, q = from * L + li; j < to; j++, p += stride, q += L) {
		let s = 0;
		for (let t = 0; t < stride; t++) {
			const d = Y[p + t] - Y[o + t];
			s += d * d;
		}
		const d = Math.sqrt(s);
		acc += d;
		sums[q] += d;
	}
	return acc;
}

/**
 * Silhouette of each sorted row from the cluster sums, exactly as sklearn: a = mean distance to the other members
 * of its cluster, b = lowest mean distance to another cluster, s = (b − a) / max(a, b); rows alone in their cluster
 * and 0/0 cases give 0 (sklearn's nan_to_num).
 */
export function silhouetteFromSums(sums: Float64Array, input: SilhouetteInput): Float64Array {
	const { m, lab, nLabels: L, start } = input;
	const out = new Float64Array(m);
	for (let i = 0; i < m; i++) {
		const li = lab[i];
		const own = start[li + 1] - start[li];
		if (own <= 1) continue;
		const a = sums[i * L + li] / (own - 1);
		let b = Infinity;
		for (let l = 0; l < L; l++) {
			if (l === li) continue;
			const v = sums[i * L + l] / (start[l + 1] - start[l]);
			if (v < b) b = v;
		}
		const den = Math.max(a, b);
		const s = (b - a) / den;
		out[i] = Number.isFinite(s) ? s : 0;
	}
	return out;
}

/**
 * The O(m²) core of the silhouette: for every point, the sum of Euclidean distances to the members of each
 * cluster. Points are first sorted by cluster so each cluster is one contiguous block; every pair is visited once
 * (j > i) and its distance added to both ends, halving the work of scikit-learn's full distance matrix
 * (`sklearn/metrics/cluster/_unsupervised.py::_silhouette_reduce`). Distances use exact differences rather than
 * the norm expansion, so duplicate points are exactly 0 apart. With 8 features in a WebAssembly arena the two-row
 * blocks run in WebAssembly SIMD with the same arithmetic (cluster/kmeans-wasm.ts).
 */
import { throwIfAborted, type ProgressFn } from '../progress';
import { arenaOf } from '../cluster/kmeans-wasm';

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

/**
 * Sum of distances from each sorted row to each cluster: m × nLabels, row-major. `rows` limits the outer loop to
 * [from, to) (pairs i < j with i in range), so workers can split the triangle and add their sums.
 */
export function clusterDistanceSums(
	input: SilhouetteInput,
	control: { onProgress?: ProgressFn; signal?: AbortSignal; stage?: string; rows?: [number, number] } = {}
): Float64Array {
	const { Y, m, stride, lab, nLabels: L, start } = input;
	// Y in a WebAssembly arena with room for the sums (silhouette.ts plans it): the two-row blocks run there, bit-identical.
	const arena = stride === 8 ? arenaOf(Y) ?? null : null;
	const sums = arena ? arena.f64(m * L) : new Float64Array(m * L);
	const acc = arena ? arena.f64(2) : null;
	const [iFrom, iTo] = control.rows ?? [0, m];
	const totalPairs = pairsBetween(m, iFrom, iTo) || 1;
	let donePairs = 0;
	for (let i = iFrom; i < iTo; i++) {
		if ((i & 63) === 0) {
			throwIfAborted(control.signal);
			control.onProgress?.({ stage: control.stage ?? 'silhouette', fraction: donePairs / totalPairs });
		}
		const li = lab[i];
		const o = i * stride;
		// Two rows of one cluster at a time: each loaded row j serves both, and one write to sums per j.
		if (stride === 8 && i + 1 < iTo && lab[i + 1] === li) {
			const o2 = o + 8;
			let d = 0;
			for (let t = 0; t < 8; t++) d += (Y[o + t] - Y[o2 + t]) ** 2;
			d = Math.sqrt(d);
			sums[i * L + li] += d;
			sums[(i + 1) * L + li] += d;
			for (let l = 0; l < L; l++) {
				const from = Math.max(i + 2, start[l]);
				const to = start[l + 1];
				if (from >= to) continue;
				if (arena) {
					arena.silhouettePair(Y, i, from, to, sums, from * L + li, L, acc!);
					sums[i * L + l] += acc![0];
					sums[(i + 1) * L + l] += acc![1];
				} else block8x2(Y, o, from, to, sums, L, li, l, i);
			}
			donePairs += 2 * m - 3 - 2 * i;
			i++;
			continue;
		}
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

/** Rows pairs (i, i+1) of cluster li against rows from..to of cluster l. */
function block8x2(Y: Float64Array, o: number, from: number, to: number, sums: Float64Array, L: number, li: number, l: number, i: number): void {
	const a0 = Y[o], a1 = Y[o + 1], a2 = Y[o + 2], a3 = Y[o + 3], a4 = Y[o + 4], a5 = Y[o + 5], a6 = Y[o + 6], a7 = Y[o + 7];
	const b0 = Y[o + 8], b1 = Y[o + 9], b2 = Y[o + 10], b3 = Y[o + 11], b4 = Y[o + 12], b5 = Y[o + 13], b6 = Y[o + 14], b7 = Y[o + 15];
	let accA = 0, accB = 0;
	for (let j = from, p = from * 8, q = from * L + li; j < to; j++, p += 8, q += L) {
		const y0 = Y[p], y1 = Y[p + 1], y2 = Y[p + 2], y3 = Y[p + 3], y4 = Y[p + 4], y5 = Y[p + 5], y6 = Y[p + 6], y7 = Y[p + 7];
		let e0 = y0 - a0, e1 = y1 - a1, e2 = y2 - a2, e3 = y3 - a3, e4 = y4 - a4, e5 = y5 - a5, e6 = y6 - a6, e7 = y7 - a7;
		const dA = Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + (e4 * e4 + e5 * e5 + e6 * e6 + e7 * e7));
		e0 = y0 - b0; e1 = y1 - b1; e2 = y2 - b2; e3 = y3 - b3; e4 = y4 - b4; e5 = y5 - b5; e6 = y6 - b6; e7 = y7 - b7;
		const dB = Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + (e4 * e4 + e5 * e5 + e6 * e6 + e7 * e7));
		accA += dA;
		accB += dB;
		sums[q] += dA + dB;
	}
	sums[i * L + l] += accA;
	sums[(i + 1) * L + l] += accB;
}

/** Pairs (i, j), i < j, with i in [from, to). */
export function pairsBetween(m: number, from: number, to: number): number {
	const upto = (r: number) => r * m - (r * (r + 1)) / 2;
	return upto(to) - upto(from);
}

/** Splits the outer rows into `parts` ranges with about equal numbers of pairs. */
export function splitRows(m: number, parts: number): [number, number][] {
	const total = pairsBetween(m, 0, m);
	const out: [number, number][] = [];
	let from = 0;
	for (let p = 1; p <= parts; p++) {
		let to = from;
		while (to < m && (p === parts || pairsBetween(m, 0, to) < (total * p) / parts)) to++;
		out.push([from, p === parts ? m : to]);
		from = p === parts ? m : to;
	}
	return out;
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

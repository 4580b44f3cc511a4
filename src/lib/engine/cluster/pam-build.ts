/**
 * PAM's BUILD phase (Kaufman & Rousseeuw 1990, ch. 2), as R's `cluster::pam` runs it (src/pam.c, bswap):
 * medoids are added one at a time, each the non-medoid that lowers the total distance to the nearest medoid
 * most. Tie-breaking and arithmetic follow R exactly — the gain of a candidate is summed over rows in order,
 * the starting "distance to the nearest medoid" is R's s·1.1 + 1 (s = the largest distance), and among equal
 * gains the LAST candidate wins (R compares with ≤) — so the same medoids come out as in R.
 *
 * Speed: the gains of all candidates are summed in one sequential pass over the condensed matrix (half of each
 * row is strided in memory, so row-by-row reading is slow), and each candidate's terms still arrive in R's order
 * (rows j = 0..n−1), so the sums are bit-identical to R's row-by-row loop.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';

/** Row i of a condensed matrix (pair i<j at n·i − i(i+1)/2 + j − i − 1) into out[0..n), out[i] = 0. */
export function condensedRow(D: Float64Array, n: number, i: number, out: Float64Array): Float64Array {
	// Integer offsets stepped along (no divisions in the loop): pair (j, i), j < i, moves by n − j − 2 per j.
	let at = i - 1;
	for (let j = 0; j < i; j++) {
		out[j] = D[at];
		at += n - j - 2;
	}
	out[i] = 0;
	at = n * i - ((i * (i + 1)) >> 1);
	for (let j = i + 1; j < n; j++) out[j] = D[at++];
	return out;
}

/** The largest distance (R's `s`; 0 for an empty matrix). */
export function maxDistance(D: Float64Array): number {
	let s = 0;
	for (let t = 0; t < D.length; t++) if (s < D[t]) s = D[t];
	return s;
}

/**
 * k medoids by BUILD. Returns the medoid flags (1 = medoid) and each row's distance to its nearest medoid.
 * `big` = R's s·1.1 + 1, larger than every distance.
 */
export function pamBuild(D: Float64Array, n: number, k: number, big: number, control: RunControl = {}): { isMedoid: Uint8Array; nearest: Float64Array } {
	const isMedoid = new Uint8Array(n);
	const nearest = new Float64Array(n).fill(big);
	const row = new Float64Array(n);
	const gain = new Float64Array(n);
	for (let m = 0; m < k; m++) {
		gain.fill(0);
		// gain[i] = Σ_j max(0, nearest[j] − d(i, j)), terms in R's order (j ascending).
		let at = 0;
		for (let a = 0; a < n; a++) {
			if ((a & 255) === 0) throwIfAborted(control.signal);
			const na = nearest[a];
			if (na > 0) gain[a] += na;
			for (let b = a + 1; b < n; b++) {
				const d = D[at++];
				const cb = nearest[b] - d;
				if (cb > 0) gain[a] += cb;
				const ca = na - d;
				if (ca > 0) gain[b] += ca;
			}
		}
		let best = 0, pick = -1;
		for (let i = 0; i < n; i++) {
			if (isMedoid[i]) continue;
			if (best <= gain[i]) {
				best = gain[i];
				pick = i;
			}
		}
		isMedoid[pick] = 1;
		condensedRow(D, n, pick, row);
		for (let j = 0; j < n; j++) if (nearest[j] > row[j]) nearest[j] = row[j];
		control.onProgress?.({ stage: `PAM BUILD, medoid ${m + 1} of ${k}`, fraction: (m + 1) / k });
	}
	return { isMedoid, nearest };
}

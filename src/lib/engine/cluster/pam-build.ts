/**
 * PAM's BUILD phase (Kaufman & Rousseeuw 1990, ch. 2), as R's `cluster::pam` runs it (src/pam.c, bswap):
 * medoids are added one at a time, each the non-medoid that lowers the total distance to the nearest medoid
 * most. Tie-breaking and arithmetic follow R exactly — the gain of a candidate is summed over rows in order,
 * the starting "distance to the nearest medoid" is R's s·1.1 + 1 (s = the largest distance), and among equal
 * gains the LAST candidate wins (R compares with ≤) — so the same medoids come out as in R.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';

/** Row i of a condensed matrix (pair i<j at n·i − i(i+1)/2 + j − i − 1) into out[0..n), out[i] = 0. */
export function condensedRow(D: Float64Array, n: number, i: number, out: Float64Array): Float64Array {
	for (let j = 0; j < i; j++) out[j] = D[n * j - (j * (j + 1)) / 2 + i - j - 1];
	out[i] = 0;
	const base = n * i - (i * (i + 1)) / 2 - i - 1;
	for (let j = i + 1; j < n; j++) out[j] = D[base + j];
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
	for (let m = 0; m < k; m++) {
		let best = 0, pick = -1;
		for (let i = 0; i < n; i++) {
			if (isMedoid[i]) continue;
			if ((i & 255) === 0) throwIfAborted(control.signal);
			condensedRow(D, n, i, row);
			let gain = 0;
			for (let j = 0; j < n; j++) {
				const c = nearest[j] - row[j];
				if (c > 0) gain += c;
			}
			if (best <= gain) {
				best = gain;
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

/**
 * Silhouette widths (Rousseeuw 1987) from a precomputed condensed dissimilarity matrix — Gower distances for
 * PAM — computed as R's `cluster` does for a pam result (src/pam.c, dark()): a(i) = mean dissimilarity to the
 * rest of its cluster, b(i) = the smallest mean dissimilarity to another cluster, s(i) = 1 − a/b when b > a,
 * b/a − 1 when b < a, 0 when equal, and 0 for a row alone in its cluster.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';

/** Per-row silhouette widths and their mean, for labels 0..k−1 (every row labelled). */
export function silhouetteFromDissimilarity(D: Float64Array, n: number, labels: Int32Array, k: number, control: RunControl = {}): { values: Float64Array; mean: number } {
	const size = new Float64Array(k);
	for (let i = 0; i < n; i++) size[labels[i]]++;
	// Sums of dissimilarities from each row to each cluster, in one sequential pass over D; each row's terms
	// arrive in row order, as R's loop adds them.
	const sums = new Float64Array(n * k);
	let at = 0;
	for (let a = 0; a < n; a++) {
		if ((a & 255) === 0) throwIfAborted(control.signal);
		const la = labels[a];
		for (let b = a + 1; b < n; b++) {
			const d = D[at++];
			sums[a * k + labels[b]] += d;
			sums[b * k + la] += d;
		}
	}
	const values = new Float64Array(n);
	let total = 0;
	for (let i = 0; i < n; i++) {
		const own = labels[i];
		let s = 0;
		if (size[own] > 1) {
			const a = sums[i * k + own] / (size[own] - 1);
			let b = Infinity;
			for (let c = 0; c < k; c++) if (c !== own && size[c] > 0 && sums[i * k + c] / size[c] < b) b = sums[i * k + c] / size[c];
			if (a > 0) s = b > 0 ? (b > a ? 1 - a / b : b < a ? b / a - 1 : 0) : -1;
			else s = b > 0 ? 1 : 0;
			s = Math.max(-1, Math.min(1, s));
		}
		values[i] = s;
		total += s;
	}
	return { values, mean: n ? total / n : NaN };
}

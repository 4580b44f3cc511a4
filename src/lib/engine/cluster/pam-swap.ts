/**
 * PAM's SWAP phase with FastPAM1's shared computation (Schubert & Rousseeuw 2019, "Faster k-Medoids Clustering:
 * Improving the PAM, CLARA, and CLARANS Algorithms", Algorithm 2): for each candidate h one pass over the rows
 * gives the change in cost of swapping h with EVERY medoid at once — O(n) per candidate instead of O(k·n) —
 * using each row's nearest and second-nearest medoid distances (here for all candidates in one sequential pass
 * over the condensed matrix).
 *
 * The swap chosen is R's (`cluster::pam`, variant "original"): R evaluates every pair (h, i) in order of h, then
 * of medoid row i, with its own sum for the change (its "T_ih"), keeps the first strictly smallest, and swaps
 * while that is below −16·ε·|cost|. Sums grouped differently can differ in the last bits, which matters when
 * swaps tie exactly (common with categorical data). So FastPAM1 finds the best change and every pair within a
 * rounding margin of it, and only those few pairs are re-summed R's way to pick the one R picks. The result is
 * R's medoids at FastPAM1's cost.
 */
import type { RunControl } from '../progress';
import { throwIfAborted } from '../progress';
import { condensedRow } from './pam-build';

const EPS = 2.220446049250313e-16;

export interface SwapResult {
	isMedoid: Uint8Array;
	/** Sum of distances to the nearest medoid, as R accumulates it (R's `obj[2]` × n). */
	cost: number;
	swaps: number;
}

/**
 * Improves the medoids of a BUILD (flags `isMedoid`, total `cost` as R sums it) until no swap lowers the total.
 * `big` as in pamBuild. Stops after maxSwaps (a guard; PAM converges in far fewer).
 */
export function pamSwap(D: Float64Array, n: number, k: number, isMedoid: Uint8Array, cost: number, big: number, control: RunControl = {}, maxSwaps = 10_000): SwapResult {
	const medoids = new Int32Array(k);
	const near = new Float64Array(n), second = new Float64Array(n);
	const slot = new Int32Array(n);
	const removeLoss = new Float64Array(k), delta = new Float64Array(n * k), acc = new Float64Array(n);
	const rowH = new Float64Array(n);
	// Each medoid's row, read once per iteration (re-summing tied candidates needs them again and again).
	const medRows = new Float64Array(k * n);
	let swaps = 0;
	if (k < 2) return { isMedoid, cost, swaps };
	for (;;) {
		for (let i = 0, m = 0; i < n; i++) if (isMedoid[i]) medoids[m++] = i;
		nearestTwo(D, n, medoids, near, second, slot, big, medRows);
		removeLoss.fill(0);
		for (let j = 0; j < n; j++) removeLoss[slot[j]] += second[j] - near[j];
		// FastPAM1: losses of every (candidate, medoid) pair; the best, and every pair near it. All candidates at
		// once, in one sequential pass over D (row-by-row reading is strided and slow).
		acc.fill(0);
		delta.fill(0);
		let at = 0;
		for (let a = 0; a < n; a++) {
			if ((a & 255) === 0) throwIfAborted(control.signal);
			let accA = acc[a];
			const na = near[a], sa = second[a], ka = a * k + slot[a];
			// Candidate a's own row (d = 0).
			if (0 < na) {
				accA -= na;
				delta[ka] += na - sa;
			} else if (0 < sa) delta[ka] -= sa;
			for (let b = a + 1; b < n; b++) {
				const d = D[at++];
				// Candidate a, row b.
				const nb = near[b], sb = second[b];
				if (d < nb) {
					accA += d - nb;
					delta[a * k + slot[b]] += nb - sb;
				} else if (d < sb) delta[a * k + slot[b]] += d - sb;
				// Candidate b, row a.
				if (d < na) {
					acc[b] += d - na;
					delta[b * k + slot[a]] += na - sa;
				} else if (d < sa) delta[b * k + slot[a]] += d - sa;
			}
			acc[a] = accA;
		}
		const losses = new Float64Array(n * k).fill(Infinity);
		let best = Infinity;
		for (let h = 0; h < n; h++) {
			if (isMedoid[h]) continue;
			for (let m = 0; m < k; m++) {
				const loss = delta[h * k + m] + acc[h] + removeLoss[m];
				losses[h * k + m] = loss;
				if (loss < best) best = loss;
			}
		}
		// Rounding of sums over n terms each below `big`: far inside this margin.
		const margin = 1e-9 * (Math.abs(cost) + big * 1 + 1);
		if (!(best < margin)) break;
		let dzBest = 1, hBest = -1, iBest = -1;
		for (let h = 0; h < n; h++) {
			if (isMedoid[h]) continue;
			let rowLoaded = false;
			for (let m = 0; m < k; m++) {
				if (!(losses[h * k + m] <= best + margin)) continue;
				if (!rowLoaded) {
					condensedRow(D, n, h, rowH);
					rowLoaded = true;
				}
				const dz = rChange(rowH, near, second, medRows.subarray(m * n, (m + 1) * n));
				if (dzBest > dz) {
					dzBest = dz;
					hBest = h;
					iBest = medoids[m];
				}
			}
		}
		if (!(dzBest < -16 * EPS * Math.abs(cost)) || swaps >= maxSwaps) break;
		isMedoid[hBest] = 1;
		isMedoid[iBest] = 0;
		cost += dzBest;
		swaps++;
		control.onProgress?.({ stage: `PAM SWAP, swap ${swaps}`, fraction: Math.min(0.95, swaps / (swaps + 5)) });
	}
	return { isMedoid, cost, swaps };
}

/** Each row's distance to its nearest and second-nearest medoid, the nearest one's slot in `medoids`; fills `rows` (k × n). */
function nearestTwo(D: Float64Array, n: number, medoids: Int32Array, near: Float64Array, second: Float64Array, slot: Int32Array, big: number, rows: Float64Array): void {
	near.fill(big);
	second.fill(big);
	for (let m = 0; m < medoids.length; m++) {
		const row = condensedRow(D, n, medoids[m], rows.subarray(m * n, (m + 1) * n));
		for (let j = 0; j < n; j++) {
			const d = row[j];
			if (near[j] > d) {
				second[j] = near[j];
				near[j] = d;
				slot[j] = m;
			} else if (second[j] > d) second[j] = d;
		}
	}
}

/** R's T_ih for replacing medoid i by h, summed term by term exactly as pam.c's original SWAP does. */
function rChange(rowH: Float64Array, near: Float64Array, second: Float64Array, rowI: Float64Array): number {
	let dz = 0;
	for (let j = 0; j < rowH.length; j++) {
		const dh = rowH[j];
		if (rowI[j] === near[j]) {
			const small = second[j] > dh ? dh : second[j];
			dz += -near[j] + small;
		} else if (dh < near[j]) dz += -near[j] + dh;
	}
	return dz;
}

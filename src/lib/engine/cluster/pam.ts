/**
 * k-medoids by PAM (Partitioning Around Medoids, Kaufman & Rousseeuw 1990) on a precomputed dissimilarity
 * matrix: BUILD (pam-build.ts) then SWAP with FastPAM1's speed-up (pam-swap.ts, Schubert & Rousseeuw 2019).
 * Medoids, labels and their numbering equal R's `cluster::pam(d, k)` (variant "original", the default):
 * a row joins its nearest medoid (the lowest-numbered row among equally near ones), and clusters are numbered
 * in order of first appearance down the rows, medoids listed in cluster order (R's cstat).
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { subProgress, throwIfAborted } from '../progress';
import { condensedRow, maxDistance, pamBuild } from './pam-build';
import { pamSwap } from './pam-swap';

export interface PamResult {
	k: number;
	/** Cluster of each row, 0-based, numbered as R numbers them (R's clustering − 1). */
	labels: Int32Array;
	/** Row (0-based) of each cluster's medoid, in cluster order (R's id.med − 1). */
	medoids: Int32Array;
	/** Medoids after BUILD, ascending rows (before any swap). */
	buildMedoids: Int32Array;
	/** Sum of distances to the assigned medoids (R's objective × n): after BUILD and after SWAP. */
	buildCost: number;
	cost: number;
	swaps: number;
}

/** PAM of n rows given their condensed dissimilarities (pair i<j at n·i − i(i+1)/2 + j − i − 1). */
export function pam(D: Float64Array, n: number, k: number, control: RunControl = {}): PamResult {
	if (!Number.isInteger(k) || k < 1 || k > n) {
		throw new EngineError('bad-parameter', `PAM needs 1 ≤ k ≤ the number of rows (${n}); k = ${k}.`, `Choose k from 1 to ${n}.`);
	}
	if (D.length !== (n * (n - 1)) / 2) throw new EngineError('internal', `A dissimilarity matrix of ${n} rows has ${(n * (n - 1)) / 2} entries, not ${D.length}.`, 'Report this as a bug.');
	for (let t = 0; t < D.length; t++) {
		if (!(D[t] >= 0) || D[t] === Infinity) throw new EngineError('bad-parameter', 'The dissimilarities hold a missing, negative or infinite value.', 'Fill missing values before clustering.');
	}
	const big = maxDistance(D) * 1.1 + 1;
	const built = pamBuild(D, n, k, big, { signal: control.signal, onProgress: subProgress(control.onProgress, 0, 0.4) });
	let buildCost = 0;
	for (let j = 0; j < n; j++) buildCost += built.nearest[j];
	const buildMedoids = Int32Array.from(rowsOf(built.isMedoid));
	const swapped = pamSwap(D, n, k, built.isMedoid, buildCost, big, { signal: control.signal, onProgress: subProgress(control.onProgress, 0.4, 0.95) });
	throwIfAborted(control.signal);
	const { labels, medoids } = assign(D, n, swapped.isMedoid, big);
	control.onProgress?.({ stage: 'PAM done', fraction: 1 });
	return { k, labels, medoids, buildMedoids, buildCost, cost: swapped.cost, swaps: swapped.swaps };
}

function rowsOf(flags: Uint8Array): number[] {
	const out: number[] = [];
	flags.forEach((f, i) => f && out.push(i));
	return out;
}

/** R's cstat: nearest medoid (first among equals in row order), clusters numbered by first appearance. */
function assign(D: Float64Array, n: number, isMedoid: Uint8Array, big: number): { labels: Int32Array; medoids: Int32Array } {
	const meds = rowsOf(isMedoid);
	const owner = new Int32Array(n).fill(-1);
	const best = new Float64Array(n).fill(big);
	const row = new Float64Array(n);
	for (const m of meds) {
		condensedRow(D, n, m, row);
		for (let j = 0; j < n; j++) {
			if (isMedoid[j]) continue;
			if (best[j] > row[j]) {
				best[j] = row[j];
				owner[j] = m;
			}
		}
	}
	for (const m of meds) owner[m] = m;
	const number = new Map<number, number>();
	const labels = new Int32Array(n);
	const medoids: number[] = [];
	for (let j = 0; j < n; j++) {
		let c = number.get(owner[j]);
		if (c === undefined) {
			c = number.size;
			number.set(owner[j], c);
			medoids.push(owner[j]);
		}
		labels[j] = c;
	}
	return { labels, medoids: Int32Array.from(medoids) };
}

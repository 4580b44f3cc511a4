/**
 * Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering") with scikit-learn 1.2's `MiniBatchKMeans`
 * semantics (`sklearn/cluster/_kmeans.py`):
 * - nInit k-means++ starts on one random sample of initSize = 3·batchSize rows (at least 3k), the start with the
 *   lowest inertia on that sample wins;
 * - steps = maxIter · rows / batchSize; each draws batchSize rows with replacement, assigns them to the nearest
 *   centre and moves each centre to the running mean of every row it has been given (per-centre learning rate
 *   1 / count);
 * - small-cluster reassignment: every 10·k sampled rows (or as soon as a centre has never been used), centres whose
 *   count is below reassignmentRatio × the largest count jump to random rows of the batch (at most half the batch),
 *   their counts reset to the smallest remaining count;
 * - early stop when the exponentially weighted batch inertia has not improved for 10 steps (max_no_improvement);
 * - finished by a full assignment pass: labels and inertia over every row against the final centres.
 * Randomness comes from random.ts, so labels match sklearn's in kind (same algorithm), not draw for draw.
 */
import type { KMeansResult } from '../types';
import type { KMeansControl } from './kmeans';
import { assignNearest } from './kmeans';
import { kmeansPlusPlus } from './kmeans-init';
import { checkMatrix } from './check-matrix';
import { EngineError } from '../errors';
import { Rng } from '../random';
import { throttle, throwIfAborted } from '../progress';

export interface MiniBatchOptions {
	/** Rows per step (sklearn default 1024). */
	batchSize?: number;
	/** k-means++ starts tried on the init sample (sklearn default 3). */
	nInit?: number;
	/** Passes over the data, in steps of batchSize rows (sklearn default 100). */
	maxIter?: number;
	/** Centres with fewer than this fraction of the largest count are reassigned (sklearn default 0.01). */
	reassignmentRatio?: number;
	/** Steps without improvement of the smoothed batch inertia before stopping (sklearn default 10). */
	maxNoImprovement?: number;
}

export interface MiniBatchResult extends KMeansResult {
	/** Mini-batch steps taken. */
	steps: number;
	/** Centre reassignments made over the run. */
	reassigned: number;
}

export function minibatchKmeans(
	X: Float64Array, rows: number, cols: number, k: number, options: MiniBatchOptions, control: KMeansControl
): MiniBatchResult {
	checkMatrix(X, rows, cols, 'Mini-batch k-means');
	if (!Number.isInteger(k) || k < 1 || k > rows) {
		throw new EngineError('bad-parameter', `k = ${k} needs at least ${k} rows (there are ${rows}).`, 'Choose a smaller k.');
	}
	const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1024));
	const nInit = Math.max(1, Math.floor(options.nInit ?? 3));
	const maxIter = Math.max(1, Math.floor(options.maxIter ?? 100));
	const ratio = options.reassignmentRatio ?? 0.01;
	const maxNoImprovement = options.maxNoImprovement ?? 10;
	const rng = new Rng(control.seed);
	const report = throttle(control.onProgress);

	// Starts: k-means++ on one sample, judged by inertia on that same sample (sklearn's init_size sample).
	const initSize = Math.min(rows, Math.max(3 * batchSize, 3 * k));
	const initRows = rng.sampleIndices(rows, initSize);
	const S = gather(X, cols, initRows);
	let centers: Float64Array | null = null;
	let bestInertia = Infinity;
	for (let r = 0; r < nInit; r++) {
		const c = kmeansPlusPlus(S, initSize, cols, k, rng, undefined, { signal: control.signal });
		const inertia = assignNearest(S, initSize, cols, c, k).inertia;
		if (inertia < bestInertia) {
			bestInertia = inertia;
			centers = c;
		}
	}
	const C = centers!;
	const counts = new Float64Array(k);
	const steps = Math.floor((maxIter * rows) / batchSize);
	const alpha = Math.min(1, (batchSize * 2) / (rows + 1));
	const batch = new Int32Array(batchSize);
	const B = new Float64Array(batchSize * cols);
	const sums = new Float64Array(k * cols);
	const got = new Float64Array(k);
	let ewa = NaN;
	let ewaMin = Infinity;
	let noImprovement = 0;
	let sinceReassign = 0;
	let reassigned = 0;
	let step = 0;
	for (; step < steps; step++) {
		if ((step & 63) === 0) {
			throwIfAborted(control.signal);
			report?.({ stage: `Mini-batch k-means, k = ${k}`, fraction: step / steps });
		}
		for (let t = 0; t < batchSize; t++) batch[t] = rng.int(rows);
		for (let t = 0; t < batchSize; t++) B.set(X.subarray(batch[t] * cols, batch[t] * cols + cols), t * cols);
		const { labels, inertia } = assignNearest(B, batchSize, cols, C, k);
		// Running means: centre ← (centre·count + Σ new rows) / (count + new rows).
		sums.fill(0);
		got.fill(0);
		for (let t = 0; t < batchSize; t++) {
			const l = labels[t];
			got[l]++;
			for (let j = 0; j < cols; j++) sums[l * cols + j] += B[t * cols + j];
		}
		for (let c = 0; c < k; c++) {
			if (got[c] === 0) continue;
			const total = counts[c] + got[c];
			for (let j = 0; j < cols; j++) C[c * cols + j] = (C[c * cols + j] * counts[c] + sums[c * cols + j]) / total;
			counts[c] = total;
		}
		sinceReassign += batchSize;
		if (ratio > 0 && (counts.some((v) => v === 0) || sinceReassign >= 10 * k)) {
			sinceReassign = 0;
			reassigned += reassign(C, counts, B, batchSize, cols, k, ratio, rng);
		}
		// Convergence on the smoothed mean batch inertia (the first step is ignored, as in sklearn).
		const batchInertia = inertia / batchSize;
		if (step === 0) continue;
		ewa = Number.isNaN(ewa) ? batchInertia : ewa * (1 - alpha) + batchInertia * alpha;
		if (ewa < ewaMin) {
			ewaMin = ewa;
			noImprovement = 0;
		} else if (++noImprovement >= maxNoImprovement) {
			step++;
			break;
		}
	}
	const full = assignNearest(X, rows, cols, C, k);
	report?.({ stage: `Mini-batch k-means, k = ${k}`, fraction: 1 });
	return {
		k, labels: full.labels, centers: C, inertia: full.inertia, iterations: Math.ceil((step * batchSize) / rows),
		converged: step < steps, bestRestart: 0, steps: step, reassigned
	};
}

/** sklearn's `_mini_batch_step` reassignment: returns how many centres moved. */
function reassign(C: Float64Array, counts: Float64Array, B: Float64Array, n: number, cols: number, k: number, ratio: number, rng: Rng): number {
	let max = 0;
	for (let c = 0; c < k; c++) if (counts[c] > max) max = counts[c];
	const flag = new Uint8Array(k);
	let nFlag = 0;
	for (let c = 0; c < k; c++) if (counts[c] < ratio * max) (flag[c] = 1), nFlag++;
	const cap = Math.floor(0.5 * n);
	if (nFlag > cap) {
		// Keep only the cap smallest flagged (sklearn: argsort of counts, the rest are not reassigned).
		const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => counts[a] - counts[b]);
		for (let t = cap; t < k; t++) flag[order[t]] = 0;
		nFlag = cap;
	}
	if (nFlag === 0) return 0;
	const picks = rng.sampleIndices(n, nFlag);
	let minKept = Infinity;
	for (let c = 0; c < k; c++) if (!flag[c] && counts[c] < minKept) minKept = counts[c];
	let p = 0;
	for (let c = 0; c < k; c++) {
		if (!flag[c]) continue;
		C.set(B.subarray(picks[p] * cols, picks[p] * cols + cols), c * cols);
		counts[c] = Number.isFinite(minKept) ? minKept : 0;
		p++;
	}
	return nFlag;
}

function gather(X: Float64Array, cols: number, idx: Int32Array): Float64Array {
	const out = new Float64Array(idx.length * cols);
	for (let t = 0; t < idx.length; t++) out.set(X.subarray(idx[t] * cols, idx[t] * cols + cols), t * cols);
	return out;
}

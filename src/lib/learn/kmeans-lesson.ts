/**
 * k-means as a list of teaching frames: the starting centres, then for every Lloyd iteration an "assign" frame
 * (each point joins its nearest centre) and an "update" frame (each centre moves to the mean of its points).
 * The update frames come from the engine's `kmeansSteps`, so the last frame is exactly `kmeans()` from the same
 * starting centres; the assign frames add what the generator does in one go (labels against the old centres).
 * Every frame is an independent copy, so stepping back shows a stored frame: exact by construction.
 */
import { kmeansSteps } from '$lib/engine/cluster/kmeans';
import { kmeansPlusPlus, randomInit } from '$lib/engine/cluster/kmeans-init';
import { Rng } from '$lib/engine/random';

export type KMeansInit = 'random' | 'farthest' | 'kmeans++' | 'manual';

export const KMEANS_INIT_NAMES: Record<KMeansInit, string> = {
	random: 'Random points',
	farthest: 'Farthest point',
	'kmeans++': 'k-means++',
	manual: 'Place by clicking'
};

export interface KMeansFrame {
	phase: 'init' | 'assign' | 'update';
	iteration: number;
	/** null before the first assignment. */
	labels: Int32Array | null;
	/** k × cols. */
	centers: Float64Array;
	/** Points whose cluster changed in this assign step. */
	moved: number;
	/** Total distance the centres moved in this update step. */
	shift: number;
	/** Sum of squared distances of points to their centre; null before the first assignment. */
	inertia: number | null;
	/** The last frame: the run has converged (or hit the iteration limit). */
	final: boolean;
}

/** Starting centres (k × cols) by the chosen method; `manual` uses the given centres. */
export function startCentres(
	X: Float64Array, rows: number, cols: number, k: number, init: KMeansInit, seed: number, manual: Float64Array | null
): Float64Array {
	const rng = new Rng(seed);
	if (init === 'manual') return manual ?? new Float64Array(0);
	if (init === 'random') return randomInit(X, rows, cols, k, rng);
	if (init === 'kmeans++') return kmeansPlusPlus(X, rows, cols, k, rng);
	return farthestPoint(X, rows, cols, k, rng);
}

/** Farthest-first traversal (Gonzalez 1985): a random first point, then each next centre is the point farthest from all chosen. */
export function farthestPoint(X: Float64Array, rows: number, cols: number, k: number, rng: Rng): Float64Array {
	const centers = new Float64Array(k * cols);
	const near = new Float64Array(rows).fill(Infinity);
	let pick = rng.int(rows);
	for (let c = 0; c < k; c++) {
		for (let j = 0; j < cols; j++) centers[c * cols + j] = X[pick * cols + j];
		let best = -1, far = -1;
		for (let i = 0; i < rows; i++) {
			let s = 0;
			for (let j = 0; j < cols; j++) {
				const d = X[i * cols + j] - centers[c * cols + j];
				s += d * d;
			}
			if (s < near[i]) near[i] = s;
			if (near[i] > far) (far = near[i]), (best = i);
		}
		pick = best;
	}
	return centers;
}

/** Nearest centre of every point (first on ties) and the inertia of that assignment. */
export function nearest(X: Float64Array, rows: number, cols: number, centers: Float64Array, k: number): { labels: Int32Array; inertia: number } {
	const labels = new Int32Array(rows);
	let inertia = 0;
	for (let i = 0; i < rows; i++) {
		let best = 0, bestD = Infinity;
		for (let c = 0; c < k; c++) {
			let s = 0;
			for (let j = 0; j < cols; j++) {
				const d = X[i * cols + j] - centers[c * cols + j];
				s += d * d;
			}
			if (s < bestD) (bestD = s), (best = c);
		}
		labels[i] = best;
		inertia += bestD;
	}
	return { labels, inertia };
}

/** All frames of one k-means run from `initial` (k × cols) centres. */
export function kmeansFrames(
	X: Float64Array, rows: number, cols: number, initial: Float64Array, maxIter = 100
): KMeansFrame[] {
	const k = initial.length / cols;
	const frames: KMeansFrame[] = [
		{ phase: 'init', iteration: 0, labels: null, centers: initial.slice(), moved: rows, shift: 0, inertia: null, final: false }
	];
	let centers: Float64Array = initial.slice();
	let previous: Int32Array | null = null;
	for (const s of kmeansSteps(X, rows, cols, k, initial, { maxIter })) {
		const a = nearest(X, rows, cols, centers, k);
		let moved = 0;
		for (let i = 0; i < rows; i++) if (previous === null || previous[i] !== a.labels[i]) moved++;
		frames.push({ phase: 'assign', iteration: s.iteration, labels: a.labels, centers, moved, shift: 0, inertia: a.inertia, final: false });
		let shift = 0;
		for (let c = 0; c < k; c++) {
			let s2 = 0;
			for (let j = 0; j < cols; j++) s2 += (s.centers[c * cols + j] - centers[c * cols + j]) ** 2;
			shift += Math.sqrt(s2);
		}
		frames.push({ phase: 'update', iteration: s.iteration, labels: s.labels, centers: s.centers, moved: 0, shift, inertia: s.inertia, final: s.converged });
		centers = s.centers;
		previous = s.labels;
	}
	frames[frames.length - 1].final = true;
	return frames;
}

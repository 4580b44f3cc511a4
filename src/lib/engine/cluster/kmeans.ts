/**
 * k-means (Lloyd) with scikit-learn 1.2 semantics (`sklearn/cluster/_kmeans.py::KMeans`, algorithm='lloyd'):
 * k-means++ or random starts, nInit restarts keeping the lowest inertia, tol scaled by the mean feature variance,
 * strict convergence on unchanged labels, empty clusters relocated to far rows. Data are centred (and padded for
 * the kernels) once per call, as sklearn centres X before fitting.
 */
import type { KMeansResult } from '../types';
import type { ProgressFn } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import { EngineError } from '../errors';
import { Rng, deriveSeed } from '../random';
import { kmeansPlusPlus, randomInit } from './kmeans-init';
import { pairwiseToRows } from './kmeans-init-distances';
import { assignRows, centredPadded, columnMeans, paddedStride, squaredDistances } from './kmeans-kernels';
import { LloydRun, scaledTolerance } from './kmeans-lloyd';
import { setKernelBoundsShare } from './kmeans-lloyd-bounds';
import { kernelArena, openArena, type WasmArena } from './kmeans-wasm';
import { hartiganRefine, hartiganScratchBytes } from './kmeans-hartigan';
import { BLOCK_ROWS, blockCount } from './kmeans-blocks';
import { blockedStart, plusPlusTrials, seedScratchBytes } from './kmeans-seed-blocks';
import { installedRowTeam, TEAM_MIN_ROWS, type RowTeam } from './kmeans-team';

/**
 * Hamerly's bounds give identical results. In the WebAssembly kernel (strides 4 and 8, kmeans-lloyd-bounds.ts) they
 * may start at the third iteration, and do once at most 1% of the rows changed cluster in the last one: setting them
 * up costs about two plain passes, and early passes move most centres far. On the journey's 1M × 8 matrix a late
 * pass then took about 10.5–14 ms instead of 16.5–19.5 at k = 3, 28 instead of 37 at k = 9 (one and two threads).
 * In plain JavaScript they start at the ninth iteration (measured on 1M × 8, k = 8: they halve an iteration once few
 * rows change cluster, but cost more in the first iterations). Both only from 50,000 rows.
 */
export function accelerateFrom(rows: number, arena: WasmArena | null, stride: number): number | null {
	if (arena !== null && (stride === 4 || stride === 8)) return rows >= KERNEL_BOUNDS_MIN_ROWS ? KERNEL_BOUNDS_FROM : null;
	return rows >= 50_000 ? 8 : null;
}
let KERNEL_BOUNDS_FROM = 2;
let KERNEL_BOUNDS_MIN_ROWS = 50_000;
/**
 * Benchmarks and tests: the iteration (0-based) from which the WebAssembly bounds may start (null: never), from how
 * many rows, and the share of rows changing cluster below which they start (kmeans-lloyd-bounds.ts).
 */
export function setKernelBounds(from: number | null, minRows = 50_000, share = 0.01): void {
	KERNEL_BOUNDS_FROM = from ?? Infinity;
	KERNEL_BOUNDS_MIN_ROWS = minRows;
	setKernelBoundsShare(share);
}

/**
 * Bytes a k-means run needs in its arena: the centred data, one restart's labels, centres, sums and counts, and
 * the per-block parts (kmeans-blocks.ts).
 */
export function arenaBytes(rows: number, cols: number, k: number): number {
	const stride = paddedStride(cols);
	const blocks = blockCount(rows);
	return 8 * rows * stride + 4 * rows + 8 * (2 * k * stride + k) + 16 * 8 + blocks * (8 * (k * stride + k + 1) + 4) + 4 * 16 + seedBytes(rows, cols, k) +
		16 * rows + 8 * (3 * k + 2) + 3 * 16;
}

/**
 * On more than one block of rows, the k-means++ starts (kmeans-seed-blocks.ts) and the Hartigan moves
 * (kmeans-hartigan.ts) keep their scratch in the run's arena (so that a team can share it); they never overlap, so
 * the larger of the two is reserved.
 */
function seedBytes(rows: number, cols: number, k: number): number {
	if (rows <= BLOCK_ROWS) return 0;
	const stride = paddedStride(cols);
	return Math.max(seedScratchBytes(rows, stride, plusPlusTrials(k)), hartiganScratchBytes(rows, k, stride));
}

/**
 * The centred, padded data in a WebAssembly arena when one can be had (else in a plain array), and the column
 * means; checks every value is finite only when a mean is not (a non-finite value always makes its column's
 * mean non-finite, so finite means need no second pass).
 */
function centredData(X: Float64Array, rows: number, cols: number, k: number, team: RowTeam | null = null) {
	const mean = columnMeans(X, rows, cols);
	if (!mean.every(Number.isFinite)) checkFinite(X, cols);
	const bytes = arenaBytes(rows, cols, k);
	const arena = (team ? team.openArena(bytes) : null) ?? kernelArena(bytes);
	return { arena, ...centredPadded(X, rows, cols, arena, mean) };
}

export interface KMeansOptions {
	/** Restarts (default 10); forced to 1 for explicit initial centres. */
	nInit?: number;
	/** Lloyd iterations per restart (default 300). */
	maxIter?: number;
	/** Relative tolerance on the total squared centre shift (default 1e-4). */
	tol?: number;
	/** 'k-means++' (default), 'random', or explicit k × cols starting centres. */
	init?: 'k-means++' | 'random' | Float64Array;
	/**
	 * 'hartigan': Hartigan–Wong single-row moves (kmeans-hartigan.ts) after Lloyd until none lowers the inertia —
	 * after every restart while rows × features × k ≤ HARTIGAN_EVERY_MAX (cheap), else after the best restart only
	 * (a pass costs about a Lloyd iteration in plain JavaScript, several of the WebAssembly kernel's). 'none' (the
	 * default here, scikit-learn's behaviour): Lloyd only. The Recipe's default is 'hartigan'.
	 */
	refine?: 'hartigan' | 'none';
	/**
	 * Stop after at least `after` restarts once `repeats` restarts have reached the lowest inertia so far (within
	 * `tolerance`, relative); null (the default) makes all nInit. See kmeans-restarts.ts.
	 */
	earlyStop?: { after: number; repeats: number; tolerance: number } | null;
}

export const HARTIGAN_EVERY_MAX = 2_000_000;
/** Rows up to which many k-means++ starts share one table of row-to-row distances (1,024 rows: 8 MB). */
export const PAIRWISE_MAX_ROWS = 1024;

export interface KMeansControl {
	seed: number;
	/**
	 * Threads sharing memory for the passes over the rows (kmeans-team.ts); by default the team installed on this
	 * thread, used from TEAM_MIN_ROWS rows. The result is the same bit for bit with or without it.
	 */
	team?: RowTeam | null;
	onProgress?: ProgressFn;
	signal?: AbortSignal;
}

export interface KMeansStep {
	/** 1-based iteration number. */
	iteration: number;
	/** Labels assigned in this iteration (after the final relabelling on the last step). */
	labels: Int32Array;
	/** Centres after this iteration's update, k × cols. */
	centers: Float64Array;
	/** Sum of squared distances of the rows to these centres under these labels. */
	inertia: number;
	/** Total squared centre movement in this iteration (sklearn's center_shift_tot). */
	centerShift: number;
	/** Whether the run has met its stopping criterion (labels unchanged or shift ≤ tol), as KMeansResult.converged. */
	converged: boolean;
	/** True on the last step: converged, or maxIter reached without converging. */
	done: boolean;
}

export function kmeans(
	X: Float64Array, rows: number, cols: number, k: number, options: KMeansOptions, control: KMeansControl
): KMeansResult {
	const maxIter = options.maxIter ?? 300;
	const tol = options.tol ?? 1e-4;
	const init = options.init ?? 'k-means++';
	validate(X, rows, cols, k, maxIter, tol, init);
	const nInit = init instanceof Float64Array ? 1 : Math.max(1, Math.floor(options.nInit ?? 10));
	const report = throttle(control.onProgress);
	const signal = control.signal;
	throwIfAborted(signal);

	const installed = installedRowTeam();
	const team = rows >= TEAM_MIN_ROWS ? (control.team !== undefined ? control.team : installed.team) : null;
	const { arena, data, stride, mean } = centredData(X, rows, cols, k, team);
	// The page shows how many cores the run uses (large runs only: small ones stay on one thread by design).
	const cores = rows >= TEAM_MIN_ROWS && installed.cores > 1 ? ` · using ${arena?.team?.size ?? 1} of ${installed.cores} cores` : '';
	try {
		const tolScaled = scaledTolerance(data, rows, stride, cols, tol);
		let best: KMeansResult | null = null;
		// Restarts that reached the best inertia so far (for options.earlyStop).
		let repeats = 0;
		let made = 0;
		const stopRule = options.earlyStop ?? null;
		const refineEvery = options.refine === 'hartigan' && rows * cols * k <= HARTIGAN_EVERY_MAX;
		const total = nInit;
		/** Lloyd from padded centres, then the refinement; kept when better. */
		const attempt = (startPadded: Float64Array, r: number, stage: string) => {
			const mark = arena?.mark() ?? 0;
			const run = new LloydRun(data, rows, stride, k, startPadded, maxIter, tolScaled, accelerateFrom(rows, arena, stride));
			while (!run.done) {
				run.step();
				throwIfAborted(signal);
				// Lloyd usually converges well before maxIter; the bar moves by iterations within the restart.
				report?.({ stage, fraction: (r + Math.min(0.95, run.iteration / Math.min(maxIter, 50))) / total });
			}
			const refined = refineEvery ? hartiganRefine(data, rows, stride, cols, k, run.labels) : null;
			const inertia = refined ? refined.inertia : run.inertia();
			if (stopRule !== null) {
				if (best === null || inertia < best.inertia * (1 - stopRule.tolerance)) repeats = 1;
				else if (Math.abs(inertia - best.inertia) <= stopRule.tolerance * best.inertia) repeats++;
			}
			// Strict '<' keeps the earliest restart among equals, as sklearn does.
			if (best === null || inertia < best.inertia) {
				const c = refined ? refined.centers : run.centers;
				best = { k, labels: run.labels.slice(), centers: fromPadded(c, k, cols, stride, mean), inertia, iterations: run.iteration, converged: run.converged, bestRestart: r };
			}
			arena?.reset(mark);
		};
		// Many k-means++ starts on few rows: every row-to-row distance once, read by each start (the same values).
		const pairwise = init === 'k-means++' && rows <= PAIRWISE_MAX_ROWS && nInit * k >= rows ? pairwiseToRows(X, rows, cols) : null;
		for (let r = 0; r < nInit; r++) {
			const stage = `k-means, k = ${k}, restart ${r + 1} of ${nInit}${cores}`;
			report?.({ stage, fraction: r / nInit });
			let start: Float64Array;
			const rng = new Rng(deriveSeed(control.seed, r));
			if (init instanceof Float64Array) start = toPadded(init, k, cols, stride, mean);
			else if (init === 'random') start = toPadded(randomInit(X, rows, cols, k, rng), k, cols, stride, mean);
			else if (rows > BLOCK_ROWS) start = blockedStart(data, rows, stride, k, rng, signal);
			else start = toPadded(kmeansPlusPlus(X, rows, cols, k, rng, undefined, { signal, pairwise }), k, cols, stride, mean);
			throwIfAborted(signal);
			attempt(start, r, stage);
			made = r + 1;
			if (stopRule !== null && r + 1 >= stopRule.after && repeats >= stopRule.repeats) break;
		}
		const found = best as KMeansResult | null;
		if (options.refine === 'hartigan' && !refineEvery && found) {
			report?.({ stage: `k-means, k = ${k}: single-row moves`, fraction: 0.99 });
			const h = hartiganRefine(data, rows, stride, cols, k, found.labels);
			found.centers = fromPadded(h.centers, k, cols, stride, mean);
			found.inertia = h.inertia;
		}
		report?.({ stage: `k-means, k = ${k}`, fraction: 1 });
		found!.restarts = made;
		return found!;
	} finally {
		arena?.close();
	}
}

/** Nearest centre of every row (first on ties), its squared distance, and their sum. */
export function assignNearest(
	X: Float64Array, rows: number, cols: number, centers: Float64Array, k: number
): { labels: Int32Array; sqDistances: Float64Array; inertia: number } {
	if (!Number.isInteger(k) || k < 1 || centers.length !== k * cols || X.length !== rows * cols) {
		throw new EngineError('bad-parameter',
			`Expected ${k} centres of ${cols} values and ${rows} × ${cols} data, got ${centers.length} and ${X.length} values.`,
			'Pass the centres of a model fitted on the same features.');
	}
	for (let i = 0; i < X.length; i++) {
		if (!Number.isFinite(X[i])) {
			throw new EngineError('bad-parameter', `Row ${Math.floor(i / cols) + 1} has a missing or infinite value (${X[i]}).`,
				'Impute or drop missing values the same way as for the fitted model before assigning segments.');
		}
	}
	const stride = paddedStride(cols);
	const arena = rows > 0 ? openArena(arenaBytes(rows, cols, k) + 8 * rows) : null;
	try {
		const { data, mean } = centredPadded(X, rows, cols, arena);
		const c = toPadded(centers, k, cols, stride, mean, arena);
		const labels = arena ? arena.i32(rows) : new Int32Array(rows);
		if (rows > 0) assignRows(data, rows, stride, c, k, labels, null, null);
		const sqDistances = arena ? arena.f64(rows, false) : new Float64Array(rows);
		const inertia = squaredDistances(data, rows, stride, c, labels, sqDistances);
		return { labels: labels.slice(), sqDistances: sqDistances.slice(), inertia };
	} finally {
		arena?.close();
	}
}

/**
 * Lloyd's iterations one at a time, for the teaching view. Each step yields fresh copies: the labels assigned
 * in that iteration, the updated centres, the inertia of those labels against those centres, and whether the run
 * has ended. The last step equals `kmeans(..., { init: initialCenters })`.
 */
export function* kmeansSteps(
	X: Float64Array, rows: number, cols: number, k: number, initialCenters: Float64Array,
	options: { maxIter?: number; tol?: number } = {}
): Generator<KMeansStep> {
	const maxIter = options.maxIter ?? 300;
	const tol = options.tol ?? 1e-4;
	validate(X, rows, cols, k, maxIter, tol, initialCenters);
	const { arena, data, stride, mean } = centredData(X, rows, cols, k);
	try {
		const run = new LloydRun(data, rows, stride, k, toPadded(initialCenters, k, cols, stride, mean), maxIter,
			scaledTolerance(data, rows, stride, cols, tol), accelerateFrom(rows, arena, stride));
		while (!run.done) {
			run.step();
			yield {
				iteration: run.iteration,
				labels: run.labels.slice(),
				centers: fromPadded(run.centers, k, cols, stride, mean),
				inertia: run.inertia(),
				centerShift: run.shift,
				converged: run.converged,
				done: run.done
			};
		}
	} finally {
		arena?.close();
	}
}

function toPadded(c: Float64Array, k: number, cols: number, stride: number, mean: Float64Array, arena: WasmArena | null = null): Float64Array {
	const out = arena ? arena.f64(k * stride) : new Float64Array(k * stride);
	for (let i = 0; i < k; i++) for (let j = 0; j < cols; j++) out[i * stride + j] = c[i * cols + j] - mean[j];
	return out;
}

function fromPadded(c: Float64Array, k: number, cols: number, stride: number, mean: Float64Array): Float64Array {
	const out = new Float64Array(k * cols);
	for (let i = 0; i < k; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = c[i * stride + j] + mean[j];
	return out;
}

/** Throws on the first non-finite value (validate leaves this to centredData, which needs the column means anyway). */
function checkFinite(X: Float64Array, cols: number): void {
	for (let i = 0; i < X.length; i++) {
		if (!Number.isFinite(X[i])) {
			throw new EngineError('bad-parameter', `Row ${Math.floor(i / cols) + 1}, feature ${(i % cols) + 1} is ${X[i]}; k-means needs finite numbers.`,
				'Impute or drop missing values in the preparation step before clustering.');
		}
	}
}

function validate(
	X: Float64Array, rows: number, cols: number, k: number, maxIter: number, tol: number,
	init: 'k-means++' | 'random' | Float64Array
): void {
	const bad = (message: string, hint: string) => new EngineError('bad-parameter', message, hint);
	if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || X.length !== rows * cols) {
		throw bad(`k-means needs a non-empty table of numbers (got ${rows} rows × ${cols} columns, ${X.length} values).`,
			'Choose at least one feature column and check that some rows remain after preparation.');
	}
	if (!Number.isInteger(k) || k < 1) throw bad(`The number of clusters must be a whole number of at least 1 (got ${k}).`, 'Choose k = 2 or more.');
	if (k > rows) throw bad(`Cannot make ${k} clusters from ${rows} rows.`, `Choose k between 1 and ${rows}, or use more rows.`);
	if (!(maxIter >= 1)) throw bad(`Maximum iterations must be at least 1 (got ${maxIter}).`, 'Use the default of 300.');
	if (!(tol >= 0)) throw bad(`Tolerance must be zero or positive (got ${tol}).`, 'Use the default of 0.0001.');
	if (init instanceof Float64Array) {
		if (init.length !== k * cols) throw bad(`Initial centres have ${init.length} values; expected k × features = ${k * cols}.`, 'Pass one centre per cluster with one value per feature.');
		for (let i = 0; i < init.length; i++) if (!Number.isFinite(init[i])) throw bad('Initial centres contain a missing or infinite value.', 'Pass finite starting centres.');
	}
}

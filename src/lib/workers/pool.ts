/**
 * The only code that knows about threads. An EngineClient owns one engine worker: it replays the loaded file
 * after a respawn, forwards progress through Comlink.proxy, and cancels by terminating the worker (the only way to
 * stop synchronous numeric code at once); the next call respawns it lazily.
 */
import type { MixedOutput } from '../engine/cluster-mixed';
import * as Comlink from 'comlink';
import type { TrackFiles } from './api-track';
import { EngineError, type ErrorInfo } from '../engine/errors';
import { subProgress, type ProgressFn } from '../engine/progress';
import type { AnalysisResult, KPart, RunBase } from '../engine/analyse';
import type { Assignment } from '../engine/export/csv';
import type { ModelInput, SegmentModel } from '../engine/export/model';
import type { Recipe } from '../engine/recipe';
import type { PrepPreview } from '../engine/prep/preview';
import type { RfmSpec } from '../engine/prep/rfm-spec';
import type { EngineApi, LoadInput, LoadResult, LoadSummary, Outcome } from './api';
import type { PcaFit, ProjectionInput } from './api-projection';

function proxied(fn: ProgressFn | undefined): ProgressFn | undefined {
	return fn ? Comlink.proxy(fn) : undefined;
}

export interface CallOptions {
	signal?: AbortSignal;
	onProgress?: ProgressFn;
}

/** The worker URL must stay literal here so Vite bundles the worker in dev and in the build. */
export function createEngineWorker(): Worker {
	return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'segment-lab-engine' });
}

/** How long a cancellable call may take to stop by itself before its worker is terminated (Cancel's target is 200 ms). */
const GRACE_MS = 100;

/** How every call ends that was cancelled, by its own Cancel or because its worker was stopped. */
function cancelledCall(): EngineCallError {
	return new EngineCallError({ code: 'cancelled', message: 'The run was cancelled.', hint: '' });
}

export class EngineCallError extends Error {
	readonly info: ErrorInfo;
	constructor(info: ErrorInfo) {
		super(info.message);
		this.info = info;
	}
}

export class EngineClient {
	private worker: Worker | null = null;
	private remote: Comlink.Remote<EngineApi> | null = null;
	private input: LoadInput | null = null;
	private loaded = false;
	/** The customer-table choices in force, replayed after the loaded file when a worker is respawned. */
	private derive: RfmSpec | null = null;

	constructor(private readonly spawn: () => Worker = createEngineWorker) {}

	/**
	 * Makes this client hold the same data as `other` (the file and any customer table built from it). Nothing is
	 * sent now: the data is replayed into this client's worker on its first call.
	 */
	follow(other: EngineClient): void {
		if (this.input === other.input && this.derive === other.derive) return;
		this.terminate();
		this.input = other.input;
		this.derive = other.derive;
	}

	/** Reads a file: ready to use, or (with skipped records not yet accepted) a review for the user. */
	async load(input: LoadInput, opts: CallOptions = {}): Promise<LoadResult> {
		const previous = { input: this.input, derive: this.derive };
		this.input = input;
		this.loaded = false;
		this.derive = null;
		try {
			const result = await this.call((r) => r.load(input, proxied(opts.onProgress)), opts, false);
			this.loaded = true;
			return result;
		} catch (err) {
			// The worker dropped the previous file before reading this one (one file's memory at a time). The page
			// still shows the previous file, so it is replayed on the next call rather than the file that failed.
			this.input = previous.input;
			this.derive = previous.derive;
			this.loaded = false;
			throw err;
		}
	}

	/**
	 * Keeps the readable rows of the file under review. The acceptance joins the replayed input, so a respawned
	 * worker (after Cancel) or a helper worker reads the file straight to a usable table.
	 */
	async acceptSkipped(count: number, opts: CallOptions = {}): Promise<LoadSummary> {
		if (this.input) this.input = { ...this.input, acceptSkipped: count };
		return this.call((r) => r.acceptSkipped(), opts);
	}

	analyse(recipe: Recipe, opts: CallOptions = {}): Promise<AnalysisResult> {
		return this.call((r) => r.analyse(recipe, proxied(opts.onProgress)), opts);
	}

	/** The k-independent part of a run; the prepared matrix stays in this worker for clusterK. */
	runBase(recipe: Recipe, opts: CallOptions = {}): Promise<RunBase> {
		return this.call((r) => r.runBase(recipe, proxied(opts.onProgress)), opts);
	}

	/** One k of a sweep. */
	clusterK(recipe: Recipe, k: number, opts: CallOptions = {}): Promise<KPart> {
		return this.call((r) => r.clusterK(recipe, k, proxied(opts.onProgress)), opts);
	}

	/**
	 * A sweep is over: the worker lets go of the k-means team's memory (api.ts releaseRunMemory). Nothing to do when
	 * the worker is not running (no worker is started, and no file read again, for this).
	 */
	releaseRunMemory(): void {
		if (!this.remote || !this.loaded) return;
		this.remote.releaseRunMemory().catch(() => {});
	}

	/** DBSCAN's eps at the knee of the minPts-distance curve of the prepared features (computed in the worker). */
	suggestEps(recipe: Recipe, minPts: number, opts: CallOptions = {}): Promise<number> {
		return this.call((r) => r.suggestEps(recipe, minPts, proxied(opts.onProgress)), opts);
	}

	/** Each preparation step's effect on one column (computed in the worker). */
	preview(recipe: Recipe, column: string, opts: CallOptions = {}): Promise<PrepPreview> {
		return this.call((r) => r.preview(recipe, column), opts);
	}

	/** Builds the customer table from the loaded transaction log; later calls work on it. */
	async buildCustomers(spec: RfmSpec, opts: CallOptions = {}): Promise<LoadSummary> {
		const summary = await this.call((r) => r.buildCustomers(spec), opts);
		this.derive = spec;
		return summary;
	}

	/** Back to the loaded file. */
	async useLoaded(opts: CallOptions = {}): Promise<LoadSummary> {
		const summary = await this.call((r) => r.useLoaded(), opts);
		this.derive = null;
		return summary;
	}

	/** The prepared matrix, ids and original feature values for the projection view (transferred, not cloned). */
	projectionInput(recipe: Recipe, opts: CallOptions = {}, matrix = true): Promise<ProjectionInput> {
		// Cancel gives it up at once (it reports no progress, so the worker finishes it and keeps its table: callCancellable).
		return this.callCancellable((r) => r.projectionInput(recipe, matrix), opts);
	}

	/** The result's PCA scores on components a, b as x, y screen positions (the page keeps only PC1–PC2's). */
	pcaPair(recipe: Recipe, fit: PcaFit, a: number, b: number, opts: CallOptions = {}): Promise<Float32Array> {
		return this.callCancellable((r) => r.pcaPair(recipe, { mean: fit.mean, components: fit.components }, a, b), opts);
	}

	/** The result's PCA scores on these components in full double precision (the results CSV's columns). */
	pcaColumns(recipe: Recipe, fit: PcaFit, components: number[], opts: CallOptions = {}): Promise<Float64Array[]> {
		return this.callCancellable((r) => r.pcaColumns(recipe, { mean: fit.mean, components: fit.components }, components), opts);
	}

	/**
	 * The labelled results file. The assignment is copied, not transferred: the page keeps showing it. Cancel keeps
	 * the worker (and its table) when the writer stops by itself in time (callCancellable).
	 */
	resultsCsv(assignment: Assignment, opts: CallOptions = {}, model?: { recipe: Recipe; centers: number[][]; probs?: Float64Array; mixed?: MixedOutput }): Promise<Blob> {
		return this.callCancellable((r, job, onProgress) => r.resultsCsv(assignment, model, proxied(onProgress), job), opts);
	}

	/** The model file of one k (built in the worker, which holds the training data for the drift baseline). */
	modelJson(input: ModelInput, opts: CallOptions = {}): Promise<SegmentModel> {
		return this.call((r) => r.modelJson(input), opts);
	}

	/** Scores a new file with a model (read in the worker; the loaded data is untouched). */
	scoreFile(model: unknown, input: LoadInput, opts: CallOptions = {}) {
		return this.call((r) => r.scoreFile(model, input, proxied(opts.onProgress)), opts, false);
	}

	/** Rules for one k of a run (IMM, then ExKMC up to 4k leaves, held in the worker): the rule set with `leaves` leaves, and its files. */
	rulesAt(recipe: Recipe, labels: Int32Array, centers: number[][], leaves: number, opts: CallOptions = {}) {
		// In steps the worker stops at its next checkpoint on Cancel, keeping its table (callCancellable).
		return this.callCancellable((r, job, onProgress) => r.rulesAt(recipe, labels, centers, leaves, proxied(onProgress), job), opts);
	}

	rulesFiles(recipe: Recipe, labels: Int32Array, centers: number[][], leaves: number, names: string[], opts: CallOptions = {}) {
		return this.call((r) => r.rulesFiles(recipe, labels, centers, leaves, names), opts);
	}

	/** One column's distribution per segment, with its tests and, for an outcome, rates or means with intervals. */
	profileByColumn(column: string, rowIndex: Int32Array, labels: Int32Array, k: number, opts: CallOptions = {}) {
		return this.call((r) => r.profileByColumn(column, rowIndex, labels, k), opts);
	}

	/** Tracks a new period against the previous scored file with a model (both read in the worker; the loaded data is untouched). */
	trackFiles(input: TrackFiles, opts: CallOptions = {}) {
		return this.call((r) => r.trackFiles(input), opts, false);
	}

	/** The lines of the loaded file that were skipped, as a CSV (line, reason, text). */
	skippedCsv(opts: CallOptions = {}): Promise<Blob> {
		return this.call((r) => r.skippedCsv(), opts);
	}

	/** Starts the worker now, idle, so the first file the user drops does not wait for it (or its file reader) to start. */
	warm(): void {
		this.ensure();
	}

	/**
	 * Stops whatever runs now. The loaded file is replayed into a fresh worker on the next call. Every call still
	 * waiting on the stopped worker (another view's job, whoever stopped it) ends as cancelled: Comlink alone would
	 * leave it waiting forever for an answer the terminated worker can no longer send.
	 */
	terminate(): void {
		this.end?.(cancelledCall());
		this.remote?.[Comlink.releaseProxy]();
		this.worker?.terminate();
		this.worker = null;
		this.remote = null;
		this.loaded = false;
	}

	/** Rejects when the current worker ends (terminated, crashed, or a message it cannot read): every call races it. */
	private ended: Promise<never> = new Promise(() => {});
	private end: ((err: EngineCallError) => void) | null = null;

	private ensure(): Comlink.Remote<EngineApi> {
		if (!this.remote) {
			const worker = this.spawn();
			this.ended = new Promise((_, reject) => {
				this.end = (err) => {
					this.end = null;
					reject(err);
				};
			});
			this.ended.catch(() => {});
			const fail = (message: string) => {
				if (this.worker !== worker) return;
				this.end?.(new EngineCallError({ code: 'internal', message, hint: 'Press Run (or load the file) again; if the file is very large, this device may be out of memory.' }));
				this.terminate();
			};
			// A worker that fails to start or throws outside a call would leave Comlink waiting forever.
			worker.addEventListener('error', (e) => {
				e.preventDefault?.();
				fail(`The engine stopped unexpectedly${e.message ? `: ${e.message}` : ''}.`);
			});
			// An answer that cannot be read never reaches its call: fail the calls instead of waiting for it.
			worker.addEventListener('messageerror', () => fail('The engine sent an answer the page could not read.'));
			this.worker = worker;
			this.remote = Comlink.wrap<EngineApi>(worker);
		}
		return this.remote;
	}

	private jobs = 0;

	/**
	 * A call the worker can stop by itself (job-control.ts). On abort the worker is asked to stop. A call that has
	 * not started yet (the worker is busy with another call, or reading the file again) is given up at once: the
	 * worker drops it when it comes to it. A call under way stops at its next checkpoint (within about 25 ms) and
	 * the worker keeps its state; if it has not stopped within GRACE_MS (a part without checkpoints), the worker is
	 * terminated as for any other call. The call has started when it first reports progress.
	 */
	private async callCancellable<T>(fn: (r: Comlink.Remote<EngineApi>, job: number, onProgress: ProgressFn) => Promise<Outcome<T>>, opts: CallOptions): Promise<T> {
		const { signal } = opts;
		if (signal?.aborted) throw cancelledCall();
		const job = ++this.jobs;
		const hard = new AbortController();
		let started = false;
		const onProgress: ProgressFn = (p) => {
			started = true;
			opts.onProgress?.(p);
		};
		let timer: ReturnType<typeof setTimeout> | undefined;
		let giveUp: (err: EngineCallError) => void = () => {};
		const givenUp = new Promise<never>((_, reject) => (giveUp = reject));
		const onAbort = () => {
			void this.remote?.cancelJob(job).catch(() => {});
			if (!started) giveUp(cancelledCall());
			else timer = setTimeout(() => hard.abort(), GRACE_MS);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		try {
			const work = this.call((r) => fn(r, job, onProgress), { ...opts, signal: hard.signal });
			work.catch(() => {});
			const out = await Promise.race([work, givenUp]);
			// Finished just as Cancel was pressed: what the user cancelled is not handed over.
			if (signal?.aborted) throw cancelledCall();
			return out;
		} finally {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
		}
	}

	private async call<T>(fn: (r: Comlink.Remote<EngineApi>) => Promise<Outcome<T>>, opts: CallOptions, needsData = true): Promise<T> {
		const { signal } = opts;
		if (signal?.aborted) throw cancelledCall();
		const remote = this.ensure();
		const ended = this.ended;
		const work = (async () => {
			if (needsData && !this.loaded) {
				if (!this.input) throw new EngineError('internal', 'No data is loaded.', 'Load a file or the demo data first.');
				// The progress line says the file is being read again (after a Cancel or for a helper), at the call's 0 %.
				const re = await remote.load(this.input, proxied(subProgress(opts.onProgress, 0, 0)));
				if (!re.ok) return re as Outcome<T>;
				// A replay of a file under review stays under review; acceptSkipped() then releases it.
				if (this.derive) {
					const d = await remote.buildCustomers(this.derive);
					if (!d.ok) return d as Outcome<T>;
				}
				// Only for the worker that read it: a replacement started meanwhile holds nothing yet.
				if (this.remote === remote) this.loaded = true;
			}
			return fn(remote);
		})();
		let onAbort: (() => void) | undefined;
		const aborted = new Promise<never>((_, reject) => {
			onAbort = () => {
				this.terminate();
				reject(cancelledCall());
			};
			signal?.addEventListener('abort', onAbort, { once: true });
		});
		try {
			const out = await Promise.race([work, aborted, ended]);
			if (!out.ok) throw new EngineCallError(out.error);
			return out.value;
		} finally {
			if (onAbort) signal?.removeEventListener('abort', onAbort);
		}
	}
}

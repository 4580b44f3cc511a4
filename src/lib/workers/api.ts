/**
 * The object the engine worker exposes through Comlink. It holds the loaded Table (so data crosses the boundary
 * once) and returns plain values: errors come back as data, typed arrays are transferred, not cloned.
 */
import type { MixedOutput } from '../engine/cluster-mixed';
import * as Comlink from 'comlink';
import { suggestedEpsFor } from '../engine/cluster-k';
import { analyse, clusterOneK, kValues, prepareRun, project, type AnalysisResult, type KPart, type RunBase } from '../engine/analyse';
import type { LoadOptions } from '../engine/data/load';
import { skipGroups, skipNotes, type SkipGroup } from '../engine/data/skipped';
import { skippedCsvChunks } from '../engine/export/skipped-csv';
import { fingerprint, type SourceFingerprint } from '../engine/data/fingerprint';
import { describeTable } from '../engine/data/describe';
import type { CorrelationMatrix } from '../engine/prep/correlation';
import { previewPrep, type PrepPreview } from '../engine/prep/preview';
import { suggestRfm } from '../engine/prep/rfm-detect';
import { detectTransactionLog } from '../engine/prep/transaction-log';
import type { RfmSpec } from '../engine/prep/rfm-spec';
import { buildCustomerTable } from '../engine/prep/rfm-table';
import { EngineError, toErrorInfo, type ErrorInfo } from '../engine/errors';
import { resultsCsvChunks, type Assignment } from '../engine/export/csv';
import { buildModel, mixedAssignment, type ModelInput, type SegmentModel } from '../engine/export/model';
import { rowColumns } from '../engine/export/row-metrics';
import { scoreTable, scoredColumns, type ScoreResult } from '../engine/score/score';
import { projectionApi } from './api-projection';
import { rulesApi } from './api-rules';
import { profileColumnApi } from './api-profile';
import { trackApi } from './api-track';
import type { ProgressFn } from '../engine/progress';
import type { Recipe } from '../engine/recipe';
import type { ColumnProfile, FeatureMatrix, LineAccount, SourceFormat, Table } from '../engine/types';
import { loadBlob } from './read-file';
import { releaseTeam, teamFor } from './kmeans-team-client';
import { releaseIdleArenas } from '../engine/cluster/kmeans-wasm';
import { sharedZeros, toShared } from './shared-matrix';
import { withMatrixMemory } from '../engine/prep/matrix-memory';
import { blobOfChunks } from './chunk-blob';
import { cancellableBlob } from './cancellable-blob';
import { cancelJob } from './job-control';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface LoadInput {
	name: string;
	/** A File or Blob from the page (read inside the worker). */
	blob: Blob;
	/** A forced delimiter, or the workbook sheet to read. */
	options?: LoadOptions;
	/**
	 * How many skipped (unreadable) records the user has agreed to leave out. A file with more comes back as a
	 * SkipReview and nothing downstream (profile, preparation, runs) can use it until the user accepts.
	 */
	acceptSkipped?: number;
}

/** A file that loaded with skipped records, waiting for the user to keep its readable rows or choose another file. */
export interface SkipReview {
	name: string;
	/** Readable rows that would be kept. */
	rows: number;
	columns: number;
	/** Skipped records, by reason with their first line numbers. */
	skipped: number;
	groups: SkipGroup[];
	/** 'item' when the numbers are positions in a JSON array (no line is known). */
	lineUnit: 'line' | 'item';
	/** How every line (or JSON item) of the file was accounted for. */
	account: LineAccount;
	/** The other notes on the file (encoding, renamed headers, …). */
	notes: string[];
	format: SourceFormat | null;
}

export type LoadResult = { ready: LoadSummary; review?: undefined } | { review: SkipReview; ready?: undefined };

export interface LoadSummary {
	source: SourceFingerprint;
	rows: number;
	profiles: ColumnProfile[];
	notes: string[];
	/** How the file was read (format, encoding, delimiter, sheets) and how many lines were skipped. */
	format: SourceFormat | null;
	skipped: number;
	/** Pearson correlations of the numeric columns (the heatmap). */
	correlation: CorrelationMatrix;
	/** When the table looks like a transaction log: a first guess at the "Build customer features" choices. */
	transactions: RfmSpec | null;
	/** The file is a transaction log with everything needed to build customers (prep/transaction-log.ts): the page leads with the build. */
	isLog: boolean;
	/** Set when this is a customer table built from a transaction log. */
	derivedFrom: { source: SourceFingerprint; spec: RfmSpec } | null;
}

/** What the page needs of a table; the same for a loaded file and for a derived customer table. */
function summarise(t: Table, derivedFrom: LoadSummary['derivedFrom'] = null): LoadSummary {
	const { profiles, correlation } = describeTable(t);
	return { source: fingerprint(t), rows: t.rowCount, profiles, notes: t.notes, format: t.format ?? null, skipped: t.skipped?.count ?? 0, correlation, transactions: derivedFrom ? null : suggestRfm(profiles, t.rowCount), isLog: !derivedFrom && detectTransactionLog(profiles, t.rowCount) !== null, derivedFrom };
}

let table: Table | null = null;
/** The table as loaded, kept while `table` is a customer table derived from it. */
let loaded: Table | null = null;
/** A file with skipped records the user has not accepted yet: held here, usable by nothing but the review. */
let pending: Table | null = null;

function review(t: Table): SkipReview {
	const s = t.skipped!;
	const skipNoteSet = new Set(skipNotes(s, t.name));
	return {
		name: t.name,
		rows: t.rowCount,
		columns: t.columns.length,
		skipped: s.count,
		groups: skipGroups(s),
		lineUnit: s.lineUnit ?? 'line',
		account: s.lines,
		notes: t.notes.filter((n) => !skipNoteSet.has(n)),
		format: t.format ?? null
	};
}

async function attempt<T>(fn: () => Promise<T> | T): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await fn() };
	} catch (err) {
		return { ok: false, error: toErrorInfo(err) };
	}
}

/**
 * The prepared matrix of the current table and preparation, reused by every job of a sweep in this worker.
 * `sent`: the base's projection (PC1–PC2's coordinates; the scores are dropped, 48 MB at 1,000,000 rows, and
 * computed again per axis when asked: api-projection.ts) went to the page with runBase and is no longer held here;
 * another run on the same matrix computes it again (runBase).
 */
let prepared: { table: Table; key: string; matrix: FeatureMatrix; base: RunBase; sent?: boolean } | null = null;

function preparedFor(recipe: Recipe) {
	const t = requireTable();
	// Everything but the algorithm, k and seed shapes the matrix.
	const key = JSON.stringify({ ...recipe, algorithm: null, k: null, kRange: null, seed: null });
	if (!prepared || prepared.table !== t || prepared.key !== key) {
		prepared = null; // release the old matrix before building the new one
		// Made in shared memory where the page can have it (the map's input is then a view, not a copy); a matrix of
		// principal components is made after it and moved there once.
		const run = withMatrixMemory(sharedZeros, () => prepareRun(t, recipe));
		run.matrix.data = toShared(run.matrix.data);
		prepared = { table: t, key, ...run };
	}
	return prepared;
}

function requireTable(): Table {
	if (!table) throw new EngineError('internal', 'No data is loaded in the engine.', 'Load a file or the demo data first.');
	return table;
}

const api = {
	...projectionApi(requireTable, preparedFor),
	...rulesApi(requireTable, preparedFor),
	...profileColumnApi(requireTable),
	...trackApi,

	async load(input: LoadInput, onProgress?: ProgressFn): Promise<Outcome<LoadResult>> {
		return attempt(async (): Promise<LoadResult> => {
			table = loaded = pending = null;
			prepared = null;
			onProgress?.({ stage: `Reading ${input.name}`, fraction: 0 });
			const t = await loadBlob(input.blob, input.name, input.options, onProgress);
			if ((t.skipped?.count ?? 0) > (input.acceptSkipped ?? 0)) {
				pending = t;
				return { review: review(t) };
			}
			table = loaded = t;
			return { ready: summarise(t) };
		});
	},

	/** The user keeps the readable rows of the file under review: only now is it profiled and usable. */
	async acceptSkipped(): Promise<Outcome<LoadSummary>> {
		return attempt(() => {
			if (pending) {
				table = loaded = pending;
				pending = null;
			}
			if (!loaded) throw new EngineError('internal', 'No file is waiting to be accepted.', 'Load a file first.');
			return summarise(loaded);
		});
	},

	async analyse(recipe: Recipe, onProgress?: ProgressFn): Promise<Outcome<AnalysisResult>> {
		await teamFor(table?.rowCount ?? 0);
		const out = await attempt(() => analyse(requireTable(), recipe, { onProgress }));
		releaseIdleArenas();
		releaseTeam();
		if (!out.ok) return out;
		// The page keeps PC1–PC2's screen positions; other scores it asks for (pcaPair, pcaColumns).
		const r = (out.value = { ...out.value, pca: { ...out.value.pca, scores: new Float64Array(0) } });
		const buffers = [r.status.buffer, r.rowIndex.buffer, r.pca.coords.buffer, ...r.labels.map((l) => l.buffer)] as ArrayBuffer[];
		return Comlink.transfer(out, buffers);
	},

	/** The k-independent part of a run (preparation, row status, projection); the matrix stays here for clusterK. */
	async runBase(recipe: Recipe, onProgress?: ProgressFn): Promise<Outcome<RunBase>> {
		const out = await attempt(() => {
			onProgress?.({ stage: 'Preparing features', fraction: 0 });
			let p = preparedFor(recipe);
			if (p.sent) {
				// The same computation on the same matrix: the same numbers. Clustered on components, the view's PCA
				// is of the matrix before them, which is not kept: prepared again.
				if (recipe.pcaComponents == null) p.base = { ...p.base, pca: project(p.matrix, true) };
				else {
					prepared = null;
					p = preparedFor(recipe);
				}
			}
			kValues(recipe, p.matrix.rows);
			onProgress?.({ stage: 'Features ready', fraction: 1 });
			// The projection moves to the page; status and rowIndex are copies (the matrix keeps using its own).
			const base = p.base;
			p.base = { ...base, pca: { ...base.pca, coords: new Float32Array(0), scores: new Float64Array(0) } };
			p.sent = true;
			// The page keeps PC1–PC2's screen positions, not the scores: it asks for other axes (pcaPair, pcaColumns).
			return { ...base, pca: { ...base.pca, scores: new Float64Array(0) }, status: base.status.slice(), rowIndex: base.rowIndex.slice() };
		});
		if (!out.ok) return out;
		return Comlink.transfer(out, [out.value.status.buffer, out.value.rowIndex.buffer, out.value.pca.coords.buffer] as ArrayBuffer[]);
	},

	/** One k of a sweep on the cached matrix. */
	async clusterK(recipe: Recipe, k: number, onProgress?: ProgressFn): Promise<Outcome<KPart>> {
		await teamFor(table?.rowCount ?? 0);
		const out = await attempt(() => {
			const { matrix } = preparedFor(recipe);
			return clusterOneK(requireTable(), matrix, recipe, k, { onProgress });
		});
		releaseIdleArenas();
		if (!out.ok) return out;
		return Comlink.transfer(out, [out.value.labels.buffer as ArrayBuffer]);
	},

	/**
	 * The sweep is over (the page's sweep calls this after its last k): the k-means team's memory (the centred copy
	 * of the matrix, its bounds and scratch) is let go; the next run starts a new team.
	 */
	async releaseRunMemory(): Promise<void> {
		releaseTeam();
		releaseIdleArenas();
	},

	/** DBSCAN's suggested eps for the recipe's prepared matrix: the knee of the minPts-distance curve. */
	async suggestEps(recipe: Recipe, minPts: number, onProgress?: ProgressFn): Promise<Outcome<number>> {
		return attempt(() => {
			const { matrix } = preparedFor(recipe);
			return Number(suggestedEpsFor(matrix.data, matrix.rows, matrix.cols, Math.max(1, Math.min(minPts, matrix.rows)), { onProgress }).toPrecision(3));
		});
	},

	/** Each preparation step's effect on one column, computed here so the page never touches the data. */
	async preview(recipe: Recipe, column: string): Promise<Outcome<PrepPreview>> {
		return attempt(() => previewPrep(requireTable(), recipe, column));
	},

	/** Replaces the working table with one row per customer built from the loaded transaction log. */
	async buildCustomers(spec: RfmSpec): Promise<Outcome<LoadSummary>> {
		return attempt(() => {
			if (!loaded) throw new EngineError('internal', 'No data is loaded in the engine.', 'Load a file or the demo data first.');
			const built = buildCustomerTable(loaded, spec);
			table = built.table;
			return summarise(built.table, { source: fingerprint(loaded), spec });
		});
	},

	/** Back to the loaded file itself. */
	async useLoaded(): Promise<Outcome<LoadSummary>> {
		return attempt(() => {
			if (!loaded) throw new EngineError('internal', 'No data is loaded in the engine.', 'Load a file or the demo data first.');
			table = loaded;
			return summarise(loaded);
		});
	},

	/**
	 * The results file. With `model` (the run's recipe and the shown k's centres in the clustered space) it adds
	 * each row's silhouette (up to ROW_SILHOUETTE_MAX rows) and distance to its centre; with `probs` (Gaussian
	 * mixtures, rows × k) a membership probability per segment.
	 */
	async resultsCsv(assignment: Assignment, model?: { recipe: Recipe; centers: number[][]; probs?: Float64Array; mixed?: MixedOutput }, onProgress?: ProgressFn, job?: number): Promise<Outcome<Blob>> {
		return attempt(() => {
			if (model) onProgress?.({ stage: 'Silhouette and distance of each row', fraction: 0 });
			const extra = [...(assignment.extra ?? [])];
			if (model) {
				const { matrix } = preparedFor(model.recipe);
				if (matrix.rows === assignment.labels.length) extra.unshift(...rowColumns(matrix, assignment.labels, model.centers, model.probs, mixedAssignment(model.mixed)));
			}
			const t = requireTable(), at = { row: 0 };
			// In slices the page can cancel, keeping this worker and its table (cancellable-blob.ts).
			return cancellableBlob(resultsCsvChunks(t, { ...assignment, extra }, at), 'text/csv', { job, onProgress, stage: 'Writing the results file', fraction: () => at.row / Math.max(1, t.rowCount) });
		});
	},

	/** Stops a call started with this job id at its next checkpoint (job-control.ts). */
	async cancelJob(id: number): Promise<void> {
		cancelJob(id);
	},

	/** The model file of the shown k (export/model.ts), with the training distributions taken from the loaded table. */
	async modelJson(input: ModelInput): Promise<Outcome<SegmentModel>> {
		return attempt(() => buildModel(requireTable(), input));
	},

	/** Scores a new file with a model: read here, never replacing the loaded table. Returns the report and the scored CSV. */
	async scoreFile(model: unknown, input: LoadInput, onProgress?: ProgressFn): Promise<Outcome<{ report: Omit<ScoreResult, 'rowIndex' | 'status' | 'labels' | 'distances' | 'probs'> & { scored: number }; csv: Blob }>> {
		return attempt(async () => {
			const t = await loadBlob(input.blob, input.name, input.options, onProgress);
			const s = scoreTable(model, t);
			const csv = blobOfChunks(resultsCsvChunks(t, { rowIndex: s.rowIndex, status: s.status, labels: s.labels, names: s.sizes.map((z) => z.name), extra: scoredColumns(s) }), 'text/csv');
			const { rowIndex: _r, status: _s, labels, distances: _d, probs: _p, ...report } = s;
			// Lines of the new file that could not be read are not scored: said first, never dropped silently.
			const skippedWarnings = t.skipped?.count ? skipNotes(t.skipped, t.name).map((n) => n.replace('The other rows were kept; download the skipped lines to check them.', 'They are not in the scored file.')) : [];
			return { report: { ...report, warnings: [...skippedWarnings, ...report.warnings], scored: labels.length }, csv };
		});
	},

	/** The loaded file's skipped lines (line, reason, original text) as a CSV the user can inspect. */
	async skippedCsv(): Promise<Outcome<Blob>> {
		return attempt(() => {
			const t = pending ?? loaded ?? requireTable();
			if (!t.skipped) throw new EngineError('internal', 'No lines were skipped.', '');
			return blobOfChunks(skippedCsvChunks(t.skipped, t.source), 'text/csv');
		});
	}
};

export type EngineApi = typeof api;
export default api;

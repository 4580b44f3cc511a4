/**
 * The object the engine worker exposes through Comlink. It holds the loaded Table (so data crosses the boundary
 * once) and returns plain values: errors come back as data, typed arrays are transferred, not cloned.
 */
import * as Comlink from 'comlink';
import { analyse, type AnalysisResult } from '../engine/analyse';
import { parseCsv } from '../engine/data/csv';
import { fingerprint, type SourceFingerprint } from '../engine/data/fingerprint';
import { profileTable } from '../engine/data/profile';
import { EngineError, toErrorInfo, type ErrorInfo } from '../engine/errors';
import { resultsCsv, type Assignment } from '../engine/export/csv';
import type { ProgressFn } from '../engine/progress';
import type { Recipe } from '../engine/recipe';
import type { ColumnProfile, Table } from '../engine/types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface LoadInput {
	name: string;
	/** A File or Blob from the page (read inside the worker). */
	blob: Blob;
}

export interface LoadSummary {
	source: SourceFingerprint;
	rows: number;
	profiles: ColumnProfile[];
	notes: string[];
}

let table: Table | null = null;

async function attempt<T>(fn: () => Promise<T> | T): Promise<Outcome<T>> {
	try {
		return { ok: true, value: await fn() };
	} catch (err) {
		return { ok: false, error: toErrorInfo(err) };
	}
}

function requireTable(): Table {
	if (!table) throw new EngineError('internal', 'No data is loaded in the engine.', 'Load a file or the demo data first.');
	return table;
}

const api = {
	async load(input: LoadInput, onProgress?: ProgressFn): Promise<Outcome<LoadSummary>> {
		return attempt(async () => {
			table = null;
			onProgress?.({ stage: `Reading ${input.name}`, fraction: 0 });
			const text = await input.blob.text();
			const t = parseCsv(text, input.name, {}, { onProgress });
			table = t;
			return { source: fingerprint(t), rows: t.rowCount, profiles: profileTable(t), notes: t.notes };
		});
	},

	async analyse(recipe: Recipe, onProgress?: ProgressFn): Promise<Outcome<AnalysisResult>> {
		const out = await attempt(() => analyse(requireTable(), recipe, { onProgress }));
		if (!out.ok) return out;
		const r = out.value;
		const buffers = [r.status.buffer, r.rowIndex.buffer, r.pca.coords.buffer, ...r.labels.map((l) => l.buffer)] as ArrayBuffer[];
		return Comlink.transfer(out, buffers);
	},

	async resultsCsv(assignment: Assignment): Promise<Outcome<Blob>> {
		return attempt(() => new Blob([resultsCsv(requireTable(), assignment)], { type: 'text/csv' }));
	}
};

export type EngineApi = typeof api;
export default api;

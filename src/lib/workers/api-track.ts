/** The engine worker's part of "track over time" (engine/score/track.ts): both files read here. Spread into api.ts. */
import { toErrorInfo, type ErrorInfo } from '../engine/errors';
import { resultsCsvChunks } from '../engine/export/csv';
import { scoredColumns } from '../engine/score/score';
import { trackPeriods, trackReport } from '../engine/score/track';
import { loadBlob } from './read-file';
import { blobOfChunks } from './chunk-blob';

type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface TrackFiles {
	model: unknown;
	previous: { name: string; blob: Blob };
	current: { name: string; blob: Blob };
	/** Customer id column; undefined = the model recipe's. */
	id?: string;
	alert?: number;
}

export const trackApi = {
	/** The report (as the CLI writes it) and the new period's scored CSV. */
	async trackFiles(input: TrackFiles): Promise<Result<{ report: ReturnType<typeof trackReport>; csv: Blob }>> {
		try {
			const previous = await loadBlob(input.previous.blob, input.previous.name);
			const current = await loadBlob(input.current.blob, input.current.name);
			const t = trackPeriods(input.model, previous, current, { ...(input.id ? { id: input.id } : {}), ...(input.alert !== undefined ? { alert: input.alert } : {}) });
			const s = t.score;
			const csv = blobOfChunks(resultsCsvChunks(current, { rowIndex: s.rowIndex, status: s.status, labels: s.labels, names: s.sizes.map((z) => z.name), extra: scoredColumns(s) }), 'text/csv');
			return { ok: true, value: { report: trackReport(t, { previous: input.previous.name, current: input.current.name }), csv } };
		} catch (err) {
			return { ok: false, error: toErrorInfo(err) };
		}
	}
};

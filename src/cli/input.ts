/**
 * Reading a command's input (a file or standard input) through the page's loader, and the skipped-lines rule
 * every command follows.
 */
import { loadSource } from '../lib/engine/data/load';
import { requireSkippedAccepted } from '../lib/engine/data/skipped';
import { skippedCsvChunks } from '../lib/engine/export/skipped-csv';
import type { Table } from '../lib/engine/types';
import { openInput, writeOutput } from './io';

/** Any format the page reads (CSV dialects and encodings, .xlsx, Parquet, JSON, NDJSON), through the same loader. */
export async function readTable(path: string): Promise<Table> {
	const { source, name } = await openInput(path);
	const table = await loadSource(source, name);
	for (const note of table.notes) console.error(`segment-lab: note: ${note}`);
	return table;
}

/**
 * Skipped lines: written out on request, then the run goes on only if they were accepted (--accept-skipped, or a
 * recipe whose acceptSkipped covers them), as the page goes on only after "Keep the readable rows".
 */
export async function checkSkipped(table: Table, accepted: number | undefined, skippedOut: string | undefined): Promise<void> {
	if (skippedOut && table.skipped?.count) {
		await writeOutput(skippedOut, skippedCsvChunks(table.skipped, table.source));
		console.error(`segment-lab: wrote the ${table.skipped.count} skipped line(s) to ${skippedOut}`);
	} else if (skippedOut) console.error(`segment-lab: note: no line of "${table.name}" was skipped; ${skippedOut} not written.`);
	requireSkippedAccepted(table, accepted, `pass --accept-skipped (it is recorded in the recipe as acceptSkipped)${skippedOut ? '' : ', and --skipped-out skipped.csv to save them'}`);
	if (table.skipped?.count) console.error(`segment-lab: note: ${table.skipped.count} skipped line(s) accepted; ${table.rowCount} readable rows are used.`);
}

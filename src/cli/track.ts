/**
 * `segment-lab track`: the next period's file scored with a saved model, compared with the previous period's
 * scored file — sizes then and now, alerts, drift per feature, the migration matrix by customer id (engine/score/track.ts).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { EngineError } from '../lib/engine/errors';
import { resultsCsvChunks } from '../lib/engine/export/csv';
import { scoredColumns } from '../lib/engine/score/score';
import { DEFAULT_ALERT, trackPeriods, trackReport } from '../lib/engine/score/track';
import { readTable } from './input';
import { checkWritable, say, stdoutCarriesData, writeOutput } from './io';
import { parseFlags } from './flag-table';
import { TRACK_SPEC, type TrackArgs } from './track-args';

export async function trackCommand(argv: string[]): Promise<number> {
	const values = parseFlags(TRACK_SPEC, argv) as unknown as TrackArgs;
	const alert = values.alert ?? DEFAULT_ALERT;
	stdoutCarriesData(values.out === '-');
	checkWritable([values.out, values.report]);
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(values.model, 'utf8'));
	} catch (err) {
		throw new EngineError('bad-recipe', `Cannot read the model "${values.model}": ${(err as Error).message}.`, 'Give the JSON file written by segment-lab run --model or the page.');
	}
	const previous = await readTable(values.previous);
	const current = await readTable(values.input);
	const t = trackPeriods(json, previous, current, { ...(values.id !== undefined ? { id: values.id } : {}), alert });
	say(`${current.name}: ${t.score.labels.length} of ${t.score.rowCount} rows scored; compared with ${previous.name}.`);
	for (const z of t.sizes) say(`  ${z.segment}. ${z.name}: ${z.before} → ${z.after}${z.change === null ? '' : ` (${z.change > 0 ? '+' : ''}${(z.change * 100).toFixed(1)}%)`}${z.alert ? `  ALERT: ${z.alert}` : ''}`);
	for (const a of t.alerts) say(`alert: ${a}`);
	for (const d of t.drift) say(`  PSI ${d.feature}: ${d.psi.toFixed(3)} (${d.level})`);
	if (t.migration) say(`migration by ${t.migration.id}: ${t.migration.matched} customers in both periods, ${t.migration.stayed} in the same segment.`);
	for (const w of [...t.score.warnings, ...t.notes]) say(`note: ${w}`);
	if (values.out) {
		const s = t.score;
		await writeOutput(values.out, resultsCsvChunks(current, { rowIndex: s.rowIndex, status: s.status, labels: s.labels, names: s.sizes.map((z) => z.name), extra: scoredColumns(s) }));
		if (values.out !== '-') say(`wrote ${values.out}`);
	}
	if (values.report) {
		await writeOutput(values.report, [JSON.stringify(trackReport(t, { previous: basename(values.previous), current: basename(values.input) }), null, 2) + '\n']);
		say(`wrote ${values.report}`);
	}
	return 0;
}

/**
 * `segment-lab score`: assign the rows of a new file to the segments of a saved model (the page's "Score new
 * customers"): the stored preparation without refitting, the nearest stored centre, drift warnings.
 */
import { readFileSync } from 'node:fs';
import { EngineError } from '../lib/engine/errors';
import { parseFlags } from './flag-table';
import { SCORE_SPEC, type ScoreArgs } from './score-args';
import { resultsCsvChunks } from '../lib/engine/export/csv';
import { scoreTable, scoredColumns } from '../lib/engine/score/score';
import { checkSkipped, readTable } from './input';
import { checkWritable, say, stdoutCarriesData, writeOutput } from './io';

export async function scoreCommand(argv: string[]): Promise<number> {
	const values = parseFlags(SCORE_SPEC, argv) as unknown as ScoreArgs;
	stdoutCarriesData(values.out === '-');
	checkWritable([values.out, values.skippedOut]);
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(values.model, 'utf8'));
	} catch (err) {
		throw new EngineError('bad-recipe', `Cannot read the model "${values.model}": ${(err as Error).message}.`, 'Give the JSON file written by segment-lab run --model or the page.');
	}
	const table = await readTable(values.input);
	// Rows that could not be read cannot be scored: as for run, the user says to go on without them.
	await checkSkipped(table, values.acceptSkipped ? (table.skipped?.count ?? 0) : 0, values.skippedOut);
	const s = scoreTable(json, table);
	say(`${table.name}: ${s.labels.length} of ${s.rowCount} rows scored with a k = ${s.model.k} model made on "${s.model.source.name}".`);
	for (const z of s.sizes) say(`  ${z.segment}. ${z.name}: ${z.newCount} rows (${(z.newShare * 100).toFixed(1)}%; training ${(z.trainingShare * 100).toFixed(1)}%)`);
	for (const d of s.drift) say(`  PSI ${d.feature}: ${d.psi.toFixed(3)} (${d.level})`);
	for (const w of s.warnings) say(`warning: ${w}`);
	if (values.out) {
		await writeOutput(values.out, resultsCsvChunks(table, { rowIndex: s.rowIndex, status: s.status, labels: s.labels, names: s.sizes.map((z) => z.name), extra: scoredColumns(s) }));
		if (values.out !== '-') say(`wrote ${values.out}`);
	}
	return 0;
}

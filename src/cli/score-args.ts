// `segment-lab score`: its flags, one entry each (see flag-table.ts).
import type { CommandSpec } from './flag-table';

export const SCORE_SPEC: CommandSpec = {
	name: 'score',
	summary: 'assign the rows of a new file to the segments of a saved model, with the stored preparation (no refitting), and warn about drift.',
	synopsis: ['--model MODEL.json --input NEW.csv [--out SCORED.csv]'],
	flags: [
		{ name: 'model', type: 'path', value: 'FILE', required: true, help: 'a model file (segment-lab run --model, or "Download model" in the page)' },
		{ name: 'input', type: 'path', value: 'FILE', required: true, help: 'the new customers (columns matched by name); "-" reads standard input' },
		{ name: 'out', type: 'path', value: 'FILE', help: 'every input row, in order, plus segment, segment_name, status, distance_to_centre and, for a Gaussian-mixture model, probability_1..k; "-" writes it to standard output' },
		{ name: 'accept-skipped', type: 'boolean', help: 'score the readable rows when some lines of the input could not be read as rows' },
		{ name: 'skipped-out', type: 'path', value: 'FILE', help: 'write those skipped lines (line, reason, original text) as CSV' }
	],
	examples: ['segment-lab score --model model.json --input new-customers.csv --out scored.csv']
};

export interface ScoreArgs {
	model: string;
	input: string;
	out?: string;
	acceptSkipped?: boolean;
	skippedOut?: string;
}

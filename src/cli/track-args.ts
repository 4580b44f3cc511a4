// `segment-lab track`: its flags, one entry each (see flag-table.ts).
import type { CommandSpec } from './flag-table';

export const TRACK_SPEC: CommandSpec = {
	name: 'track',
	summary: "compare a new period with the previous one: the new file scored with a saved model, sizes before and after with alerts, drift per feature, and who moved between segments.",
	synopsis: ['--model MODEL.json --previous SCORED_OLD.csv --input NEW.csv [--id COLUMN] [--alert 0.2] --out SCORED_NEW.csv --report TRACK.json'],
	flags: [
		{ name: 'model', type: 'path', value: 'FILE', required: true, help: 'the model the previous period was segmented or scored with' },
		{ name: 'previous', type: 'path', value: 'FILE', required: true, help: "the previous period's scored file (segment-lab run --out or score --out): its segment column" },
		{ name: 'input', type: 'path', value: 'FILE', required: true, help: "the new period's customers (columns matched by name)" },
		{ name: 'id', type: 'string', value: 'COLUMN', default: "the model recipe's id column", help: 'the customer id both files share, for the migration matrix; without one, sizes and drift only' },
		{ name: 'alert', type: 'number', value: 'SHARE', above: 0, default: '0.2', help: 'flag a segment that grows or shrinks by more than this share of its customers' },
		{ name: 'out', type: 'path', value: 'FILE', help: 'the new period scored: every input row, in order, plus segment, segment_name, status, distance_to_centre' },
		{ name: 'report', type: 'path', value: 'FILE', help: 'JSON: sizes before and after with the change, alerts, PSI per feature, the migration matrix (counts and row shares, keyed by segment numbers and names)' }
	],
	examples: ['segment-lab track --model model.json --previous scored-may.csv --input june.csv --id customer_id --out scored-june.csv --report track.json']
};

export interface TrackArgs {
	model: string;
	previous: string;
	input: string;
	id?: string;
	alert?: number;
	out?: string;
	report?: string;
}

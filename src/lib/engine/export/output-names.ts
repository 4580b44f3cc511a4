/**
 * The results file adds `segment`, `segment_name` and `status` columns. When the input already has a column of that
 * name, the input column keeps its name (the analyst's own data, and whatever reads the file downstream, stay as
 * they were) and ours takes the next free name (`segment_2`) — and the run says so, instead of leaving the analyst to
 * find the labels in an unexpected column.
 */
import { freeName } from './csv';

export function outputNameNotes(inputNames: string[]): string[] {
	const notes: string[] = [];
	const taken = [...inputNames];
	for (const base of ['segment', 'segment_name', 'status']) {
		const name = freeName(base, taken);
		taken.push(name);
		if (name !== base) notes.push(`The file already has a column named "${base}"; it is kept as it is, and the exported ${base === 'segment' ? 'segment numbers' : base === 'status' ? 'row statuses' : 'segment names'} are in "${name}".`);
	}
	return notes;
}

/**
 * The skipped records as a CSV: line number, reason, and the original text, for the user to inspect. Written by the
 * one CSV writer, so a skipped line like `=HYPERLINK(…)` cannot run as a formula when the file is opened.
 */
import type { SkippedRows, SourceText } from '../types';
import { csvText, CsvWriter, type CsvChunks } from './csv-writer';

/** `source` is the Table's source, which holds the records of delimited files (JSON's carry their own `texts`). */
export function* skippedCsvChunks(s: SkippedRows, source: Pick<SourceText, 'text' | 'slice'>): CsvChunks {
	const text = s.texts || source.slice ? '' : source.text;
	const w = new CsvWriter();
	w.row(['line', 'reason', 'text']);
	for (let i = 0; i < s.count; i++) {
		const raw = s.texts ? s.texts[i] : source.slice ? source.slice(s.start[i], s.end[i]) : text.slice(s.start[i], s.end[i]);
		w.row([s.line[i], s.reason[i], raw]);
		if (w.full) yield w.take();
	}
	yield w.take();
}

export function skippedCsv(s: SkippedRows, source: Pick<SourceText, 'text' | 'slice'>): string {
	return csvText(skippedCsvChunks(s, source));
}

/**
 * The one CSV writer: every CSV the product writes (results, profile, scored, skipped lines, projection
 * coordinates, rules, tracking) goes through it, so formula neutralisation (csv-safe.ts) cannot be skipped. Cells
 * of ours are neutralised and quoted as needed; rows copied from the input keep their bytes except dangerous cells.
 *
 * Writers produce text in chunks of about CHUNK characters, never one string for a whole file: a producer is a
 * generator that yields `w.take()` whenever `w.full`, so the command line can stream a 22M-row file to disk and the
 * page can hand the chunks to a Blob.
 */
import { neutraliseRow, safeCell } from './csv-safe';

/** A cell we write: text (neutralised, quoted when needed), a number (blank when not finite), or blank. */
export type Cell = string | number | null | undefined;

export const CHUNK = 1 << 16;

export class CsvWriter {
	private parts: string[] = [];
	private size = 0;

	constructor(
		readonly delimiter = ',',
		readonly newline = '\n'
	) {}

	/** One cell as text. */
	cell(v: Cell): string {
		if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
		if (v === null || v === undefined) return '';
		return safeCell(v, this.delimiter);
	}

	/** A row of cells of ours. */
	row(cells: readonly Cell[]): void {
		let line = '';
		for (let j = 0; j < cells.length; j++) line += (j ? this.delimiter : '') + this.cell(cells[j]);
		this.push(line);
	}

	/** A row of the input file (its text without the line ending): copied as it is but for dangerous cells, then cells of ours. */
	sourceRow(text: string, added: readonly Cell[] = []): void {
		this.sourceRowThen(text, this.after(added));
	}

	/** Cells of ours as the text that follows a row's own cells: each with the delimiter before it. */
	after(added: readonly Cell[]): string {
		let s = '';
		for (const c of added) s += this.delimiter + this.cell(c);
		return s;
	}

	/** A row of the input file, as sourceRow, then `suffix` (made by after(): the same bytes as sourceRow's cells). */
	sourceRowThen(text: string, suffix: string): void {
		this.push(neutraliseRow(text, this.delimiter) + suffix);
	}

	private push(line: string): void {
		this.parts.push(line, this.newline);
		this.size += line.length + this.newline.length;
	}

	/** True when a chunk's worth is waiting: the producer should yield take(). */
	get full(): boolean {
		return this.size >= CHUNK;
	}

	/** The text written since the last take(). */
	take(): string {
		const s = this.parts.join('');
		this.parts = [];
		this.size = 0;
		return s;
	}
}

/** A CSV as chunks of text (for a Blob, or a stream with back-pressure). */
export type CsvChunks = Generator<string, void, undefined>;

/** The whole CSV as one string: only for small files (tests, a profile). */
export function csvText(chunks: Iterable<string>): string {
	let s = '';
	for (const c of chunks) s += c;
	return s;
}

/** A table of cells of ours (header first) as chunks. */
export function* tableCsv(header: readonly string[], rows: Iterable<readonly Cell[]>, delimiter = ',', newline = '\n'): CsvChunks {
	const w = new CsvWriter(delimiter, newline);
	w.row(header);
	for (const r of rows) {
		w.row(r);
		if (w.full) yield w.take();
	}
	yield w.take();
}

/**
 * The log of input records that did not become rows. Only offsets are kept (the text is already in memory), so
 * even a file where every line is bad costs a few numbers per line; the user can download them all as a CSV.
 */
import { EngineError } from '../errors';
import type { LineAccount, SkippedRows, SkipReason, Table } from '../types';

export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
	'too-many-fields': 'more fields than the header, with text in the extra fields (a note beside the data, or a delimiter inside an unquoted value)',
	'one-field': 'a line with a single field in a file of several columns (a title, a note or a total, not a data row)',
	'unbalanced-quote': 'a double quote that is never closed',
	'conflict-marker': 'a merge-conflict marker (<<<<<<<, =======, >>>>>>>) left by version control',
	'repeated-header': 'the header row repeated (files joined together)',
	'bad-record': 'a record that could not be read',
	'not-json': 'a line that is not valid JSON (cut short, or text that is not a record)',
	'not-an-object': 'a value that is not an object of named fields (a number, text, list or null)'
};

/** One reason's share of the skipped records, for the page's accept step and the command line's report. */
export interface SkipGroup {
	reason: SkipReason;
	text: string;
	count: number;
	/** The first few line numbers (or item numbers, for a JSON array). */
	first: number[];
}

export function skipGroups(s: SkippedRows, max = 5): SkipGroup[] {
	return (Object.keys(s.byReason) as SkipReason[]).map((reason) => {
		const first: number[] = [];
		for (let i = 0; i < s.count && first.length < max; i++) if (s.reason[i] === reason) first.push(s.line[i]);
		return { reason, text: SKIP_REASON_TEXT[reason], count: s.byReason[reason]!, first };
	});
}

/** "line 4" / "lines 4, 9, 12" (or items, for a JSON array). */
export function whereText(s: Pick<SkippedRows, 'lineUnit'>, first: number[]): string {
	const unit = s.lineUnit === 'item' ? 'item' : 'line';
	return `${unit}${first.length > 1 ? 's' : ''} ${first.join(', ')}`;
}

export class SkipLog {
	private start: number[] = [];
	private end: number[] = [];
	private line: number[] = [];
	private reason: SkipReason[] = [];
	private byReason: Partial<Record<SkipReason, number>> = {};
	skippedLines = 0;

	add(start: number, end: number, line: number, lines: number, reason: SkipReason): void {
		this.start.push(start);
		this.end.push(end);
		this.line.push(line);
		this.reason.push(reason);
		this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
		this.skippedLines += lines;
	}

	/** Adds another log's records after this one's (lines before the header, then the body). */
	append(other: SkipLog): void {
		for (let i = 0; i < other.reason.length; i++) this.add(other.start[i], other.end[i], other.line[i], 0, other.reason[i]);
		this.skippedLines += other.skippedLines;
	}

	get count(): number {
		return this.reason.length;
	}

	finish(lines: LineAccount, extra: Pick<SkippedRows, 'texts' | 'lineUnit'> = {}): SkippedRows {
		return {
			...extra,
			count: this.reason.length,
			byReason: this.byReason,
			start: Float64Array.from(this.start),
			end: Float64Array.from(this.end),
			line: Float64Array.from(this.line),
			reason: this.reason,
			lines
		};
	}
}

/** One note per reason: how many records, the first line numbers, and what to do. */
export function skipNotes(s: SkippedRows, name: string): string[] {
	const what = s.lineUnit === 'item' ? 'item(s)' : 'line(s)';
	return skipGroups(s).map(
		(g) => `Skipped ${g.count.toLocaleString('en')} ${what} of "${name}" (first at ${whereText(s, g.first)}): ${g.text}. The other rows were kept; download the skipped lines to check them.`
	);
}

/**
 * Nothing runs on a file with skipped records until someone has agreed to leave them out: the page's accept step
 * or, on the command line, --accept-skipped or the Recipe's `acceptSkipped` (the count agreed to). A file with
 * more skipped records than were accepted is refused with the reasons and first line numbers.
 */
export function requireSkippedAccepted(table: Table, accepted: number | undefined, how = 'accept them on the page, or pass --accept-skipped to the command line'): void {
	const s = table.skipped;
	if (!s || s.count <= (accepted ?? 0)) return;
	const what = s.lineUnit === 'item' ? 'item(s)' : 'line(s)';
	const reasons = skipGroups(s, 3).map((g) => `${g.count.toLocaleString('en')} at ${whereText(s, g.first)}${g.count > g.first.length ? ', …' : ''}: ${g.text}`);
	throw new EngineError(
		'skipped-rows',
		`${s.count.toLocaleString('en')} ${what} of "${table.name}" could not be read as rows and would be left out${accepted ? ` (the recipe accepted ${accepted.toLocaleString('en')})` : ''}; ${table.rowCount.toLocaleString('en')} readable rows remain. ${reasons.join('; ')}.`,
		`Check the skipped lines (fix the file and load it again), or keep the ${table.rowCount.toLocaleString('en')} readable rows: ${how}.`
	);
}

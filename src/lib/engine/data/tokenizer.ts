/**
 * A quote-aware record reader for delimited text (RFC 4180, leniently): a field that starts with a double quote
 * may hold delimiters, newlines and doubled quotes; quotes elsewhere are literal. It reports where each record
 * starts and ends in the text and which physical lines it spans, so every input line can be accounted for and
 * every row copied untouched. CR, LF and CRLF all end a line.
 */

const QUOTE = 34, LF = 10, CR = 13;

export class RecordReader {
	/** Offset of the current record's first character. */
	start = 0;
	/** Offset just past the record's last character, before its line ending. */
	end = 0;
	/** 1-based physical line on which the current record starts. */
	line = 0;
	/** Physical lines the record spans (more than 1 when a quoted field holds newlines). */
	lines = 0;
	/** The record opened a quote that never closed: only its first physical line was consumed. */
	unterminated = false;
	/** Whether any field was quoted (the fast numeric path needs to know). */
	quoted = false;

	private pos = 0;
	private nextLine = 1;
	private readonly delim: number;

	constructor(private readonly text: string, delimiter: string, from = 0, firstLine = 1) {
		this.delim = delimiter.charCodeAt(0);
		this.pos = from;
		this.nextLine = firstLine;
	}

	get offset(): number {
		return this.pos;
	}

	/** Reads the next record's fields into `out` (cleared first). Returns false at the end of the text. */
	next(out: string[]): boolean {
		const f = this.scratch;
		out.length = 0;
		if (!this.nextFields(f)) return false;
		for (let j = 0; j < f.count; j++) out.push(f.value[j] ?? this.text.slice(f.start[j], f.end[j]));
		return true;
	}

	private scratch = new Fields();

	/**
	 * The next record as fields without building a string for an unquoted field: its range in the text (`start`,
	 * `end`); a quoted field's value (quotes removed, doubled quotes undone) in `value`. Returns false at the end.
	 */
	nextFields(out: Fields): boolean {
		const text = this.text, n = text.length, delim = this.delim;
		out.count = 0;
		if (this.pos >= n) return false;
		let i = this.pos;
		this.start = i;
		this.line = this.nextLine;
		this.lines = 1;
		this.unterminated = false;
		this.quoted = false;
		for (;;) {
			// One field.
			if (i < n && text.charCodeAt(i) === QUOTE) {
				this.quoted = true;
				let value = '';
				let from = ++i;
				for (;;) {
					if (i >= n) return this.unterminatedRecord(out);
					const c = text.charCodeAt(i);
					if (c === QUOTE) {
						if (text.charCodeAt(i + 1) === QUOTE) {
							value += text.slice(from, i + 1);
							i += 2;
							from = i;
							continue;
						}
						value += text.slice(from, i);
						i++;
						break;
					}
					if (c === LF || c === CR) {
						if (c === CR && text.charCodeAt(i + 1) === LF) i++;
						this.lines++;
					}
					i++;
				}
				// Characters after the closing quote up to the delimiter are kept as they are (lenient).
				const rest = i;
				while (i < n) {
					const c = text.charCodeAt(i);
					if (c === delim || c === LF || c === CR) break;
					i++;
				}
				out.add(rest, i, i > rest ? value + text.slice(rest, i) : value);
			} else {
				const from = i;
				while (i < n) {
					const c = text.charCodeAt(i);
					if (c === delim || c === LF || c === CR) break;
					i++;
				}
				out.add(from, i, null);
			}
			if (i >= n) {
				this.end = n;
				this.pos = n;
				this.nextLine += this.lines;
				return true;
			}
			const c = text.charCodeAt(i);
			if (c === delim) {
				i++;
				continue;
			}
			this.end = i;
			i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
			this.pos = i;
			this.nextLine += this.lines;
			return true;
		}
	}

	/** A quote that never closes would swallow the rest of the file: give up on its first line only. */
	private unterminatedRecord(out: Fields): boolean {
		const text = this.text;
		let i = this.start;
		while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
		this.end = i;
		if (i < text.length) i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
		this.pos = i;
		this.lines = 1;
		this.nextLine = this.line + 1;
		this.unterminated = true;
		out.count = 0;
		out.add(this.start, this.end, null);
		return true;
	}
}

/** One record's fields: unquoted ones as ranges of the text, quoted ones as their value (null for the others). */
export class Fields {
	count = 0;
	start = new Int32Array(16);
	end = new Int32Array(16);
	value: (string | null)[] = [];

	add(start: number, end: number, value: string | null): void {
		const k = this.count++;
		if (k === this.start.length) {
			const s = new Int32Array(k * 2), e = new Int32Array(k * 2);
			s.set(this.start);
			e.set(this.end);
			this.start = s;
			this.end = e;
		}
		this.start[k] = start;
		this.end[k] = end;
		this.value[k] = value;
	}

	/** Field j's text (a new string for an unquoted field). */
	text(source: string, j: number): string {
		return this.value[j] ?? source.slice(this.start[j], this.end[j]);
	}
}

/** Physical lines in a text: line breaks, plus one for a last line without its own line break. */
export function countLines(text: string): number {
	let lines = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === LF) lines++;
		else if (c === CR) {
			lines++;
			if (text.charCodeAt(i + 1) === LF) i++;
		}
	}
	const last = text.charCodeAt(text.length - 1);
	return text.length > 0 && last !== LF && last !== CR ? lines + 1 : lines;
}

/**
 * An upper bound on the records after `from` (line breaks + 1), counted with indexOf, which V8 runs at memory
 * speed: lets readers allocate their columns once instead of doubling them. A line break is an LF, a CRLF or a
 * lone CR, in any mix: LFs + CRs − CRLFs. (Taking only the larger of the LF and CR counts undercounted a file
 * mixing LF and lone CR, and the fast path then wrote past its arrays' end: rows lost without a word.)
 */
export function maxRecords(text: string, from = 0): number {
	let lfs = 0;
	for (let p = text.indexOf('\n', from); p !== -1; p = text.indexOf('\n', p + 1)) lfs++;
	let crs = 0;
	for (let p = text.indexOf('\r', from); p !== -1; p = text.indexOf('\r', p + 1)) crs++;
	let crlfs = 0;
	if (crs > 0 && lfs > 0) for (let p = text.indexOf('\r\n', from); p !== -1; p = text.indexOf('\r\n', p + 2)) crlfs++;
	return lfs + crs - crlfs + 1;
}

/**
 * A table read whole from a large file keeps the file, not its text, once parsed: its rows' text is read back from
 * the file by range when an export needs it (file-source.ts), as for the byte fast path. Without this the general
 * parser's Table held the whole decoded text (a file size) for the session, only for the exports.
 * Done only where text offsets are byte offsets shifted by a constant: UTF-8 (strictly decoded) that is all ASCII
 * — the text then has exactly one character per byte after the byte-order mark, a check that costs nothing.
 * The fingerprint's hash is taken from the text first, so the fingerprint is unchanged.
 * The strings the Table keeps (header, column names, levels, notes) are copied: a substring of 13 characters or more
 * is, in V8, a view that keeps its whole parent alive — the header alone kept the file's text (measured in Node:
 * 53 MB still held for the 1,000,000-row journey file until then).
 */
import type { Table } from '../types';
import type { ByteSource } from './byte-source';
import { FileBackedText } from './file-source';
import { hashText } from './fingerprint';
import { copyColumn } from './lazy-column';

export function keepFileNotText(table: Table, src: ByteSource): Table {
	const s = table.source;
	if (s.slice || table.format?.kind !== 'delimited' || table.format.encoding !== 'utf-8') return table;
	const text = s.text;
	const delta = src.size - text.length;
	if (delta !== 0 && delta !== 3) return table;
	if (delta === 3) {
		const bom = src.read(0, 3);
		if (bom[0] !== 0xef || bom[1] !== 0xbb || bom[2] !== 0xbf) return table;
	}
	const file = new FileBackedText(src, table.name, own(s.header), s.delimiter, s.newline, s.rowStart, s.rowEnd, s.hash ?? hashText(text), delta);
	// The first and last rows read back from the file as the parser saw them (the file did not change meanwhile).
	const n = table.rowCount;
	for (const i of n ? [0, n - 1] : []) if (file.slice(s.rowStart[i], s.rowEnd[i]) !== text.slice(s.rowStart[i], s.rowEnd[i])) return table;
	file.forget();
	return {
		...table,
		notes: table.notes.map(own),
		columns: table.columns.map((c) => {
			// Not a spread: it would make the arrays a column makes only when read (lazy-column.ts).
			const copy = copyColumn(c);
			copy.name = own(c.name);
			copy.levels = c.levels ? c.levels.map(own) : c.levels;
			return copy;
		}),
		source: file
	};
}

/** A copy of a string that shares no memory with the text it was cut from. */
function own(s: string): string {
	return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

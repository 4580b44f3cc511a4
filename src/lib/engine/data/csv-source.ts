/**
 * Large clean numeric delimited files, read from a ByteSource without ever holding the file or its text: the
 * header comes from a decoded head of the file (readHead, as parseCsv reads it), the rows from the byte fast
 * path (fast-bytes.ts), and the Table keeps the file itself for exports (file-source.ts). Returns null whenever
 * the file is not that simple case — the caller then reads it whole through parseCsv, which handles everything.
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import type { LineAccount, Table } from '../types';
import type { ByteSource } from './byte-source';
import { readHead } from './csv';
import { detectDelimiter } from './delimiter';
import { readNumericBytes } from './fast-bytes';
import { FileBackedText } from './file-source';
import { TextHash } from './fingerprint';
import { uniqueHeaders } from './headers';
import { numericColumn } from './numeric-column';
import { SkipLog } from './skipped';

const HEAD_BYTES = 1 << 20;

export async function parseNumericSource(src: ByteSource, name: string, delimiterOption: string | undefined, control: RunControl = {}, chunk?: number): Promise<Table | null> {
	const headBytes = src.read(0, Math.min(src.size, HEAD_BYTES));
	const bom = headBytes[0] === 0xef && headBytes[1] === 0xbb && headBytes[2] === 0xbf ? 3 : 0;
	if (headBytes[0] === 0xff || headBytes[0] === 0xfe) return null; // UTF-16 and the like: the general loader
	// Decode up to the head's last line break, so no multi-byte character is cut; invalid UTF-8 → the general loader.
	const lastBreak = Math.max(headBytes.lastIndexOf(10), headBytes.lastIndexOf(13));
	const headEnd = src.size <= HEAD_BYTES ? headBytes.length : lastBreak + 1;
	if (headEnd <= bom) return null;
	let head: string;
	try {
		head = new (globalThis as unknown as { TextDecoder: new (l: string, o: object) => { decode(b: Uint8Array): string } }).TextDecoder('utf-8', { fatal: true }).decode(headBytes.subarray(bom, headEnd));
	} catch {
		return null;
	}
	if (head.charCodeAt(0) === 0xfeff) return null;
	const delimiter = delimiterOption ?? detectDelimiter(head);
	const h = readHead(head, delimiter);
	// The header must be whole inside the head and be the first thing in the file; at least two columns.
	if (h.rawHeader === null || h.lead.count > 0 || h.rawHeader.length < 2 || h.from >= head.length) return null;
	const { names, notes } = uniqueHeaders(h.rawHeader);
	const prefix = head.slice(0, h.from);
	const from = bom + utf8Length(prefix);
	const hash = new TextHash().text(prefix);
	throwIfAborted(control.signal);
	const progress = { signal: control.signal, onProgress: throttle(control.onProgress, 100) };
	const fast = await readNumericBytes(src, delimiter, names.length, { from, delta: from - h.from, hash, chunk }, progress, name);
	if (!fast || fast.rows === 0) return null;
	const scratch = new Int32Array(fast.rows);
	const columns = names.map((nm, j) => numericColumn(nm, fast.columns[j], fast.missing[j], scratch));
	const account: LineAccount = { total: 0, header: h.headerLines, rows: fast.rows, blank: h.leadBlank + fast.trailingBlankLines, skipped: 0 };
	account.total = account.header + account.rows + account.blank;
	progress.onProgress?.({ stage: 'Reading columns', fraction: 1 });
	return {
		name,
		rowCount: fast.rows,
		columns,
		notes,
		format: { kind: 'delimited', delimiter, decimal: '.', fastPath: true },
		skipped: new SkipLog().finish(account),
		source: new FileBackedText(src, name, h.headerText, delimiter, h.newline, fast.rowStart, fast.rowEnd, hash.digest(), from - h.from)
	};
}

function utf8Length(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff) (n += 4), i++;
		else n += 3;
	}
	return n;
}

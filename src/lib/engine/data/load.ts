/**
 * The one entry for reading a file's bytes into a Table, whatever the format: sniff the format from the bytes,
 * decode text (UTF-8 / UTF-16 / Windows-1252), then the matching reader. Used by the worker and the command line.
 */
import type { RunControl } from '../progress';
import { subProgress, throwIfAborted } from '../progress';
import type { Table } from '../types';
import type { ByteSource } from './byte-source';
import { parseCsv } from './csv';
import { parseNumericSource } from './csv-source';
import { keepFileNotText } from './file-backed';
import { decodeText } from './decode';
import { detectFormat } from './format';
import { parseJson, parseNdjson } from './json';
import { parseParquet } from './parquet';
import { parseXlsx } from './xlsx';
import { EngineError } from '../errors';

export interface LoadOptions {
	/** Delimited text: force this delimiter instead of detecting it. */
	delimiter?: string;
	/** Workbooks: the sheet to read (default: the first with data). */
	sheet?: string;
	/**
	 * loadSource: files up to this many bytes are read whole and their text kept in memory; larger clean numeric
	 * delimited files are parsed chunk by chunk, and the Table of a larger ASCII delimited file keeps the file, not
	 * its text (default 16 MiB).
	 */
	keepTextBelow?: number;
}

export const KEEP_TEXT_BELOW = 16 * 2 ** 20;

/**
 * The bytes come in a box the loader empties once they are decoded: a caller's local variable would keep the raw
 * file alive beside its text and columns for the whole parse, adding a whole file size to the peak.
 */
export interface BytesBox {
	bytes: Uint8Array | null;
	/**
	 * The bytes are the loader's alone (read by loadSource): once decoded, their memory is given back at once
	 * (ArrayBuffer.prototype.transfer(0), where it exists) instead of at the next collection, which in Chromium
	 * came after the parse's peak — a file's size more at the peak.
	 */
	owned?: boolean;
}

export async function loadTable(box: BytesBox, name: string, options: LoadOptions = {}, control: RunControl = {}): Promise<Table> {
	throwIfAborted(control.signal);
	const format = sniff(box, name);
	if (format === 'xlsx') return parseXlsx(take(box), name, options.sheet, control);
	if (format === 'parquet') return parseParquet(take(box), name, control);
	const owned = box.owned === true;
	const bytes = take(box);
	const decoded = decodeText(bytes, name);
	if (owned) freeNow(bytes);
	const text = decoded.text;
	let table: Table;
	if (format === 'json') table = parseJson(text, name, control);
	else if (format === 'ndjson') table = parseNdjson(text, name, control);
	else table = parseCsv(text, name, { delimiter: options.delimiter }, control);
	table.notes.unshift(...decoded.notes);
	table.format = { ...(table.format ?? { kind: format }), encoding: decoded.encoding };
	return table;
}

/**
 * Loads from a file read by byte range. A large clean numeric delimited file never sits whole in memory (the byte
 * fast path, csv-source.ts); everything else is read whole and goes through loadTable.
 */
export async function loadSource(src: ByteSource, name: string, options: LoadOptions = {}, control: RunControl = {}): Promise<Table> {
	throwIfAborted(control.signal);
	if (src.size > (options.keepTextBelow ?? KEEP_TEXT_BELOW)) {
		const head = src.read(0, Math.min(src.size, 1 << 20));
		if (detectFormat(head, name) === 'delimited') {
			const t = await parseNumericSource(src, name, options.delimiter, control);
			if (t) {
				t.format = { ...t.format!, encoding: 'utf-8' };
				return t;
			}
		}
	}
	const box: BytesBox = { bytes: await readAll(src, name, control), owned: true };
	const table = await loadTable(box, name, options, { signal: control.signal, onProgress: subProgress(control.onProgress, 0.3, 1) });
	// A large file's text is not kept once parsed: exports read its rows back from the file (file-backed.ts).
	return src.size > (options.keepTextBelow ?? KEEP_TEXT_BELOW) ? keepFileNotText(table, src) : table;
}

const READ_CHUNK = 8 * 2 ** 20;

/** The whole file, read in chunks with progress in bytes (the first 30% of the load's progress bar). */
async function readAll(src: ByteSource, name: string, control: RunControl): Promise<Uint8Array> {
	if (src.size <= READ_CHUNK) return src.read(0, src.size);
	let bytes: Uint8Array = new Uint8Array(src.size);
	const mb = (x: number) => (x / 2 ** 20).toFixed(0);
	for (let off = 0; off < src.size; off += READ_CHUNK) {
		const end = Math.min(src.size, off + READ_CHUNK);
		if (src.readIntoAsync) bytes = await src.readIntoAsync(bytes, off, off, end);
		else if (src.readInto) src.readInto(bytes, off, off, end);
		else bytes.set(src.read(off, end), off);
		throwIfAborted(control.signal);
		control.onProgress?.({ stage: `Reading ${name}: ${mb(end)} of ${mb(src.size)} MB`, fraction: (0.3 * end) / src.size });
	}
	return bytes;
}

function sniff(box: BytesBox, name: string) {
	if (!box.bytes || box.bytes.length === 0) {
		throw new EngineError('empty-file', `"${name}" is empty (0 bytes).`, 'Choose a file that has a header row and at least one row of data, or try the demo data.');
	}
	return detectFormat(box.bytes, name);
}

/** Hands the bytes over and empties the box, so only the reader holds them. */
function take(box: BytesBox): Uint8Array {
	const b = box.bytes!;
	box.bytes = null;
	return b;
}

/** Detaches the bytes' buffer (its memory is freed now); a no-op where transfer is missing or the buffer is shared. */
function freeNow(bytes: Uint8Array): void {
	const buffer = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
	if (typeof SharedArrayBuffer !== 'undefined' && (buffer as ArrayBufferLike) instanceof SharedArrayBuffer) return;
	if (bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) buffer.transfer?.(0);
}

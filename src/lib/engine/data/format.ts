/**
 * Which reader a file needs, decided from its first bytes (magic numbers) rather than trusted from its name: a
 * ".csv" that is really a workbook still loads, and a binary file gets a message naming what it is.
 */
import { EngineError } from '../errors';

export type FileFormat = 'delimited' | 'xlsx' | 'parquet' | 'json' | 'ndjson';

const KNOWN_BINARY: { magic: number[]; what: string; hint: string }[] = [
	{ magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old-style Excel workbook (.xls)', hint: 'Open it in your spreadsheet program and save it as .xlsx or CSV.' },
	{ magic: [0x1f, 0x8b], what: 'a gzip-compressed file', hint: 'Decompress it first, then load the file inside.' },
	{ magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', hint: 'Export the table behind the PDF as CSV or Excel instead.' },
	{ magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', hint: 'Load the data file itself (CSV, Excel, Parquet or JSON).' },
	{ magic: [0xff, 0xd8, 0xff], what: 'a JPEG image', hint: 'Load the data file itself (CSV, Excel, Parquet or JSON).' },
	{ magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database', hint: 'Export the table you want as CSV and load that.' }
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return magic.every((m, i) => bytes[i] === m);
}

export function detectFormat(bytes: Uint8Array, name: string): FileFormat {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		if (/\.(xlsx|xlsm)$/i.test(name) || hasAscii(bytes, '[Content_Types].xml') || hasAscii(bytes, 'xl/')) return 'xlsx';
		throw new EngineError('binary-file', `"${name}" is a ZIP archive, not a table.`, 'Unzip it and load the CSV, Excel, Parquet or JSON file inside.');
	}
	if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
	for (const k of KNOWN_BINARY) {
		if (startsWith(bytes, k.magic)) throw new EngineError('binary-file', `"${name}" does not look like a text file: it is ${k.what}, not a table Segment Lab can read.`, k.hint);
	}
	if (looksBinaryBytes(bytes)) {
		throw new EngineError(
			'binary-file',
			`"${name}" does not look like a text file (it contains binary bytes).`,
			'Load a CSV, Excel (.xlsx), Parquet or JSON file; from other programs, export the data as CSV first.'
		);
	}
	const first = firstNonSpace(bytes);
	if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
	if (first === 0x5b /* [ */ || (/\.json$/i.test(name) && first !== 0x7b)) return 'json';
	if (first === 0x7b /* { */) return isSingleJsonObject(bytes) ? 'json' : 'ndjson';
	return 'delimited';
}

/** NUL bytes (outside UTF-16, which has a BOM) or many control bytes in the first 8 KiB, as `file` and git decide. */
export function looksBinaryBytes(bytes: Uint8Array): boolean {
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
	const n = Math.min(bytes.length, 8192);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const c = bytes[i];
		if (c === 0) return true;
		if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
	}
	return n > 0 && control / n > 0.1;
}

function firstNonSpace(bytes: Uint8Array): number {
	let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13)) i++;
	return bytes[i] ?? -1;
}

function hasAscii(bytes: Uint8Array, s: string): boolean {
	const n = Math.min(bytes.length, 4096);
	outer: for (let i = 0; i + s.length <= n; i++) {
		for (let j = 0; j < s.length; j++) if (bytes[i + j] !== s.charCodeAt(j)) continue outer;
		return true;
	}
	return false;
}

/** `{...}` on several lines is one JSON object (maybe `{"data": [...]}`); `{...}\n{...}` is NDJSON. */
function isSingleJsonObject(bytes: Uint8Array): boolean {
	let depth = 0, inString = false;
	const n = Math.min(bytes.length, 1 << 20);
	for (let i = 0; i < n; i++) {
		const c = bytes[i];
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) depth++;
		else if (c === 0x7d || c === 0x5d) {
			depth--;
			if (depth === 0) {
				for (let j = i + 1; j < n; j++) if (bytes[j] > 32) return false;
				return true;
			}
		}
	}
	return true;
}

/**
 * A workbook (.xlsx, a zip) is checked before the reader unzips it: first the uncompressed sizes its central
 * directory declares (APPNOTE 4.3.12–4.3.16, with ZIP64 sizes from the 0x0001 extra field), then every entry is
 * inflated as a stream with a running count, stopped the moment the count passes MAX_WORKBOOK_BYTES or an entry
 * grows past the size it declared (a hostile file can declare small sizes). Nothing inflated is kept, so the check
 * costs time (about the reader's own unzip), not memory. A zip-bomb workbook ends here in a message.
 */
import { EngineError } from '../errors';
import { MAX_WORKBOOK_BYTES } from './limits';

const EOCD = 0x06054b50, CDH = 0x02014b50, LFH = 0x04034b50, EOCD64_LOCATOR = 0x07064b50, EOCD64 = 0x06064b50;

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

/** The central directory's entries, or null when the bytes have no readable directory (the reader then says so). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const n = bytes.length;
	let e = -1;
	for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
		if (v.getUint32(i, true) === EOCD) {
			e = i;
			break;
		}
	}
	if (e < 0) return null;
	let count = v.getUint16(e + 10, true);
	let offset = v.getUint32(e + 16, true);
	if ((count === 0xffff || offset === 0xffffffff) && e >= 20 && v.getUint32(e - 20, true) === EOCD64_LOCATOR) {
		const z = Number(v.getBigUint64(e - 12, true));
		if (z + 56 > n || v.getUint32(z, true) !== EOCD64) return null;
		count = Number(v.getBigUint64(z + 32, true));
		offset = Number(v.getBigUint64(z + 48, true));
	}
	const out: ZipEntry[] = [];
	let p = offset;
	for (let k = 0; k < count; k++) {
		if (p + 46 > n || v.getUint32(p, true) !== CDH) return null;
		const nameLen = v.getUint16(p + 28, true), extraLen = v.getUint16(p + 30, true), commentLen = v.getUint16(p + 32, true);
		let compressedSize = v.getUint32(p + 20, true), size = v.getUint32(p + 24, true), localOffset = v.getUint32(p + 42, true);
		// ZIP64: the 32-bit fields that read 0xFFFFFFFF are in the extra field, in this order.
		for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
			const id = v.getUint16(x, true), len = v.getUint16(x + 2, true);
			if (id === 1) {
				let q = x + 4;
				const next = () => {
					const val = q + 8 <= x + 4 + len ? Number(v.getBigUint64(q, true)) : NaN;
					q += 8;
					return val;
				};
				if (size === 0xffffffff) size = next();
				if (compressedSize === 0xffffffff) compressedSize = next();
				if (localOffset === 0xffffffff) localOffset = next();
			}
			x += 4 + len;
		}
		let name = '';
		for (let c = p + 46; c < p + 46 + nameLen; c++) name += String.fromCharCode(bytes[c]);
		out.push({ name, method: v.getUint16(p + 10, true), compressedSize, size, localOffset });
		p += 46 + nameLen + extraLen + commentLen;
	}
	return out;
}

const mib = (x: number) => (x >= 2 ** 30 ? `${(x / 2 ** 30).toFixed(1)} GiB` : `${(x / 2 ** 20).toFixed(0)} MiB`);

function tooBig(name: string, size: number, declared: boolean): EngineError {
	return new EngineError(
		'too-large',
		`"${name}" unzips to ${declared ? mib(size) : `more than ${mib(size)}`}${declared ? ' (the sizes its zip directory declares)' : ' (found while unzipping)'}; Segment Lab reads workbooks that unzip to at most ${mib(MAX_WORKBOOK_BYTES)}.`,
		'Save the sheet you need as CSV (CSV files have no such limit) and load that. A small workbook that unzips to gigabytes is a "zip bomb": do not open it in a spreadsheet program either.'
	);
}

interface Inflater {
	readable: ReadableStream<Uint8Array>;
	writable: WritableStream<Uint8Array>;
}
const INPUT_PIECE = 4096;
const DecompressionStreamCtor = (globalThis as unknown as { DecompressionStream?: new (format: string) => Inflater }).DecompressionStream;

/**
 * Throws a workbook-too-large EngineError when the workbook would unzip to more than `limit` bytes: by its
 * directory, at once; else by inflating every entry with a running count (stopped as soon as it passes).
 */
export async function checkWorkbookSize(bytes: Uint8Array, name: string, limit = MAX_WORKBOOK_BYTES): Promise<void> {
	const entries = zipEntries(bytes);
	if (!entries) return;
	const declared = entries.reduce((s, x) => s + x.size, 0);
	if (declared > limit) throw tooBig(name, declared, true);
	if (!DecompressionStreamCtor) return;
	const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let total = 0;
	for (const entry of entries) {
		const p = entry.localOffset;
		if (p + 30 > bytes.length || v.getUint32(p, true) !== LFH) continue;
		const start = p + 30 + v.getUint16(p + 26, true) + v.getUint16(p + 28, true);
		const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
		if (entry.method === 0) total += data.length;
		else if (entry.method === 8) total = await inflateCounting(data, total, limit, entry.size, name);
		if (total > limit) throw tooBig(name, limit, false);
	}
}

/** Inflates without keeping the output; stops once the running total passes `limit` or the entry its declared size. */
async function inflateCounting(data: Uint8Array, total: number, limit: number, declared: number, name: string): Promise<number> {
	const ds = new DecompressionStreamCtor!('deflate-raw');
	const writer = ds.writable.getWriter();
	// Fed in small pieces, each after the output so far has been read: a browser's DecompressionStream inflates a
	// whole written chunk at once (2 MB of a bomb would be gigabytes), and deflate expands 1 kB to at most ~1 MB.
	void (async () => {
		for (let off = 0; off < data.length; off += INPUT_PIECE) {
			await writer.ready;
			await writer.write(data.subarray(off, Math.min(data.length, off + INPUT_PIECE)));
		}
		await writer.close();
	})().catch(() => {});
	const reader = ds.readable.getReader();
	let entryBytes = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			entryBytes += value.length;
			total += value.length;
			if (total > limit || entryBytes > declared + 1024) {
				await reader.cancel().catch(() => {});
				if (total > limit) throw tooBig(name, limit, false);
				throw new EngineError(
					'too-large',
					`"${name}" is not a sound workbook: a part of it unzips to more than the size its zip directory declares.`,
					'Save the sheet you need as CSV and load that; do not open a workbook like this in a spreadsheet program either.'
				);
			}
		}
	} catch (err) {
		if (err instanceof EngineError) throw err;
		// A corrupt stream: the workbook reader reports it in its own words.
	}
	return total;
}

/**
 * Reads a File or Blob inside the worker, after checking the file can fit in this device's memory, and hands it
 * to the engine's loader as a ByteSource read with FileReaderSync: a large clean numeric file is parsed chunk by
 * chunk and stays on disk (the Table reads it again only for exports), anything else is read whole. Progress is
 * in bytes and rows; the pool cancels by terminating the worker.
 */
import { fileChanged, type ByteSource } from '../engine/data/byte-source';
import { checkFitsInMemory } from '../engine/data/memory';
import { loadSource, loadTable, type LoadOptions } from '../engine/data/load';
import type { ProgressFn } from '../engine/progress';
import { subProgress } from '../engine/progress';
import type { Table } from '../engine/types';
import { readAhead } from './read-ahead';

const CHUNK = 8 * 2 ** 20;

export async function readBlob(blob: Blob, name: string, onProgress?: ProgressFn): Promise<Uint8Array> {
	const bytes = new Uint8Array(blob.size);
	// Small files in kB, so a 17-byte file does not read "0.0 of 0.0 MB".
	const size = (x: number) => (blob.size < 2 ** 20 ? `${(x / 1024).toFixed(1)}` : (x / 2 ** 20).toFixed(x < 10 * 2 ** 20 ? 1 : 0));
	const unit = blob.size < 2 ** 20 ? 'kB' : 'MB';
	for (let off = 0; off < blob.size; off += CHUNK) {
		const part = new Uint8Array(await blob.slice(off, Math.min(blob.size, off + CHUNK)).arrayBuffer());
		bytes.set(part, off);
		onProgress?.({ stage: `Reading ${name}: ${size(off + part.length)} of ${size(blob.size)} ${unit}`, fraction: (off + part.length) / blob.size });
	}
	return bytes;
}

/**
 * Frees the memory of an array read() returned now, not at the collector's convenience: an export reads a large
 * file back a megabyte at a time, and the dead blocks otherwise piled up to about the file's size (transfer(0)
 * detaches the buffer; where ArrayBuffer.prototype.transfer is missing, the collector frees it as before).
 */
function release(bytes: Uint8Array): void {
	const buffer = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
	if (bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && !(typeof SharedArrayBuffer !== 'undefined' && (buffer as ArrayBufferLike) instanceof SharedArrayBuffer)) buffer.transfer?.(0);
}

interface SyncReader {
	readAsArrayBuffer(blob: Blob): ArrayBuffer;
}
const ReaderSync = (globalThis as unknown as { FileReaderSync?: new () => SyncReader }).FileReaderSync;

/**
 * A Blob read by range: synchronously with FileReaderSync (dedicated workers only) for exports and small files,
 * and in sequence through the Blob's stream for the chunked parse — on a second thread that reads ahead
 * (read-ahead.ts) where workers can start workers, else in this one. Reading a large file in slices with
 * FileReaderSync or arrayBuffer() left about the file's size of dead chunks in the renderer before they were
 * collected; the default stream reader, 25–80 MB. (A BYOB reader filling the parser's own buffer, in the parser's
 * thread, made the load 3–4× slower in Chromium 156; on the reader thread, filling lent buffers, it is what keeps
 * the peak at about 1.5× the file — measured, not fully understood.)
 * A File edited on disk since it was chosen fails to read, and says so.
 */
export function blobSource(blob: Blob, name: string): ByteSource | null {
	if (!ReaderSync) return null;
	const sync = new ReaderSync();
	let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
	let at = -1;
	let pending: Uint8Array | null = null;
	const readIntoAsync = async (target: Uint8Array, offset: number, start: number, end: number): Promise<Uint8Array> => {
		if (!reader || at !== start) {
			void reader?.cancel();
			reader = blob.slice(start).stream().getReader();
			at = start;
			pending = null;
		}
		const stop = offset + end - start;
		for (let off = offset; off < stop; ) {
			let piece = pending;
			pending = null;
			if (!piece) {
				let got: ReadableStreamReadResult<Uint8Array>;
				try {
					got = await reader.read();
				} catch {
					reader = null;
					throw fileChanged(name);
				}
				if (got.done) throw fileChanged(name);
				piece = got.value;
			}
			const take = Math.min(piece.length, stop - off);
			target.set(take === piece.length ? piece : piece.subarray(0, take), off);
			if (take < piece.length) pending = piece.subarray(take);
			off += take;
		}
		at = end;
		return target;
	};
	const inline = {
		size: blob.size,
		read(start: number, end: number) {
			try {
				return new Uint8Array(sync.readAsArrayBuffer(blob.slice(start, end)));
			} catch {
				throw fileChanged(name);
			}
		},
		readIntoAsync,
		release
	};
	if (typeof Worker === 'undefined') return inline;
	return readAhead(blob, name, inline, takeReader);
}

/** A reader thread started ahead of need (prewarmReader), or null. */
let spare: Worker | null = null;

const startReader = () => new Worker(new URL('./file-reader.worker.ts', import.meta.url), { type: 'module', name: 'segment-lab-file-reader' });

/**
 * Starts a reader thread now, so the next large file does not wait the 50–80 ms a worker takes to start (measured
 * in Chromium 156 before its first block arrived). If it fails to start before it is used, it is dropped.
 */
export function prewarmReader(): void {
	if (spare || !ReaderSync || typeof Worker === 'undefined') return;
	try {
		const w = startReader();
		w.onerror = (e) => {
			e.preventDefault();
			if (spare === w) spare = null;
		};
		spare = w;
	} catch {
		spare = null;
	}
}

function takeReader(): Worker {
	const w = spare ?? startReader();
	spare = null;
	return w;
}

export async function loadBlob(blob: Blob, name: string, options: LoadOptions = {}, onProgress?: ProgressFn): Promise<Table> {
	const deviceMemory = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
	checkFitsInMemory(name, blob.size, deviceMemory);
	const src = blobSource(blob, name);
	if (src) {
		try {
			return await loadSource(src, name, options, { onProgress });
		} finally {
			// Ready for the next file (the one just used stops when its file has been read).
			prewarmReader();
		}
	}
	const box = { bytes: await readBlob(blob, name, subProgress(onProgress, 0, 0.3)) as Uint8Array | null };
	return loadTable(box, name, options, { onProgress: subProgress(onProgress, 0.3, 1) });
}

/**
 * Reads a large File ahead of the parser on a second thread (file-reader.worker.ts). The parser asks for the file
 * in sequence (readIntoAsync, 4 MB at a time); without this, each request waited for the browser to copy the bytes
 * out of its data pipe, about a quarter of a large load in Chromium. Here a reader worker fills three lent 4 MB
 * buffers ahead and hands each back full; the parser copies it into its own buffer and lends it out again. A
 * request out of sequence restarts the reader there; if the worker cannot start, the inline reader takes over.
 * Asked to (hashReads), the reader thread also hashes the bytes for the file's fingerprint; when reading falls
 * back to this thread, so does the hashing, from where the reader left off.
 */
import type { ByteSource } from '../engine/data/byte-source';
import { fileChanged } from '../engine/data/byte-source';
import { TextHash, type HashState } from '../engine/data/fingerprint';

export type ReaderRequest = { type: 'start'; run: number; blob: Blob; from: number; buffers: ArrayBuffer[]; hash?: HashState } | { type: 'return'; buffer: ArrayBuffer };
export type ReaderMessage = { type: 'block'; run: number; at: number; length: number; buffer: ArrayBuffer; hash?: HashState } | { type: 'failed'; run: number };

const BLOCK = 4 * 2 ** 20;
const BUFFERS = 3;

interface Block {
	at: number;
	length: number;
	buffer: ArrayBuffer;
	/** The hash's state after this block's bytes, when the reader hashes. */
	hash?: HashState;
}

/**
 * `inline` reads in this thread (its readIntoAsync is the fallback); `start` makes the reader worker, or returns
 * null where workers cannot be made.
 */
export function readAhead(blob: Blob, name: string, inline: ByteSource & Required<Pick<ByteSource, 'readIntoAsync'>>, start: () => Worker | null): ByteSource {
	let worker: Worker | null = null;
	let broken = false;
	let run = 0;
	/** The next byte the parser is expected to ask for; blocks arrive in order from there. */
	let next = -1;
	let blocks: Block[] = [];
	/** How far into blocks[0] the parser has taken. */
	let used = 0;
	let failure: Error | null = null;
	/** The fingerprint's hash, fed every byte handed out from the next run on (hashReads). */
	let hash: TextHash | null = null;
	/** hash is fed by the reader worker (its state arrives with each block), not by this thread. */
	let hashInWorker = false;
	let wake: (() => void) | null = null;
	const poke = () => {
		wake?.();
		wake = null;
	};

	const stop = () => {
		worker?.terminate();
		worker = null;
		blocks = [];
		next = -1;
	};

	const begin = (from: number): boolean => {
		if (!worker && !broken) {
			try {
				worker = start();
			} catch {
				worker = null;
			}
			if (!worker) broken = true;
			else {
				worker.onmessage = (e: MessageEvent<ReaderMessage>) => {
					const m = e.data;
					if (m.run !== run) return;
					if (m.type === 'failed') failure = fileChanged(name);
					else blocks.push({ at: m.at, length: m.length, buffer: m.buffer, hash: m.hash });
					poke();
				};
				worker.onerror = (e) => {
					// The worker's script did not load (or it crashed): read inline from here on.
					e.preventDefault();
					broken = true;
					// This thread hashes from here: the part of the current block already handed out first.
					if (hash && hashInWorker && blocks.length > 0 && used > 0) hash.bytes(new Uint8Array(blocks[0].buffer, 0, used));
					hashInWorker = false;
					stop();
					poke();
				};
			}
		}
		if (!worker) return false;
		run++;
		blocks = [];
		used = 0;
		failure = null;
		next = from;
		const buffers = Array.from({ length: BUFFERS }, () => new ArrayBuffer(BLOCK));
		hashInWorker = hash !== null;
		const msg: ReaderRequest = { type: 'start', run, blob, from, buffers, hash: hash?.save() };
		worker.postMessage(msg, buffers);
		return true;
	};

	/** Inline reading, hashed here when asked for. */
	const readInline = async (target: Uint8Array, offset: number, from: number, end: number): Promise<Uint8Array> => {
		const out = await inline.readIntoAsync(target, offset, from, end);
		hash?.bytes(out, offset, offset + end - from);
		return out;
	};

	const readIntoAsync = async (target: Uint8Array, offset: number, from: number, end: number): Promise<Uint8Array> => {
		if (from !== next && !begin(from)) return readInline(target, offset, from, end);
		let off = offset;
		let at = from;
		while (at < end) {
			if (failure) {
				stop();
				throw failure;
			}
			if (blocks.length === 0) {
				if (broken) {
					const out = await readInline(target, off, at, end);
					if (end >= blob.size) hash = null;
					return out;
				}
				await new Promise<void>((r) => (wake = r));
				continue;
			}
			const b = blocks[0];
			const take = Math.min(b.length - used, end - at);
			target.set(new Uint8Array(b.buffer, used, take), off);
			used += take;
			off += take;
			at += take;
			if (used === b.length) {
				blocks.shift();
				used = 0;
				if (hash && b.hash) hash.load(b.hash);
				const msg: ReaderRequest = { type: 'return', buffer: b.buffer };
				worker?.postMessage(msg, [b.buffer]);
			}
		}
		next = end;
		// The whole file has been read: the reader's thread and buffers are not needed any more.
		if (end >= blob.size) {
			stop();
			hash = null;
		}
		return target;
	};

	const hashReads = (h: TextHash): boolean => {
		// The next read starts a new run, which hashes from its first byte.
		stop();
		hash = h;
		return true;
	};

	return { ...inline, readIntoAsync, hashReads };
}

/**
 * The reader thread's side (file-reader.worker.ts wires it to its messages; tests call it directly): streams the
 * Blob from a byte offset into the buffers the parser lends, straight into them (a BYOB reader, so no stream
 * chunks are left for the collector), hashes them when given a hash state, and posts each one back full.
 */
export function readerThread(post: (m: ReaderMessage, transfer: Transferable[]) => void): (m: ReaderRequest) => void {
	let free: ArrayBuffer[] = [];
	let wake: (() => void) | null = null;
	/** The current run; a superseded run stops at its next step. */
	let run = 0;

	const read = async (me: number, blob: Blob, from: number, hash: TextHash | null): Promise<void> => {
		const reader = blob.slice(from).stream().getReader({ mode: 'byob' });
		try {
			for (let at = from; at < blob.size && me === run; ) {
				while (free.length === 0 && me === run) await new Promise<void>((r) => (wake = r));
				if (me !== run) break;
				let buffer = free.pop()!;
				const want = Math.min(buffer.byteLength, blob.size - at);
				let filled = 0;
				while (filled < want) {
					// The reader takes the buffer over and hands the same memory back as a new ArrayBuffer.
					const got = await reader.read(new Uint8Array(buffer, filled, want - filled));
					if (got.done || !got.value) throw new Error('the file ended early');
					buffer = got.value.buffer as ArrayBuffer;
					filled += got.value.length;
				}
				hash?.bytes(new Uint8Array(buffer, 0, filled));
				if (me === run) post({ type: 'block', run: me, at, length: filled, buffer, hash: hash?.save() }, [buffer]);
				at += filled;
			}
		} catch {
			// The file changed or vanished since it was chosen (the stream fails or ends early).
			if (me === run) post({ type: 'failed', run: me }, []);
		} finally {
			void reader.cancel().catch(() => {});
		}
	};

	return (m) => {
		if (m.type === 'start') {
			free = m.buffers;
			run = m.run;
			void read(run, m.blob, m.from, m.hash ? new TextHash().load(m.hash) : null);
		} else free.push(m.buffer);
		wake?.();
		wake = null;
	};
}

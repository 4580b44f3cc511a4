/**
 * Reads a large File ahead of the parser on a second thread (file-reader.worker.ts). The parser asks for the file
 * in sequence (readIntoAsync, 4 MB at a time); without this, each request waited for the browser to copy the bytes
 * out of its data pipe, about a quarter of a large load in Chromium. Here a reader worker fills three lent 4 MB
 * buffers ahead and hands each back full; the parser copies it into its own buffer and lends it out again.
 * A request out of sequence restarts the reader there; if the worker cannot start or dies, this thread reads on.
 * Asked to (hashReads), the reader thread also hashes the bytes for the file's fingerprint; if it stops, this
 * thread hashes from where the reader's hash left off.
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
 * `inline` reads in this thread (read for the first request of a run, readIntoAsync when there is no reader
 * thread); `start` makes the reader worker, or returns null where workers cannot be made.
 */
export function readAhead(blob: Blob, name: string, inline: ByteSource & Required<Pick<ByteSource, 'readIntoAsync'>>, start: () => Worker | null): ByteSource {
	let worker: Worker | null = null;
	let broken = false;
	let run = 0;
	/** The next byte the parser is expected to ask for (-1: none, the next request starts a run). */
	let next = -1;
	/** Blocks of the current run, in file order, and the byte up to which they have been taken (or skipped). */
	let blocks: Block[] = [];
	let taken = 0;
	let failure: Error | null = null;
	/** The fingerprint's hash (hashReads), fed every byte from the first request after it, in order. */
	let hash: TextHash | null = null;
	/** The byte up to which `hash` has been fed (-1: hashing starts at the next request). */
	let hashedTo = -1;
	/** The current run's reader thread hashes (its state arrives with each block). */
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
				const fallBack = () => {
					broken = true;
					stop();
					poke();
				};
				worker.onerror = (e) => {
					// The worker's script did not load, or it crashed: this thread reads (and hashes) from here.
					e.preventDefault();
					fallBack();
				};
				// A block that could not be received would otherwise be waited for forever: read here instead.
				worker.onmessageerror = fallBack;
			}
		}
		if (!worker) return false;
		run++;
		blocks = [];
		taken = from;
		failure = null;
		hashInWorker = hash !== null && hashedTo === from;
		const buffers = Array.from({ length: BUFFERS }, () => new ArrayBuffer(BLOCK));
		const msg: ReaderRequest = { type: 'start', run, blob, from, buffers, hash: hashInWorker ? hash!.save() : undefined };
		worker.postMessage(msg, buffers);
		return true;
	};

	/** Reads [from, end) in this thread, hashing it here unless the reader thread does. */
	const readInline = async (target: Uint8Array, offset: number, from: number, end: number): Promise<Uint8Array> => {
		const out = await inline.readIntoAsync(target, offset, from, end);
		// (The reader's hash may already cover the start of this range: the blocks it took before it stopped.)
		if (hash && !hashInWorker && hashedTo >= from && hashedTo < end) {
			hash.bytes(out, offset + hashedTo - from, offset + end - from);
			hashedTo = end;
		}
		return out;
	};

	/** The reader thread has stopped: this thread hashes what it had handed out past the reader's last hash. */
	const catchUp = (to: number) => {
		if (hash && hashInWorker && hashedTo < to) {
			const bytes = inline.read(hashedTo, to);
			hash.bytes(bytes);
			inline.release?.(bytes);
			hashedTo = to;
		}
		hashInWorker = false;
	};

	/** Copies the current run's blocks into target up to `end`; false when the reader thread stopped first. */
	const take = async (target: Uint8Array, offset: number, from: number, end: number): Promise<boolean> => {
		while (taken < end) {
			if (failure) {
				stop();
				throw failure;
			}
			if (blocks.length === 0) {
				if (broken) return false;
				await new Promise<void>((r) => (wake = r));
				continue;
			}
			const b = blocks[0];
			const n = Math.min(b.at + b.length, end) - taken;
			target.set(new Uint8Array(b.buffer, taken - b.at, n), offset + taken - from);
			taken += n;
			if (taken === b.at + b.length) {
				blocks.shift();
				if (hash && hashInWorker && b.hash) {
					hash.load(b.hash);
					hashedTo = taken;
				}
				const msg: ReaderRequest = { type: 'return', buffer: b.buffer };
				worker?.postMessage(msg, [b.buffer]);
			}
		}
		return true;
	};

	const readIntoAsync = async (target: Uint8Array, offset: number, from: number, end: number): Promise<Uint8Array> => {
		if (hash && hashedTo < 0) hashedTo = from;
		let out = target;
		if ((from !== next && !begin(from)) || !(await take(target, offset, from, end))) {
			// No reader thread, or it stopped: read here, hashing from where the reader's hash left off.
			catchUp(from);
			out = await readInline(target, offset, from, end);
		}
		next = end;
		// The whole file has been read: the reader's thread and buffers are not needed any more.
		if (end >= blob.size) {
			stop();
			hash = null;
		}
		return out;
	};

	const hashReads = (h: TextHash): boolean => {
		// The next read starts a new run, which hashes from its first byte.
		stop();
		hash = h;
		hashedTo = -1;
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

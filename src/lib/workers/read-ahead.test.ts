/**
 * The read-ahead source must hand the parser exactly the bytes an inline read would, in any request pattern, and
 * leave the fingerprint's hash exactly as hashing those bytes in order would — whether the reader thread works
 * throughout, never starts, or dies half-way (the parser's thread then takes over, hash included). Here the
 * "worker" is the real reader-thread code (readerThread) behind a fake Worker that delivers messages a task later,
 * as a browser would.
 */
import { describe, expect, it } from 'vitest';
import { memorySource, type ByteSource } from '../engine/data/byte-source';
import { parseNumericSource } from '../engine/data/csv-source';
import { fingerprint, TextHash } from '../engine/data/fingerprint';
import { readAhead, readerThread, type ReaderMessage, type ReaderRequest } from './read-ahead';

type Inline = ByteSource & Required<Pick<ByteSource, 'readIntoAsync'>>;

function inlineOf(bytes: Uint8Array): Inline & { calls: number } {
	const src = {
		calls: 0,
		size: bytes.length,
		read: (a: number, b: number) => bytes.slice(a, b),
		readIntoAsync: async (t: Uint8Array, o: number, a: number, b: number) => {
			src.calls++;
			t.set(bytes.subarray(a, b), o);
			return t;
		}
	};
	return src;
}

/**
 * A Worker running readerThread. die() makes it fail as a crashed worker would; failToLoad, as one whose script
 * did not load. gated: each block reaches the parser only once the parser has handed the previous one back, and
 * the `dieOnReturn`-th hand-back kills it instead, while the parser waits in the middle of a request.
 */
function fakeWorker(opt: { failToLoad?: boolean; gated?: boolean; dieOnReturn?: number } = {}) {
	const held: ReaderMessage[] = [];
	let returns = 0, open = 1;
	const deliver = (m: ReaderMessage) => setTimeout(() => !w.terminated && w.onmessage?.({ data: m } as MessageEvent<ReaderMessage>), 0);
	const release = () => {
		while (open > 0 && held.length > 0) {
			open--;
			deliver(held.shift()!);
		}
	};
	const w = {
		onmessage: null as ((e: MessageEvent<ReaderMessage>) => void) | null,
		onerror: null as ((e: ErrorEvent) => void) | null,
		onmessageerror: null as ((e: MessageEvent) => void) | null,
		terminated: false,
		starts: 0,
		postMessage(m: ReaderRequest) {
			if (opt.failToLoad) return w.die();
			if (m.type === 'start') w.starts++;
			if (m.type === 'return' && opt.gated) {
				if (++returns === opt.dieOnReturn) return w.die();
				open++;
				release();
			}
			setTimeout(() => !w.terminated && serve(m), 0);
		},
		terminate() {
			w.terminated = true;
		},
		die() {
			w.terminated = true;
			setTimeout(() => w.onerror?.({ preventDefault() {} } as ErrorEvent), 0);
		},
		/** A block arrives that cannot be deserialised: the worker lives on but the block is lost. */
		lose() {
			w.terminated = true;
			setTimeout(() => w.onmessageerror?.({} as MessageEvent), 0);
		}
	};
	const serve = readerThread((m) => {
		if (w.terminated) return;
		if (opt.gated && m.type === 'block') {
			held.push(m);
			release();
		} else deliver(m);
	});
	return w;
}

function randomBytes(n: number, seed: number): Uint8Array<ArrayBuffer> {
	const b = new Uint8Array(n);
	let x = seed;
	for (let i = 0; i < n; i++) {
		x = (Math.imul(x, 1103515245) + 12345) >>> 0;
		b[i] = x >>> 24;
	}
	return b;
}

/** Reads [from, size) in sequence, `step` bytes a call, into a buffer with `lead` bytes kept in front. */
async function readAll(src: ByteSource, from: number, step: number, lead = 3): Promise<Uint8Array> {
	const out = new Uint8Array(src.size - from);
	for (let at = from; at < src.size; at += step) {
		const end = Math.min(src.size, at + step);
		const target = await src.readIntoAsync!(new Uint8Array(lead + end - at), lead, at, end);
		out.set(target.subarray(lead, lead + end - at), at - from);
	}
	return out;
}

const MB = 2 ** 20;

describe('read-ahead source', () => {
	const bytes = randomBytes(11 * MB + 12345, 7);
	const blob = new Blob([bytes]);

	it('hands out the same bytes as an inline read, and hashes them on the reader thread', async () => {
		for (const [from, step] of [
			[0, 4 * MB],
			[17, 4 * MB],
			[1001, 3 * MB + 5],
			[5, 9 * MB]
		]) {
			const inline = inlineOf(bytes);
			const worker = fakeWorker();
			const src = readAhead(blob, 'f.bin', inline, () => worker as unknown as Worker);
			const hash = new TextHash().text('head,er\n');
			expect(src.hashReads!(hash)).toBe(true);
			const got = await readAll(src, from, step);
			expect(Buffer.from(got).equals(Buffer.from(bytes.subarray(from)))).toBe(true);
			expect(inline.calls).toBe(0);
			expect(hash.digest()).toBe(new TextHash().text('head,er\n').bytes(bytes, from).digest());
			// At the file's end the reader thread is stopped.
			expect(worker.terminated).toBe(true);
		}
	});

	it('restarts the reader where a request out of sequence asks', async () => {
		const worker = fakeWorker();
		const src = readAhead(blob, 'f.bin', inlineOf(bytes), () => worker as unknown as Worker);
		const first = await src.readIntoAsync!(new Uint8Array(MB), 0, 0, MB);
		expect(Buffer.from(first).equals(Buffer.from(bytes.subarray(0, MB)))).toBe(true);
		const later = await readAll(src, 2 * MB + 3, 4 * MB, 0);
		expect(Buffer.from(later).equals(Buffer.from(bytes.subarray(2 * MB + 3)))).toBe(true);
		expect(worker.starts).toBe(2);
	});

	it('reads inline (and hashes there) when the reader thread cannot start', async () => {
		for (const start of [() => null, () => { throw new Error('no nested workers'); }]) {
			const inline = inlineOf(bytes);
			const src = readAhead(blob, 'f.bin', inline, start);
			const hash = new TextHash();
			src.hashReads!(hash);
			const got = await readAll(src, 99, 4 * MB);
			expect(Buffer.from(got).equals(Buffer.from(bytes.subarray(99)))).toBe(true);
			expect(inline.calls).toBeGreaterThan(0);
			expect(hash.digest()).toBe(new TextHash().bytes(bytes, 99).digest());
		}
	});

	it('carries on inline, with the right hash, when the reader thread dies half-way', async () => {
		// Killed after `reads` requests: mid-block (the parser holds a block it has partly handed out), or at a
		// block's end; or its script does not load.
		for (const [reads, step, how] of [
			[-1, 3 * MB + 1, 'die'],
			[1, 3 * MB + 1, 'die'],
			[2, 3 * MB + 1, 'die'],
			[1, 4 * MB, 'die'],
			[3, MB, 'die'],
			// A message that could not be deserialised ('messageerror') is as lost as a dead worker.
			[1, 3 * MB + 1, 'lose'],
			[3, MB, 'lose']
		] as const) {
			const inline = inlineOf(bytes);
			const worker = fakeWorker({ failToLoad: reads < 0 });
			const src = readAhead(blob, 'f.bin', inline, () => worker as unknown as Worker);
			const hash = new TextHash().text('x\n');
			src.hashReads!(hash);
			const got = new Uint8Array(bytes.length - 2);
			for (let at = 2, k = 0; at < bytes.length; at += step, k++) {
				if (k === reads) {
					worker[how]();
					await new Promise((r) => setTimeout(r, 5));
				}
				const end = Math.min(bytes.length, at + step);
				got.set(await src.readIntoAsync!(new Uint8Array(end - at), 0, at, end), at - 2);
			}
			expect(Buffer.from(got).equals(Buffer.from(bytes.subarray(2)))).toBe(true);
			expect(inline.calls).toBeGreaterThan(0);
			expect(hash.digest()).toBe(new TextHash().text('x\n').bytes(bytes, 2).digest());
		}
	});

	it('hashes the rest here when the reader thread dies while the parser waits in the middle of a request', async () => {
		for (const [dieOnReturn, step] of [
			[1, 5 * MB],
			[2, 5 * MB],
			[2, 3 * MB + 7]
		]) {
			const inline = inlineOf(bytes);
			const src = readAhead(blob, 'f.bin', inline, () => fakeWorker({ gated: true, dieOnReturn }) as unknown as Worker);
			const hash = new TextHash();
			src.hashReads!(hash);
			const got = await readAll(src, 2, step);
			expect(Buffer.from(got).equals(Buffer.from(bytes.subarray(2)))).toBe(true);
			expect(inline.calls).toBeGreaterThan(0);
			expect(hash.digest()).toBe(new TextHash().bytes(bytes, 2).digest());
		}
	});

	it('says the file changed when its stream fails', async () => {
		const failing = {
			size: bytes.length,
			slice: () => ({
				stream: () =>
					new ReadableStream({
						type: 'bytes',
						pull: (c) => c.error(new Error('NotReadableError'))
					})
			})
		} as unknown as Blob;
		const src = readAhead(failing, 'customers.csv', inlineOf(bytes), () => fakeWorker() as unknown as Worker);
		await expect(readAll(src, 0, 4 * MB)).rejects.toThrow(/"customers.csv" changed on disk/);
	});

	it('gives a large numeric file the fingerprint of its text', async () => {
		const rows = Array.from({ length: 60_000 }, (_, i) => `${i},${(i * 0.37).toFixed(3)},-${i % 977}e-2`);
		const file = new TextEncoder().encode('\uFEFFid,Größe,z\r\n' + rows.join('\r\n') + '\r\n');
		const viaMemory = await parseNumericSource(memorySource(file), 'f.csv', undefined, {}, 65_536);
		const src = readAhead(new Blob([file]), 'f.csv', inlineOf(file), () => fakeWorker() as unknown as Worker);
		const viaReader = await parseNumericSource(src, 'f.csv', undefined, {}, 65_536);
		expect(viaReader).not.toBeNull();
		expect(fingerprint(viaReader!)).toEqual(fingerprint(viaMemory!));
		expect(Array.from(viaReader!.columns[2].numbers)).toEqual(Array.from(viaMemory!.columns[2].numbers));
	});
});

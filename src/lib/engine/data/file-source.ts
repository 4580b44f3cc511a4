/**
 * SourceText for a large file kept on disk instead of in memory: the rows' offsets and the header stay here; the
 * text is read and decoded again only when an export asks for it (`text`), then dropped. Decoding repeats what
 * the loader did (decode.ts, then a stray leading U+FEFF removed as parse does), so offsets and the
 * fingerprint's hash match the text exactly.
 */
import type { Offsets, SourceText } from '../types';
import type { ByteSource } from './byte-source';
import { decodeText } from './decode';

/** Bytes read from the file at once for short slices. */
const READ_BYTES = 1 << 20;

const utf8 = new (globalThis as unknown as { TextDecoder: new (label: string) => { decode(b: Uint8Array): string } }).TextDecoder('utf-8');

export class FileBackedText implements SourceText {
	constructor(
		private readonly file: ByteSource,
		private readonly name: string,
		readonly header: string,
		readonly delimiter: string,
		readonly newline: string,
		readonly rowStart: Offsets,
		readonly rowEnd: Offsets,
		readonly hash: string,
		/** File byte offset minus text offset for the rows (the BOM and the header's multi-byte characters). */
		private readonly delta = 0
	) {}

	/**
	 * The text between two offsets of the rows, read from the file alone (the fast path's rows are ASCII, so text
	 * offsets are byte offsets shifted by delta): a 1 GB file's rows are written out without a 1 GB string.
	 */
	slice(start: number, end: number): string {
		if (end <= start) return '';
		const a = start + this.delta, b = end + this.delta;
		if (b - a > READ_BYTES / 2) {
			const bytes = this.file.read(a, b);
			const text = utf8.decode(bytes);
			this.file.release?.(bytes);
			return text;
		}
		// Short ranges (rowReader's blocks) are cut from a megabyte read once: the reads stay few, and the strings
		// stay small enough for the collector's young generation (a string over about 128 kB is allocated with the
		// old objects and freed only by a full collection: an export's 1 MB blocks piled up to tens of megabytes).
		let c = this.block;
		if (!c || a < c.from || b > c.from + c.bytes.length) {
			if (c) this.file.release?.(c.bytes);
			this.block = null;
			c = this.block = { from: a, bytes: this.file.read(a, Math.min(this.file.size, Math.max(b, a + READ_BYTES))) };
		}
		return utf8.decode(c.bytes.subarray(a - c.from, b - c.from));
	}

	/** The bytes last read for slice (their text is ASCII, so any byte range decodes to the same characters). */
	private block: { from: number; bytes: Uint8Array } | null = null;

	/** Lets the bytes last read go (a megabyte held between exports otherwise). */
	forget(): void {
		if (this.block) this.file.release?.(this.block.bytes);
		this.block = null;
	}

	/** The whole decoded text, read from the file on every access: read it once and keep it in a local. */
	get text(): string {
		const bytes = this.file.read(0, this.file.size);
		const text = decodeText(bytes, this.name).text;
		this.file.release?.(bytes);
		return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	}
}

/**
 * SourceText for a large file kept on disk instead of in memory: the rows' offsets and the header stay here; the
 * text is read and decoded again only when an export asks for it (`text`), then dropped. Decoding repeats what
 * the loader did (decode.ts, then a stray leading U+FEFF removed as parse does), so offsets and the
 * fingerprint's hash match the text exactly.
 */
import type { Offsets, SourceText } from '../types';
import type { ByteSource } from './byte-source';
import { decodeText } from './decode';

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
		const bytes = this.file.read(start + this.delta, end + this.delta);
		const text = utf8.decode(bytes);
		this.file.release?.(bytes);
		return text;
	}

	/** The whole decoded text, read from the file on every access: read it once and keep it in a local. */
	get text(): string {
		const bytes = this.file.read(0, this.file.size);
		const text = decodeText(bytes, this.name).text;
		this.file.release?.(bytes);
		return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	}
}

import type { Table } from '../types';

export interface SourceFingerprint {
	name: string;
	rows: number;
	columns: string[];
	/** 64-bit FNV-1a of the text, as 16 hex digits: tells "the same file" from "a file with the same name". */
	hash: string;
}

export function fingerprint(table: Table): SourceFingerprint {
	return {
		name: table.name,
		rows: table.rowCount,
		columns: table.columns.map((c) => c.name),
		hash: table.source.hash ?? hashText(table.source.text)
	};
}

/** FNV-1a over UTF-16 code units, run as two 32-bit lanes with different offsets for a 64-bit result. */
export function hashText(text: string): string {
	return new TextHash().text(text).digest();
}

/**
 * hashText fed piece by piece: text, or bytes that stand for the same code units (ASCII), so a file parsed in
 * byte chunks gets the fingerprint its decoded text would have.
 */
export class TextHash {
	private h1 = 0x811c9dc5;
	private h2 = 0xcbf29ce4;

	text(text: string): this {
		let h1 = this.h1, h2 = this.h2;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			h1 = Math.imul(h1 ^ c, 0x01000193);
			h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 13);
		}
		this.h1 = h1;
		this.h2 = h2;
		return this;
	}

	/** Bytes [from, to) as code units: only right for ASCII, which is all the byte fast path accepts. */
	bytes(b: Uint8Array, from = 0, to = b.length): this {
		let h1 = this.h1, h2 = this.h2;
		for (let i = from; i < to; i++) {
			const c = b[i];
			h1 = Math.imul(h1 ^ c, 0x01000193);
			h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 13);
		}
		this.h1 = h1;
		this.h2 = h2;
		return this;
	}

	digest(): string {
		return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
	}
}

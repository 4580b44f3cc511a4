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
		hash: hashText(table.source.text)
	};
}

/** FNV-1a over UTF-16 code units, run as two 32-bit lanes with different offsets for a 64-bit result. */
export function hashText(text: string): string {
	let h1 = 0x811c9dc5, h2 = 0xcbf29ce4;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 13);
	}
	return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

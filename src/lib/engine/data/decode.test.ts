import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from './decode';

describe('decodeText', () => {
	it('drops a UTF-8 BOM, reads UTF-16 by its BOM, and falls back to Windows-1252 with a note', () => {
		expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]))).toMatchObject({ text: 'aé', encoding: 'utf-8', bom: 3, notes: [] });
		expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x61, 0, 0xe9, 0]))).toMatchObject({ text: 'aé', encoding: 'utf-16le' });
		expect(decodeText(Uint8Array.from([0xfe, 0xff, 0, 0x61, 0, 0xe9]))).toMatchObject({ text: 'aé', encoding: 'utf-16be' });
		const w = decodeText(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]), 'x.csv');
		expect(w.text).toBe('Café €5');
		expect(w.encoding).toBe('windows-1252');
		expect(w.notes[0]).toMatch(/"x.csv" is not valid UTF-8/);
	});

	it('maps 0x80–0x9F as Windows-1252 does and passes Latin-1 through', () => {
		expect(decodeWindows1252(Uint8Array.from([0x80, 0x8a, 0x93, 0x94, 0x99, 0x9f, 0xa3, 0xff]))).toBe('€Š“”™Ÿ£ÿ');
		expect(decodeWindows1252(new Uint8Array(20000).fill(0x41))).toBe('A'.repeat(20000));
	});
});

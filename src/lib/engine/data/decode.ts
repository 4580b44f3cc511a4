/**
 * Bytes → text. A byte-order mark decides UTF-8 / UTF-16 LE / UTF-16 BE; without one the bytes are tried as strict
 * UTF-8 and, when that fails, read as Windows-1252 — what spreadsheet programs on Windows write — and the user is
 * told, because a wrong guess shows up as odd accented letters.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
	text: string;
	encoding: TextEncodingName;
	/** Length of the byte-order mark that was dropped (0 when none). */
	bom: number;
	notes: string[];
}

interface Decoder {
	decode(bytes: Uint8Array): string;
}
type DecoderCtor = new (label: string, options?: { fatal?: boolean }) => Decoder;
// The engine is typed without the DOM; TextDecoder exists in Node, browsers and workers alike.
const TD = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;

/** Windows-1252 differs from Latin-1 only in 0x80–0x9F; undefined slots map to the C1 control (as browsers do). */
const CP1252_HIGH = [
	0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
	0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178
];

export function decodeText(bytes: Uint8Array, name = 'the file'): DecodedText {
	const b0 = bytes[0], b1 = bytes[1], b2 = bytes[2];
	if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: new TD('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: 3, notes: [] };
	if (b0 === 0xff && b1 === 0xfe) return utf16(bytes, 'utf-16le', name);
	if (b0 === 0xfe && b1 === 0xff) return utf16(bytes, 'utf-16be', name);
	// No separate ASCII pre-check: strict UTF-8 decoding is SIMD-validated in V8/Blink and already yields a
	// one-byte string for ASCII, and a JavaScript pre-scan cost about a tenth of the whole parse.
	try {
		return { text: new TD('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: 0, notes: [] };
	} catch {
		return {
			text: decodeWindows1252(bytes),
			encoding: 'windows-1252',
			bom: 0,
			notes: [
				`"${name}" is not valid UTF-8, so it was read as Windows-1252 (Western European). If accented letters look wrong, save the file as "CSV UTF-8" and load it again.`
			]
		};
	}
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', name: string): DecodedText {
	const text = new TD(encoding).decode(bytes.subarray(2));
	return { text, encoding, bom: 2, notes: [`"${name}" is UTF-16 text (${encoding === 'utf-16le' ? 'little' : 'big'}-endian); it was converted.`] };
}

export function decodeWindows1252(bytes: Uint8Array): string {
	const out: string[] = [];
	const CHUNK = 8192;
	const codes = new Uint16Array(CHUNK);
	for (let off = 0; off < bytes.length; off += CHUNK) {
		const n = Math.min(CHUNK, bytes.length - off);
		for (let i = 0; i < n; i++) {
			const b = bytes[off + i];
			codes[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
		}
		out.push(String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]));
	}
	return out.join('');
}

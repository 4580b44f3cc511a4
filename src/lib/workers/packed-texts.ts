/**
 * Many short texts (a million customer ids) as one string and the end offset of each: a worker's reply with a
 * string array of a million entries took about 60 ms to unpack on the page's thread (and as long again in
 * garbage collection), where one string and one Int32Array are copied in a few milliseconds.
 */
export interface PackedTexts {
	text: string;
	/** end[i]: where text i ends in `text` (it starts where text i − 1 ends). */
	end: Int32Array;
}

export function packTexts(texts: ArrayLike<string>): PackedTexts {
	const end = new Int32Array(texts.length);
	let at = 0;
	const parts: string[] = new Array(texts.length);
	for (let i = 0; i < texts.length; i++) {
		parts[i] = texts[i];
		end[i] = at += texts[i].length;
	}
	return { text: parts.join(''), end };
}

export function textAt(p: PackedTexts, i: number): string {
	return p.text.slice(i > 0 ? p.end[i - 1] : 0, p.end[i]);
}

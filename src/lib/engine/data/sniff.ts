/**
 * A text is taken as binary when its first few kilobytes hold NUL bytes or many control characters:
 * how `file` and git tell text from binary, cheaply.
 */
export function looksBinary(text: string): boolean {
	const n = Math.min(text.length, 8192);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c === 0) return true;
		if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
		else if (c === 0xfffd) control++; // replacement characters from a failed UTF-8 decode
	}
	return n > 0 && control / n > 0.1;
}

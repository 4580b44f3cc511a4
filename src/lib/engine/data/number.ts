/**
 * Parses one cell as a number: plain decimal or scientific notation, surrounding spaces allowed.
 * Returns NaN for blanks and for anything that is not a number ("abc", "1,2", "0x10", "Infinity").
 */
export function parseNumber(s: string): number {
	const t = s.trim();
	if (t === '') return NaN;
	const c = t.charCodeAt(0);
	// Number() accepts hex, binary, "Infinity" and "" — none of which a customer file means as a number.
	if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return NaN;
	if (t.length > 1 && (t[1] === 'x' || t[1] === 'X' || t[1] === 'b' || t[1] === 'B' || t[1] === 'o' || t[1] === 'O')) return NaN;
	const v = Number(t);
	return Number.isFinite(v) ? v : NaN;
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Parses one cell as a number: plain decimal or scientific notation, surrounding spaces allowed.
 * Returns NaN for blanks and for anything that is not a number ("abc", "1,2", "0x10", "Infinity").
 *
 * The common cell — an optional sign, digits, an optional fraction, at most 15 digits in all — is read here:
 * mantissa and power of ten are then exact doubles, so one division is correctly rounded and equals Number()
 * (Clinger's fast path). That was the general parser's largest cost when every cell went through Number().
 */
export function parseNumber(s: string): number {
	const n = s.length;
	let i = 0;
	let c = s.charCodeAt(0);
	const neg = c === 45;
	if (neg || c === 43) c = s.charCodeAt(++i);
	const start = i;
	let mant = 0;
	while (c >= 48 && c <= 57) {
		mant = mant * 10 + (c - 48);
		c = s.charCodeAt(++i);
	}
	let digits = i - start, frac = 0;
	if (c === 46) {
		const fracStart = ++i;
		c = s.charCodeAt(i);
		while (c >= 48 && c <= 57) {
			mant = mant * 10 + (c - 48);
			c = s.charCodeAt(++i);
		}
		frac = i - fracStart;
		digits += frac;
	}
	if (i === n && digits > 0 && digits <= 15) {
		const v = mant / POW10[frac];
		return neg ? -v : v;
	}
	return parseOther(s);
}

/** Everything else: padded cells, exponents, long mantissas, and what is not a number at all. */
function parseOther(s: string): number {
	const t = s.trim();
	if (t === '') return NaN;
	const c = t.charCodeAt(0);
	// Number() accepts hex, binary, "Infinity" and "" — none of which a customer file means as a number.
	if (!((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46)) return NaN;
	if (t.length > 1 && (t[1] === 'x' || t[1] === 'X' || t[1] === 'b' || t[1] === 'B' || t[1] === 'o' || t[1] === 'O')) return NaN;
	const v = Number(t);
	return Number.isFinite(v) ? v : NaN;
}

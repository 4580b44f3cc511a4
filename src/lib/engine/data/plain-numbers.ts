/**
 * A column's cells read as plain decimals written one way, so that each cell's text follows from its value: then a
 * column needs no string dictionary while it is read — its dictionary (codes, and levels in the cells' own text) is
 * built once at the end from the typed numbers (value-codes.ts), and equals the one the cells' text would give.
 *
 * A cell is plain when it is an optional minus sign, digits with no leading zero (a lone 0 is fine), and an
 * optional point followed by at least one digit, 15 digits at most in all, and not a negative zero ("-0.0" is
 * the value 0 written another way). Such a value is the correctly rounded double of its text (the same division
 * parseNumber does), and 15 significant digits survive the round trip, so the text comes back as:
 * - `value.toFixed(F)` when every plain cell of the column has exactly F decimals ("12.50", "3.10");
 * - `String(value)` when no plain cell ends its decimals with a zero and none is below 10⁻⁶ in size (JavaScript
 *   writes those with an exponent): the shortest text of a double with at most 15 digits is that text.
 * A column whose cells fit neither — or that holds a cell that is not plain, text, a formatted number, "1e5",
 * "+3", "007" — goes back to the string dictionary (ColumnBuilder.leavePlain).
 */

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

export class PlainNumbers {
	/** Decimals of the first plain cell, -1 before it. */
	private decimals = -1;
	/** Every plain cell so far had `decimals` decimals. */
	private fixed = true;
	/** Every plain cell so far is written as String(value) writes it. */
	private shortest = true;

	/** The cell's value, or NaN when it is not plain or breaks both of the column's ways of writing. */
	read(t: string): number {
		return this.readRange(t, 0, t.length);
	}

	/** read() of text.slice(from, to), without the slice. */
	readRange(text: string, from: number, to: number): number {
		let i = from;
		let c = i < to ? text.charCodeAt(i) : -1;
		const neg = c === 45;
		if (neg) c = ++i < to ? text.charCodeAt(i) : -1;
		const start = i;
		// No leading zero: "0" and "0.5" yes, "007" and "00.5" no.
		if (c === 48 && i + 1 < to && text.charCodeAt(i + 1) !== 46) return NaN;
		let mant = 0;
		while (c >= 48 && c <= 57) {
			mant = mant * 10 + (c - 48);
			c = ++i < to ? text.charCodeAt(i) : -1;
		}
		let digits = i - start;
		if (digits === 0) return NaN;
		let frac = 0;
		if (c === 46) {
			const fracStart = ++i;
			c = i < to ? text.charCodeAt(i) : -1;
			while (c >= 48 && c <= 57) {
				mant = mant * 10 + (c - 48);
				c = ++i < to ? text.charCodeAt(i) : -1;
			}
			frac = i - fracStart;
			if (frac === 0) return NaN;
			digits += frac;
		}
		if (i !== to || digits > 15 || (neg && mant === 0)) return NaN;
		const v = mant / POW10[frac];
		// The flags change only when the cell is kept: a refused cell leaves them as the earlier cells set them,
		// since text() rewrites those cells when the column goes back to the string dictionary.
		const fixed = this.fixed && (this.decimals < 0 || frac === this.decimals);
		const shortest = this.shortest && !(frac > 0 && text.charCodeAt(to - 1) === 48) && !(mant !== 0 && v < 1e-6);
		if (!fixed && !shortest) return NaN;
		if (this.decimals < 0) this.decimals = frac;
		this.fixed = fixed;
		this.shortest = shortest;
		return neg ? -v : v;
	}

	/** The text of a value read by `read` (the cells' own text). */
	text(v: number): string {
		return this.fixed ? v.toFixed(Math.max(0, this.decimals)) : String(v);
	}
}

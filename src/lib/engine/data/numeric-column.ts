/**
 * Finishes a column the fast path filled with numbers: dictionary codes while the column has few distinct values
 * (keyed by value; levels are the numbers' shortest text), and for whole numbers an exact distinct count above that
 * from a typed open-addressing hash set — a JavaScript Set of a million boxed doubles would cost more than the parse itself.
 */
import type { Column } from '../types';
import { DICTIONARY_CAP } from './columns';
import { lazyValueCodes } from './lazy-column';
import { valueCodes } from './value-codes';

/**
 * `scratch` (length ≥ the column's) takes the codes while it is not yet known whether the column stays under the
 * dictionary cap; callers pass one for all their columns, so a table of high-cardinality columns does not
 * allocate and drop a codes array per column.
 */
export function numericColumn(name: string, numbers: Float64Array, missing: number, scratch?: Int32Array): Column {
	// Codes keyed by value in a typed table (value-codes.ts; it had been a Map of boxed doubles, about 30 ns a cell).
	const dict = valueCodes(numbers, DICTIONARY_CAP, scratch);
	if (dict) {
		const levels = Array.from(dict.values, (v) => String(v));
		const col: Column = { name, numbers, codes: dict.codes, levels, missing, nonNumeric: 0, distinct: levels.length, distinctExact: true };
		// The codes (here perhaps a view of the caller's scratch) are made again when read (lazy-column.ts): a numeric
		// column rarely needs them.
		if (numbers.length > 0) lazyValueCodes(col, levels.length);
		else col.codes = new Int32Array(0);
		return col;
	}
	// Exact counts matter for whole numbers (an all-distinct integer column may be an identifier); for measured
	// values a lower bound says enough and saves a pass over the column.
	if (!allIntegers(numbers)) return { name, numbers, codes: null, levels: null, missing, nonNumeric: 0, distinct: DICTIONARY_CAP + 1, distinctExact: false };
	return { name, numbers, codes: null, levels: null, missing, nonNumeric: 0, distinct: countDistinct(numbers), distinctExact: true };
}

function allIntegers(x: Float64Array): boolean {
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (v === v && Math.floor(v) !== v) return false;
	}
	return true;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Distinct non-NaN values (−0 counts as 0), by linear probing in a table of twice the size, rounded to 2^k. */
export function countDistinct(x: Float64Array): number {
	let size = 16;
	while (size < x.length * 2) size *= 2;
	const bits = Math.log2(size);
	const table = new Float64Array(size).fill(NaN);
	const mask = size - 1;
	let count = 0;
	for (let i = 0; i < x.length; i++) {
		let v = x[i];
		if (v !== v) continue;
		if (v === 0) v = 0;
		f64[0] = v;
		let h = Math.imul(u32[0] ^ Math.imul(u32[1], 0x9e3779b1), 0x85ebca6b) >>> (32 - bits);
		for (;;) {
			const t = table[h];
			if (t !== t) {
				table[h] = v;
				count++;
				break;
			}
			if (t === v) break;
			h = (h + 1) & mask;
		}
	}
	return count;
}

/** Distinct numbers of a column: exact for whole numbers, 0 and inexact otherwise (see numericColumn). */
export function numericDistinct(x: Float64Array): { count: number; exact: boolean } {
	return allIntegers(x) ? { count: countDistinct(x), exact: true } : { count: 0, exact: false };
}

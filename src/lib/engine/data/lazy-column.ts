/**
 * Column arrays made only when something reads them. A million-row table kept a NaN-only Float64Array for each text
 * column (8 MB each: an id, a region, a channel) and dictionary codes for each numeric column with few distinct
 * values (4 MB each), though the load, the profile and a numeric analysis never read them. Such a property is an
 * accessor that builds the very array the parser would have kept, on first read, and then becomes a plain data
 * property again (assignments work as on any column). Copies of the column made with copyColumn share the array.
 * What the profile needs of the codes — the count of each level — is kept beside the numbers (levelCounts).
 */
import type { Column } from '../types';
import { DICTIONARY_CAP } from './columns';
import { valueCodes } from './value-codes';

type ArrayKey = 'numbers' | 'codes';

function lazy<K extends ArrayKey>(col: Column, key: K, make: () => Column[K]): void {
	let made: { value: Column[K] } | null = null;
	const settle = (target: Column, value: Column[K]) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
	Object.defineProperty(col, key, {
		enumerable: true,
		configurable: true,
		get(this: Column) {
			made ??= { value: make() };
			settle(this, made.value);
			return made.value;
		},
		set(this: Column, value: Column[K]) {
			settle(this, value);
		}
	});
}

/** `numbers` of a column with no numeric cell: n NaN, made when read. */
export function lazyMissingNumbers(col: Column, n: number): void {
	lazy(col, 'numbers', () => new Float64Array(n).fill(NaN));
}

const counts = new WeakMap<Float64Array, Int32Array>();

/**
 * `codes` of a numeric column keyed by value (value-codes.ts: the codes the builder found, made again from the
 * numbers when read), with the levels' counts kept for the profile.
 */
export function lazyValueCodes(col: Column, levels: number): void {
	const numbers = col.numbers, codes = col.codes!;
	const levelCounts = new Int32Array(levels);
	for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) levelCounts[codes[i]]++;
	counts.set(numbers, levelCounts);
	lazy(col, 'codes', () => valueCodes(numbers, DICTIONARY_CAP)!.codes);
}

/** Cells per level (index = code), without making a lazy column's codes; null when the column has no codes. */
export function levelCounts(col: Column): Int32Array | null {
	const desc = Object.getOwnPropertyDescriptor(col, 'codes');
	const known = desc?.get ? counts.get(col.numbers) : undefined;
	if (known && col.levels && known.length === col.levels.length) return known;
	if (!col.codes || !col.levels) return null;
	const out = new Int32Array(col.levels.length);
	for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) out[col.codes[i]]++;
	return out;
}

/** A copy of the column that keeps its lazy arrays lazy (a spread would make them). */
export function copyColumn(col: Column): Column {
	return Object.defineProperties({}, Object.getOwnPropertyDescriptors(col)) as Column;
}

/** Whether the column's array `key` exists (a lazy one not yet read does not; reading it would make it). */
export function isMade(col: Column, key: ArrayKey): boolean {
	return !Object.getOwnPropertyDescriptor(col, key)?.get;
}

/** Bytes of the column's arrays made so far (a lazy one not yet read counts 0). */
export function madeBytes(col: Column): number {
	const size = (key: ArrayKey) => {
		const d = Object.getOwnPropertyDescriptor(col, key);
		return d && !d.get ? ((d.value as ArrayBufferView | null)?.byteLength ?? 0) : 0;
	};
	return size('numbers') + size('codes');
}

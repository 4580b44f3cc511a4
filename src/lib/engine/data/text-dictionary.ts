/**
 * A column's dictionary of texts while it is read: a code per cell and the distinct texts (levels) in order of first
 * appearance, each with the number and format flags its text was read as (a cell repeating a level reuses them), up
 * to DICTIONARY_CAP levels; past that no codes, and an exact set of the text cells (text-set.ts) for the distinct
 * count — numbers are counted at the end from the column's typed array.
 */
import { DICTIONARY_CAP } from './columns';
import { TextSet } from './text-set';

export const EXACT_DISTINCT_LIMIT = 1_000_000;
/** Up to this many levels findRange compares a cell with each instead of making its string for the Map. */
const FEW_LEVELS = 16;

export class TextDictionary {
	codes: Int32Array | null;
	levels: string[] | null = [];
	/** Past the cap: the distinct texts (with the levels there were at the cap). */
	overflow: TextSet | null = null;
	/** Per level: the number its text was read as, and the format flags found in it. */
	readonly levelNumbers: number[] = [];
	readonly levelFlags: number[] = [];
	private dict: Map<string, number> | null = new Map();

	constructor(capacity: number) {
		this.codes = new Int32Array(capacity);
	}

	/** The level of a (trimmed) text, or undefined. */
	find(t: string): number | undefined {
		return this.dict?.get(t);
	}

	/**
	 * With few levels (region, channel): the level equal to text.slice(from, to), compared in place, or −1 (also
	 * when there are more levels). A match is what find() would give: the levels are distinct.
	 */
	findRange(text: string, from: number, to: number): number {
		const levels = this.levels;
		if (!levels || levels.length > FEW_LEVELS) return -1;
		const len = to - from;
		for (let k = 0; k < levels.length; k++) {
			const l = levels[k];
			if (l.length !== len) continue;
			let i = 0;
			while (i < len && l.charCodeAt(i) === text.charCodeAt(from + i)) i++;
			if (i === len) return k;
		}
		return -1;
	}

	/** Cell i is missing. */
	blank(i: number): void {
		if (this.codes) this.codes[i] = -1;
	}

	/** Cell i holds the text t, read as the number v (NaN: not a number) with format flags. */
	add(i: number, t: string, v: number, flags: number): void {
		if (this.dict && this.codes && this.levels) {
			let code = this.dict.get(t);
			if (code === undefined) {
				if (this.levels.length >= DICTIONARY_CAP) {
					this.overflow = new TextSet(this.levels);
					this.overflow.add(t);
					this.dict = this.codes = this.levels = null;
					return;
				}
				code = this.levels.length;
				this.dict.set(t, code);
				this.levels.push(t);
				this.levelNumbers.push(v);
				this.levelFlags.push(flags);
			}
			this.codes[i] = code;
		} else if (this.overflow && this.overflow.size < EXACT_DISTINCT_LIMIT && Number.isNaN(v)) {
			this.overflow.add(t);
		}
	}

	grow(cap: number): void {
		if (!this.codes) return;
		const codes = new Int32Array(cap);
		codes.set(this.codes);
		this.codes = codes;
	}
}

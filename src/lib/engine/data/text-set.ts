/**
 * An exact set of strings for counting a text column's distinct values past the dictionary (identifiers: a
 * million "C0001234"). Short strings are copied code unit by code unit into one typed arena and found through an
 * open-addressing table of typed arrays, compared in full on a hash match — so the count is exact, and no string
 * is kept: a JavaScript Set of a million short strings cost about 0.6 s of a million-row load in Node (each a new
 * heap object that the collector then moves), a quarter of the whole parse. Strings of SHORT or more code units —
 * in V8 a view into the file's text, cheap to keep — go in a plain Set; no short string equals a long one, so the
 * two counts add up.
 */
const SHORT = 24;

export class TextSet {
	private long = new Set<string>();
	/** One byte a code unit while every one is below 256 (identifiers, Latin text); two from the first that is not. */
	private arena: Uint8Array | Uint16Array = new Uint8Array(1 << 16);
	private used = 0;
	/** Per entry: its start in the arena and its length. */
	private starts = new Int32Array(1 << 12);
	private lengths = new Uint8Array(1 << 12);
	private entries = 0;
	/**
	 * Open addressing, kept at most half full: slot s holds entry index + 1 (0 = empty) at 2s and the entry's hash
	 * at 2s + 1, side by side so a probe reads one cache line (a million entries are far bigger than the caches).
	 */
	private table = new Int32Array(2 << 13);

	constructor(values: Iterable<string> = []) {
		for (const v of values) this.add(v);
	}

	get size(): number {
		return this.entries + this.long.size;
	}

	add(s: string): void {
		const n = s.length;
		if (n >= SHORT) {
			this.long.add(s);
			return;
		}
		let h = 0x811c9dc5 ^ n;
		for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
		h ^= h >>> 15;
		h = Math.imul(h, 0x2c1b3c6d);
		h ^= h >>> 12;
		const table = this.table, mask = (table.length >> 1) - 1, arena = this.arena;
		let slot = h & mask;
		for (;;) {
			const e = table[2 * slot];
			if (e === 0) break;
			const k = e - 1;
			if (table[2 * slot + 1] === h && this.lengths[k] === n) {
				const at = this.starts[k];
				let i = 0;
				while (i < n && arena[at + i] === s.charCodeAt(i)) i++;
				if (i === n) return;
			}
			slot = (slot + 1) & mask;
		}
		if (this.used + n > this.arena.length) this.arena = grown(this.arena, this.used + n);
		if (this.arena instanceof Uint8Array) {
			let wide = false;
			for (let i = 0; i < n; i++) if (s.charCodeAt(i) > 255) wide = true;
			if (wide) this.arena = Uint16Array.from(this.arena);
		}
		const into = this.arena;
		for (let i = 0; i < n; i++) into[this.used + i] = s.charCodeAt(i);
		const k = this.entries++;
		if (k === this.starts.length) {
			this.starts = grown(this.starts, k + 1);
			this.lengths = grown(this.lengths, k + 1);
		}
		this.starts[k] = this.used;
		this.lengths[k] = n;
		this.used += n;
		table[2 * slot] = k + 1;
		table[2 * slot + 1] = h;
		if (this.entries > table.length >> 2) this.rehash();
	}

	private rehash(): void {
		const old = this.table;
		const table = new Int32Array(old.length * 2);
		const mask = (table.length >> 1) - 1;
		for (let s = 0; s < old.length; s += 2) {
			if (old[s] === 0) continue;
			let slot = old[s + 1] & mask;
			while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
			table[2 * slot] = old[s];
			table[2 * slot + 1] = old[s + 1];
		}
		this.table = table;
	}
}

function grown<T extends Uint16Array | Int32Array | Uint8Array>(a: T, atLeast: number): T {
	let size = a.length * 2;
	while (size < atLeast) size *= 2;
	const b = new (a.constructor as new (n: number) => T)(size);
	b.set(a);
	return b;
}

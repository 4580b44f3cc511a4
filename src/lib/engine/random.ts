/**
 * Seeded randomness for the whole engine: never Math.random. xoshiro128** (Blackman & Vigna 2018) seeded through
 * splitmix32, giving the same stream in every JavaScript engine. Doubles use 53 random bits.
 */
export class Rng {
	private s0: number;
	private s1: number;
	private s2: number;
	private s3: number;
	private spare: number | null = null;

	constructor(seed: number) {
		let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
		const next = () => {
			// splitmix32
			x = (x + 0x9e3779b9) >>> 0;
			let z = x;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.s0 = next();
		this.s1 = next();
		this.s2 = next();
		this.s3 = next();
		if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
	}

	/** A uniform 32-bit unsigned integer. */
	uint32(): number {
		const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
		const t = (this.s1 << 9) >>> 0;
		this.s2 = (this.s2 ^ this.s0) >>> 0;
		this.s3 = (this.s3 ^ this.s1) >>> 0;
		this.s1 = (this.s1 ^ this.s2) >>> 0;
		this.s0 = (this.s0 ^ this.s3) >>> 0;
		this.s2 = (this.s2 ^ t) >>> 0;
		this.s3 = rotl(this.s3, 11);
		return result;
	}

	/** A uniform double in [0, 1). */
	next(): number {
		const hi = this.uint32() >>> 5; // 27 bits
		const lo = this.uint32() >>> 6; // 26 bits
		return (hi * 67108864 + lo) / 9007199254740992;
	}

	/** A uniform integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** A standard normal deviate (Marsaglia's polar method). */
	normal(): number {
		if (this.spare !== null) {
			const s = this.spare;
			this.spare = null;
			return s;
		}
		let u: number, v: number, s: number;
		do {
			u = 2 * this.next() - 1;
			v = 2 * this.next() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const m = Math.sqrt((-2 * Math.log(s)) / s);
		this.spare = v * m;
		return u * m;
	}

	/** Fisher–Yates shuffle in place. */
	shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
		for (let i = a.length - 1; i > 0; i--) {
			const j = this.int(i + 1);
			const t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
	}

	/** `m` distinct indices from [0, n), in increasing order (m ≤ n). */
	sampleIndices(n: number, m: number): Int32Array {
		if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
		// Floyd's algorithm: O(m) draws, no O(n) array.
		const chosen = new Set<number>();
		for (let j = n - m; j < n; j++) {
			const t = this.int(j + 1);
			chosen.add(chosen.has(t) ? j : t);
		}
		return Int32Array.from(chosen).sort();
	}

	/** A new independent generator derived from this one (for restarts, resamples, workers). */
	fork(): Rng {
		return new Rng(this.uint32());
	}
}

function rotl(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A derived seed for sub-task `i` of a run with `seed`, stable across platforms and independent of call order. */
export function deriveSeed(seed: number, ...path: number[]): number {
	let h = (Math.trunc(seed) ^ 0x811c9dc5) >>> 0;
	for (const p of path) {
		h = Math.imul(h ^ (p >>> 0), 0x01000193) >>> 0;
		h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
		h = (h ^ (h >>> 12)) >>> 0;
	}
	return h;
}

import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { TextSet } from './text-set';

describe('TextSet', () => {
	it('counts exactly what a Set counts, short and long strings, any code unit', () => {
		const rng = new Rng(5);
		const alphabet = ['a', 'b', 'C', '0', '1', ' ', 'é', '€', '\u0000', '\ud83d\ude00', '"'];
		const ts = new TextSet(['seed', 'seed']);
		const ref = new Set(['seed']);
		// 300,000 strings of 0..40 code units over a small alphabet: many repeats, and (at 32-bit hashes) a few
		// distinct strings with equal hashes, which must be told apart by their text.
		for (let i = 0; i < 300_000; i++) {
			const len = rng.next() < 0.5 ? rng.int(6) : rng.int(41);
			let s = '';
			for (let k = 0; k < len; k++) s += alphabet[rng.int(alphabet.length)];
			ts.add(s);
			ref.add(s);
			if ((i & 0xffff) === 0) expect(ts.size).toBe(ref.size);
		}
		expect(ts.size).toBe(ref.size);
		expect(ts.size).toBeGreaterThan(150_000);
	});

	it('tells apart strings that differ in one place, in length, or only past the short limit', () => {
		const ts = new TextSet();
		const words = ['', 'a', 'a ', 'ab', 'ba', 'C0000001', 'C0000010', 'x'.repeat(23), 'x'.repeat(24), 'x'.repeat(25), 'x'.repeat(23) + 'y'];
		for (const w of [...words, ...words]) ts.add(w);
		expect(ts.size).toBe(words.length);
	});

	it('a million identifiers', () => {
		const ts = new TextSet();
		for (let i = 0; i < 1_000_000; i++) ts.add(`C${String(i % 700_000).padStart(7, '0')}`);
		expect(ts.size).toBe(700_000);
	});
});

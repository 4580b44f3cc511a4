import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashText, TextHash } from './fingerprint';

describe('TextHash', () => {
	it('gives an ASCII text the same hash whether it is fed as text or bytes, in any pieces', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x00-\x7f]/g, 'a')), fc.array(fc.nat(60), { maxLength: 5 }), (s, cuts) => {
				const at = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
				const h = new TextHash();
				let from = 0;
				at.forEach((to, k) => {
					if (k % 2) h.text(s.slice(from, to));
					else h.bytes(new TextEncoder().encode(s), from, to);
					from = to;
				});
				h.text(s.slice(from));
				expect(h.digest()).toBe(hashText(s));
			}),
			{ numRuns: 2000 }
		);
	});

	it('tells texts apart that differ in one character, its place or their length', () => {
		expect(hashText('abc')).not.toBe(hashText('abd'));
		expect(hashText('abcd')).not.toBe(hashText('bacd'));
		expect(hashText('')).not.toBe(hashText('\u0000'));
	});
});

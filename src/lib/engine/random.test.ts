import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from './random';

describe('Rng', () => {
	it('is deterministic for a seed and differs between seeds', () => {
		const a = new Rng(42), b = new Rng(42), c = new Rng(43);
		const sa = Array.from({ length: 5 }, () => a.next());
		const sb = Array.from({ length: 5 }, () => b.next());
		const sc = Array.from({ length: 5 }, () => c.next());
		expect(sa).toEqual(sb);
		expect(sa).not.toEqual(sc);
	});

	it('draws uniform doubles in [0, 1) with the right mean and variance', () => {
		const r = new Rng(1);
		let s = 0, s2 = 0, outside = 0;
		const n = 200_000;
		for (let i = 0; i < n; i++) {
			const x = r.next();
			if (!(x >= 0 && x < 1)) outside++;
			s += x;
			s2 += x * x;
		}
		expect(outside).toBe(0);
		expect(s / n).toBeCloseTo(0.5, 2);
		expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 2);
	});

	it('draws standard normals', () => {
		const r = new Rng(7);
		let s = 0, s2 = 0;
		const n = 200_000;
		for (let i = 0; i < n; i++) {
			const x = r.normal();
			s += x;
			s2 += x * x;
		}
		expect(Math.abs(s / n)).toBeLessThan(0.01);
		expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
	});

	it('samples distinct sorted indices, all of them when m >= n', () => {
		const r = new Rng(3);
		const s = r.sampleIndices(100, 10);
		expect(s.length).toBe(10);
		expect(new Set(s).size).toBe(10);
		for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
		expect(Array.from(r.sampleIndices(4, 9))).toEqual([0, 1, 2, 3]);
	});

	it('derives stable, distinct seeds', () => {
		expect(deriveSeed(0, 1, 2)).toBe(deriveSeed(0, 1, 2));
		expect(deriveSeed(0, 1, 2)).not.toBe(deriveSeed(0, 2, 1));
	});
});

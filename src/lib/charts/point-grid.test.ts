import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/random';
import { PointGrid } from './point-grid';

describe('PointGrid', () => {
	it('finds the same nearest point as a linear scan (pixel distance, radius, skipped points)', () => {
		const rng = new Rng(3);
		const n = 5000;
		const c = Float32Array.from({ length: 2 * n }, () => rng.normal() * 10);
		const skip = (i: number) => i % 7 === 0;
		const g = new PointGrid(c, n, skip, 64);
		const kx = 30, ky = -12, r = 8;
		for (let q = 0; q < 300; q++) {
			const x = rng.normal() * 10, y = rng.normal() * 10;
			let best = -1, bd = r * r;
			for (let i = 0; i < n; i++) {
				if (skip(i)) continue;
				const d = ((c[2 * i] - x) * kx) ** 2 + ((c[2 * i + 1] - y) * ky) ** 2;
				if (d <= bd) (bd = d), (best = i);
			}
			const got = g.nearest(x, y, kx, ky, r);
			if (best < 0) expect(got).toBe(-1);
			else expect(((c[2 * got] - x) * kx) ** 2 + ((c[2 * got + 1] - y) * ky) ** 2).toBeCloseTo(bd, 6);
		}
	});
});

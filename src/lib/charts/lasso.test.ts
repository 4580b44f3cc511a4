import { describe, expect, it } from 'vitest';
import { insidePolygon, lassoSelect } from './lasso';

describe('lasso selection', () => {
	// An L shape: the unit square [0, 2] × [0, 2] minus its upper-right quarter [1, 2] × [1, 2].
	const L = Float64Array.from([0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2]);

	it('tells inside from outside for a concave polygon, worked out by hand', () => {
		expect(insidePolygon(0.5, 0.5, L)).toBe(true);
		expect(insidePolygon(1.5, 0.5, L)).toBe(true);
		expect(insidePolygon(0.5, 1.5, L)).toBe(true);
		expect(insidePolygon(1.5, 1.5, L)).toBe(false); // the notch
		expect(insidePolygon(-0.1, 0.5, L)).toBe(false);
		expect(insidePolygon(2.5, 0.5, L)).toBe(false);
		expect(insidePolygon(0.5, 2.1, L)).toBe(false);
	});

	it('selects the points inside, skips hidden ones, and needs three vertices', () => {
		const pts = Float32Array.from([0.5, 0.5, 1.5, 1.5, 1.5, 0.5, 3, 3, 0.25, 1.75]);
		expect(Array.from(lassoSelect(pts, 5, L))).toEqual([0, 2, 4]);
		expect(Array.from(lassoSelect(pts, 5, L, (i) => i === 2))).toEqual([0, 4]);
		expect(lassoSelect(pts, 5, Float64Array.from([0, 0, 1, 1])).length).toBe(0);
	});

	it('agrees with a triangle test on random points (the counter-clockwise half of a square)', () => {
		const tri = Float64Array.from([0, 0, 1, 0, 1, 1]);
		const n = 2000;
		const pts = new Float32Array(2 * n);
		let s = 1;
		const next = () => ((s = (s * 48271) % 2147483647) / 2147483647) * 1.2 - 0.1;
		for (let t = 0; t < 2 * n; t++) pts[t] = next();
		const sel = new Set(lassoSelect(pts, n, tri));
		for (let i = 0; i < n; i++) {
			const x = pts[2 * i], y = pts[2 * i + 1];
			if (Math.abs(x - y) < 1e-6) continue; // on the diagonal edge
			expect(sel.has(i)).toBe(x >= 0 && x <= 1 && y >= 0 && y < x);
		}
	});
});

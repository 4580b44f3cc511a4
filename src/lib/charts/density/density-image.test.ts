import { describe, expect, it } from 'vitest';
import { densityPicture, POINTS_IN_VIEW, type DensityColours, type DensityView } from './density-image';

/** A 10 × 10 canvas whose plot is the inner 8 × 8 pixels; data (x, y) lands on pixel (x, y). */
const view: DensityView = { pw: 10, ph: 10, ax: 1, bx: 0, ay: 1, by: 0, left: 1, top: 1, right: 9, bottom: 9, dot: 2 };
const colours = (hidden = [0, 0]): DensityColours => ({
	segment: Uint32Array.of(0xff0000aa, 0xff00bb00, 0xffcccccc),
	hidden: Uint8Array.from(hidden),
	byValue: false,
	lo: 0,
	hi: 1,
	ramp: Uint32Array.of(0xff000001, 0xff000002, 0xff000003),
	missing: 0xffcccccc
});
const at = (px: Uint8ClampedArray, x: number, y: number) => new Uint32Array(px.buffer)[y * 10 + x];

/** n points: `many` copies of the first `base` points, to pass the points-in-view limit. */
function points(list: [number, number, number][], copies: number) {
	const n = list.length * copies;
	const coords = new Float32Array(2 * n), labels = new Int32Array(n);
	for (let c = 0; c < copies; c++)
		list.forEach(([x, y, s], j) => {
			const i = c * list.length + j;
			coords[2 * i] = x;
			coords[2 * i + 1] = y;
			labels[i] = s;
		});
	return { coords, labels, n };
}

describe('densityPicture', () => {
	it('draws individual points as squares when few are in view, leaving out hidden segments and points outside the plot', () => {
		const { coords, labels, n } = points([[2.5, 3.5, 0], [6, 6, 1], [0.5, 0.5, 0], [9.5, 2, 1]], 1);
		const p = densityPicture(coords, labels, null, n, 2, view, colours());
		expect(p.points).toBe(true);
		expect(p.visible).toBe(2);
		expect([at(p.pixels, 2, 3), at(p.pixels, 3, 4), at(p.pixels, 4, 3)]).toEqual([0xff0000aa, 0xff0000aa, 0]);
		expect(at(p.pixels, 6, 6)).toBe(0xff00bb00);
		expect(at(p.pixels, 0, 0)).toBe(0);
		const hid = densityPicture(coords, labels, null, n, 2, view, colours([0, 1]));
		expect(hid.visible).toBe(1);
		expect(at(hid.pixels, 6, 6)).toBe(0);
	});

	it('bins many points per pixel: the majority segment, opacity growing with the log of the count', () => {
		// Per copy: pixel (2, 2) gets two of segment 1 and one of 0; pixel (5, 5) one of segment 0.
		const copies = Math.ceil(POINTS_IN_VIEW / 4) + 1;
		const { coords, labels, n } = points([[2.2, 2.2, 1], [2.7, 2.9, 1], [2.5, 2.5, 0], [5.1, 5.1, 0]], copies);
		const p = densityPicture(coords, labels, null, n, 2, view, colours());
		expect(p.points).toBe(false);
		expect(p.visible).toBe(n);
		const dense = at(p.pixels, 2, 2), sparse = at(p.pixels, 5, 5);
		expect(dense & 0xffffff).toBe(0x00bb00);
		expect(dense >>> 24).toBe(255);
		expect(sparse & 0xffffff).toBe(0x0000aa);
		const expected = Math.round(255 * (0.3 + (0.7 * Math.log1p(copies)) / Math.log1p(3 * copies)));
		expect(sparse >>> 24).toBe(expected);
		expect(at(p.pixels, 3, 3)).toBe(0);
	});

	it('colours a bin by the mean of its values on the ramp when colouring by a feature; all-missing bins are grey', () => {
		const copies = Math.ceil(POINTS_IN_VIEW / 3) + 1;
		const { coords, labels, n } = points([[2.2, 2.2, 0], [2.6, 2.6, 1], [6.5, 6.5, 0]], copies);
		const values = new Float32Array(n);
		for (let i = 0; i < n; i++) values[i] = i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : NaN;
		const p = densityPicture(coords, labels, values, n, 2, view, { ...colours(), byValue: true });
		// Mean 0.5 on a 3-step ramp: the middle colour.
		expect(at(p.pixels, 2, 2) & 0xffffff).toBe(0x000002);
		expect(at(p.pixels, 6, 6) & 0xffffff).toBe(0xcccccc);
	});
});

import { interpolateViridis, rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { legendStops, SEQUENTIAL, sequentialIndex } from './sequential';

describe('the sequential (viridis) scale', () => {
	it('every colour is a valid #rrggbb, equal to d3 viridis at that step', () => {
		expect(SEQUENTIAL).toHaveLength(256);
		for (let t = 0; t < 256; t++) {
			expect(SEQUENTIAL[t]).toMatch(/^#[0-9a-f]{6}$/);
			expect(rgb(SEQUENTIAL[t]).formatHex()).toBe(rgb(interpolateViridis(t / 255)).formatHex());
		}
		// The published viridis end points (matplotlib's _viridis_data).
		expect(SEQUENTIAL[0]).toBe('#440154');
		expect(SEQUENTIAL[255]).toBe('#fde725');
	});
	it('is monotone in lightness, so it reads in greyscale', () => {
		const lum = SEQUENTIAL.map((c) => { const { r, g, b } = rgb(c); return 0.2126 * r + 0.7152 * g + 0.0722 * b; });
		for (let t = 1; t < 256; t++) expect(lum[t]).toBeGreaterThan(lum[t - 1] - 1.5);
		expect(lum[255] - lum[0]).toBeGreaterThan(150);
	});
	it('maps values to steps, clamps, and leaves missing values out', () => {
		expect(sequentialIndex(0, 0, 10)).toBe(0);
		expect(sequentialIndex(10, 0, 10)).toBe(255);
		expect(sequentialIndex(5, 0, 10)).toBe(128);
		expect(sequentialIndex(-3, 0, 10)).toBe(0);
		expect(sequentialIndex(99, 0, 10)).toBe(255);
		expect(sequentialIndex(NaN, 0, 10)).toBeNull();
		expect(sequentialIndex(4, 4, 4)).toBe(128);
	});
	it('the legend gradient runs from the low colour to the high colour through valid stops', () => {
		const stops = legendStops();
		expect(stops).toHaveLength(11);
		expect(stops[0]).toEqual({ offset: 0, color: '#440154' });
		expect(stops[10]).toEqual({ offset: 1, color: '#fde725' });
		for (const s of stops) expect(s.color).toMatch(/^#[0-9a-f]{6}$/);
	});
});

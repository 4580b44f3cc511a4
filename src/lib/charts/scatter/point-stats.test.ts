import { describe, expect, it } from 'vitest';
import { pointStats } from './point-stats';

describe('pointStats', () => {
	it('finds the extent and counts each segment, leaving noise out', () => {
		const coords = Float32Array.of(1, 5, -2, 3, 4, -1, 0, 0);
		const labels = Int32Array.of(0, 1, 1, -1);
		expect(pointStats(coords, labels, 4, 2)).toEqual({ extent: { x0: -2, x1: 4, y0: -1, y1: 5 }, sizes: [1, 2] });
	});

	it('pads a flat axis by one unit each side, and only reads the first n points', () => {
		const coords = Float32Array.of(3, 7, 3, 7, 100, 100);
		expect(pointStats(coords, Int32Array.of(0, 0, 0), 2, 1)).toEqual({ extent: { x0: 2, x1: 4, y0: 6, y1: 8 }, sizes: [2] });
	});
});

import { describe, expect, it } from 'vitest';
import { boxSelect, LocalQueries, segmentSelect } from './queries';

// Five points: (0,0) s0, (1,1) s1, (2,2) s0, (3,3) s1, (1,2) s2.
const coords = Float32Array.of(0, 0, 1, 1, 2, 2, 3, 3, 1, 2);
const labels = Int32Array.of(0, 1, 0, 1, 2);
const hideS1 = (i: number) => labels[i] === 1;

describe('scatter queries', () => {
	it('boxSelect takes the points in the box, edges included, skipping hidden ones', () => {
		expect(Array.from(boxSelect(coords, 5, 1, 2, 1, 2, () => false))).toEqual([1, 2, 4]);
		expect(Array.from(boxSelect(coords, 5, 1, 2, 1, 2, hideS1))).toEqual([2, 4]);
	});

	it('segmentSelect takes one segment in row order, and nothing of a hidden one', () => {
		expect(Array.from(segmentSelect(labels, 5, 0, () => false))).toEqual([0, 2]);
		expect(Array.from(segmentSelect(labels, 5, 1, hideS1))).toEqual([]);
	});

	it('LocalQueries: the nearest visible point within the radius (in pixels), the lasso by the even–odd rule', async () => {
		const q = new LocalQueries(coords, labels, 5, hideS1);
		// 10 px per data unit: (1.1, 1.1) is 1.4 px from point 1 (hidden), 9.1 px from point 4 and 12.7 px from point 2.
		expect(await q.nearest(1.1, 1.1, 10, 10, 8)).toBe(-1);
		expect(await q.nearest(1.1, 1.1, 10, 10, 13)).toBe(4);
		expect(await new LocalQueries(coords, labels, 5, () => false).nearest(1.1, 1.1, 10, 10, 8)).toBe(1);
		// A triangle around (1,1), (2,2) and (1,2) but not (0,0) or (3,3).
		const tri = Float64Array.of(0.5, 0.5, 2.8, 2.4, 0.5, 2.6);
		expect(Array.from(await new LocalQueries(coords, labels, 5, () => false).inPolygon(tri))).toEqual([1, 2, 4]);
		expect(Array.from(await q.inPolygon(tri))).toEqual([2, 4]);
	});
});

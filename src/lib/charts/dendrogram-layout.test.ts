import { describe, expect, it } from 'vitest';
import { dendrogramLayout, segmentsAtHeight } from './dendrogram-layout';

describe('dendrogramLayout', () => {
	// 4 points: (0,1) at 1, (2,3) at 2, both at 5.
	const Z = new Float64Array([0, 1, 1, 2, 2, 3, 2, 2, 4, 5, 5, 4]);
	it('draws every merge of a small tree, leaves in depth-first order', () => {
		const l = dendrogramLayout(Z, 4, 30);
		expect(l.leaves.map((x) => x.size)).toEqual([1, 1, 1, 1]);
		expect(l.links).toHaveLength(3);
		expect(l.maxHeight).toBe(5);
		const top = l.links[l.links.length - 1];
		expect(top).toEqual({ x1: 0.5, x2: 2.5, y1: 1, y2: 2, h: 5, rep: 0 });
	});
	it('truncates to the last p − 1 merges with subtree sizes as leaves', () => {
		const l = dendrogramLayout(Z, 4, 2);
		expect(l.links).toHaveLength(1);
		expect(l.leaves.map((x) => x.size)).toEqual([2, 2]);
		expect(l.leaves.map((x) => x.rep)).toEqual([0, 2]);
	});
	it('numbers the segments under a cut as the engine does: largest first, ties by first row', () => {
		// 5 points: (0,1) at 1, (2,3) at 2, then 4 joins (2,3) at 3, all at 6. Cut at 2.5: {0,1}, {2,3}, {4}.
		const Z5 = new Float64Array([0, 1, 1, 2, 2, 3, 2, 2, 4, 6, 3, 3, 5, 7, 6, 5]);
		expect(Array.from(segmentsAtHeight(Z5, 5, 2.5))).toEqual([0, 0, 1, 1, 2]);
		// Cut at 4: {0,1} (2 rows) and {2,3,4} (3 rows): the larger is segment 1 (index 0).
		expect(Array.from(segmentsAtHeight(Z5, 5, 4))).toEqual([1, 1, 0, 0, 0]);
	});
});

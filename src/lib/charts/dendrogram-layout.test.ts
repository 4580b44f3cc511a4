import { describe, expect, it } from 'vitest';
import { dendrogramLayout } from './dendrogram-layout';

describe('dendrogramLayout', () => {
	// 4 points: (0,1) at 1, (2,3) at 2, both at 5.
	const Z = new Float64Array([0, 1, 1, 2, 2, 3, 2, 2, 4, 5, 5, 4]);
	it('draws every merge of a small tree, leaves in depth-first order', () => {
		const l = dendrogramLayout(Z, 4, 30);
		expect(l.leaves.map((x) => x.size)).toEqual([1, 1, 1, 1]);
		expect(l.links).toHaveLength(3);
		expect(l.maxHeight).toBe(5);
		const top = l.links[l.links.length - 1];
		expect(top).toEqual({ x1: 0.5, x2: 2.5, y1: 1, y2: 2, h: 5 });
	});
	it('truncates to the last p − 1 merges with subtree sizes as leaves', () => {
		const l = dendrogramLayout(Z, 4, 2);
		expect(l.links).toHaveLength(1);
		expect(l.leaves.map((x) => x.size)).toEqual([2, 2]);
	});
});

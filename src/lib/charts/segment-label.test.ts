import { describe, expect, it } from 'vitest';
import { segmentLabel, shortLabel } from './segment-label';

describe('segment labels', () => {
	it('number and name; "Segment n" without a name (or when the name is that already)', () => {
		expect(segmentLabel(['Frequent big spenders', ''], 0)).toBe('1. Frequent big spenders');
		expect(segmentLabel(['Frequent big spenders', ''], 1)).toBe('Segment 2');
		expect(segmentLabel(['Segment 1'], 0)).toBe('Segment 1');
		expect(segmentLabel(null, 4)).toBe('Segment 5');
	});
	it('cuts long names with an ellipsis, never beyond the limit', () => {
		expect(shortLabel(['Support-heavy disengaged customers'], 0, 20)).toBe('1. Support-heavy di…');
		expect(shortLabel(['Support-heavy disengaged customers'], 0, 20).length).toBe(20);
		expect(shortLabel(['Lapsed'], 0, 20)).toBe('1. Lapsed');
	});
});

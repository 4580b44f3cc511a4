import { describe, expect, it } from 'vitest';
import { dodge, overlaps } from './label-layout';

describe('dodge', () => {
	it('leaves labels that do not touch where they are', () => {
		expect(dodge([10, 40, 70], 12, 0, 100)).toEqual([10, 40, 70]);
	});
	it('moves touching labels apart by exactly the label size, keeping their order', () => {
		// Three labels wanted at 50, 52, 54: pushed down to 50, 62, 74.
		expect(dodge([52, 50, 54], 12, 0, 100)).toEqual([62, 50, 74]);
	});
	it('pulls a stack back up from the bottom limit', () => {
		// Wanted at 95, 96, 97 with room to 100: the last sits at 94, the others 12 px above each other.
		expect(dodge([95, 96, 97], 12, 0, 100)).toEqual([70, 82, 94]);
	});
	it('keeps labels inside the limits at the top', () => {
		expect(dodge([0, 1], 10, 0, 100)).toEqual([5, 15]);
	});
	it('spreads labels evenly when the room is too small, still in order and inside', () => {
		const at = dodge([50, 50, 50, 50, 50], 30, 0, 100);
		expect(at[0]).toBe(15);
		expect(at[4]).toBe(85);
		for (let i = 1; i < 5; i++) expect(at[i]).toBeGreaterThan(at[i - 1]);
	});
	it('handles none and one', () => {
		expect(dodge([], 10, 0, 100)).toEqual([]);
		expect(dodge([200], 10, 0, 100)).toEqual([95]);
	});
});

describe('overlaps', () => {
	it('is true for boxes sharing area and false for boxes that only touch', () => {
		expect(overlaps([0, 0, 10, 10], [5, 5, 10, 10])).toBe(true);
		expect(overlaps([0, 0, 10, 10], [10, 0, 10, 10])).toBe(false);
		expect(overlaps([0, 0, 10, 10], [0, 20, 10, 10])).toBe(false);
	});
});

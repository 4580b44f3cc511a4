import { describe, expect, it } from 'vitest';
import { kneedle } from './knee';

const x = Array.from({ length: 11 }, (_, i) => i);

describe('kneedle', () => {
	it('finds the elbow of a convex increasing curve (worked by hand: difference curve peaks at 4–5, drops below 0.3 at 7)', () => {
		expect(kneedle(x, [0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50], { curve: 'convex', direction: 'increasing' })).toBe(5);
	});
	it('finds the knee of a concave increasing curve', () => {
		expect(kneedle(x, [0, 10, 20, 30, 40, 50, 51, 52, 53, 54, 55], { curve: 'concave', direction: 'increasing' })).toBe(5);
	});
	it('finds the elbow of a convex decreasing curve (an inertia elbow)', () => {
		expect(kneedle(x, [100, 60, 30, 12, 10, 8, 6, 5, 4, 3, 2], { curve: 'convex', direction: 'decreasing' })).toBe(3);
	});
	it('finds the knee of a concave decreasing curve', () => {
		expect(kneedle(x, [55, 54, 53, 52, 51, 50, 40, 30, 20, 10, 0], { curve: 'concave', direction: 'decreasing' })).toBe(5);
	});
	it('returns null for a straight line, a flat line and too few points', () => {
		expect(kneedle(x, x.map((v) => 2 * v), { curve: 'convex', direction: 'increasing' })).toBeNull();
		expect(kneedle(x, x.map(() => 1), { curve: 'convex', direction: 'increasing' })).toBeNull();
		expect(kneedle([0, 1], [0, 1], { curve: 'convex', direction: 'increasing' })).toBeNull();
	});
	it('a high sensitivity waits for a sharper knee', () => {
		const y = [0, 1, 2, 3, 4, 5, 10, 20, 30, 40, 50];
		expect(kneedle(x, y, { curve: 'convex', direction: 'increasing', sensitivity: 100 })).toBeNull();
	});
});

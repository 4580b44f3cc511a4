import { afterEach, describe, expect, it } from 'vitest';
import { isShared, toShared } from './shared-matrix';

describe('shared matrix', () => {
	const g = globalThis as { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean };
	const saved = g.SharedArrayBuffer;
	afterEach(() => {
		g.SharedArrayBuffer = saved;
		delete g.crossOriginIsolated;
	});
	it('on a page that is not cross-origin isolated (no SharedArrayBuffer global) answers instead of throwing', () => {
		delete g.SharedArrayBuffer;
		const data = Float64Array.of(1, 2, 3);
		expect(isShared(data.buffer)).toBe(false);
		expect(toShared(data)).toBe(data);
	});
	it('when isolated, moves the matrix into shared memory once, with the same values', () => {
		g.crossOriginIsolated = true;
		const data = Float64Array.of(1.5, -2, 3e-300);
		const shared = toShared(data);
		expect(isShared(shared.buffer)).toBe(true);
		expect(Array.from(shared)).toEqual(Array.from(data));
		expect(toShared(shared)).toBe(shared);
		expect(isShared(data.buffer)).toBe(false);
	});
});

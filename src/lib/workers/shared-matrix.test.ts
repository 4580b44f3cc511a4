import { afterEach, describe, expect, it } from 'vitest';
import { isShared, sharedZeros, toShared } from './shared-matrix';
import { newMatrix, withMatrixMemory } from '../engine/prep/matrix-memory';

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
	it('prepares into shared memory only inside withMatrixMemory, and only when isolated', () => {
		expect(isShared(sharedZeros(4).buffer)).toBe(false);
		g.crossOriginIsolated = true;
		const m = withMatrixMemory(sharedZeros, () => newMatrix(6));
		expect(isShared(m.buffer)).toBe(true);
		expect(Array.from(m)).toEqual([0, 0, 0, 0, 0, 0]);
		expect(isShared(newMatrix(6).buffer)).toBe(false);
		expect(() => withMatrixMemory(sharedZeros, () => { throw new Error('x'); })).toThrow('x');
		expect(isShared(newMatrix(2).buffer)).toBe(false); // restored after a throw
	});
});

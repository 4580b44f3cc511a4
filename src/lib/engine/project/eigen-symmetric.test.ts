import { describe, expect, it } from 'vitest';
import { eigenSymmetric } from './eigen-symmetric';
import { Rng } from '../random';

function randomSymmetric(n: number, seed: number): Float64Array {
	const rng = new Rng(seed);
	const A = new Float64Array(n * n);
	for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rng.normal();
	return A;
}

describe('eigenSymmetric', () => {
	it('solves a 2 × 2 by hand: [[2,1],[1,2]] has 3 (1,1)/√2 and 1 (1,−1)/√2', () => {
		const { values, vectors } = eigenSymmetric(new Float64Array([2, 1, 1, 2]), 2);
		expect(values[0]).toBeCloseTo(3, 14);
		expect(values[1]).toBeCloseTo(1, 14);
		expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
		expect(vectors[0] * vectors[1]).toBeGreaterThan(0);
		expect(vectors[2] * vectors[3]).toBeLessThan(0);
	});

	it('handles diagonal, zero, 1 × 1 and repeated eigenvalues', () => {
		expect(Array.from(eigenSymmetric(new Float64Array([1, 0, 0, 0, 5, 0, 0, 0, 3]), 3).values)).toEqual([5, 3, 1]);
		expect(Array.from(eigenSymmetric(new Float64Array(4), 2).values)).toEqual([0, 0]);
		expect(Array.from(eigenSymmetric(new Float64Array([7]), 1).values)).toEqual([7]);
		const I = eigenSymmetric(new Float64Array([2, 0, 0, 0, 2, 0, 0, 0, 2]), 3);
		expect(Array.from(I.values)).toEqual([2, 2, 2]);
	});

	it.each([3, 8, 13, 40])('satisfies A v = λ v with orthonormal vectors (random %i × %i)', (n) => {
		const A = randomSymmetric(n, n);
		const { values, vectors } = eigenSymmetric(A, n);
		for (let r = 0; r < n; r++) {
			if (r > 0) expect(values[r]).toBeLessThanOrEqual(values[r - 1]);
			for (let i = 0; i < n; i++) {
				let av = 0;
				for (let j = 0; j < n; j++) av += A[i * n + j] * vectors[r * n + j];
				expect(Math.abs(av - values[r] * vectors[r * n + i])).toBeLessThan(1e-12 * n);
			}
			for (let q = 0; q <= r; q++) {
				let dot = 0;
				for (let j = 0; j < n; j++) dot += vectors[r * n + j] * vectors[q * n + j];
				expect(Math.abs(dot - (q === r ? 1 : 0))).toBeLessThan(1e-13 * n);
			}
		}
		let trace = 0;
		for (let i = 0; i < n; i++) trace += A[i * n + i];
		expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(trace, 10);
	});
});

import { describe, expect, it } from 'vitest';
import { centredPadded } from './kmeans-kernels';
import { LloydRun, scaledTolerance } from './kmeans-lloyd';
import { kmeansPlusPlus } from './kmeans-init';
import { Rng } from '../random';
import { loadCsv } from '../../../../tests/fixtures/sklearn/load';

/** Runs Lloyd with and without Hamerly's bounds and demands bit-identical states after every iteration. */
function compare(X: Float64Array, rows: number, cols: number, k: number, seed: number, from: number, tol = 1e-4) {
	const { data, stride, mean } = centredPadded(X, rows, cols);
	const start0 = kmeansPlusPlus(X, rows, cols, k, new Rng(seed));
	const start = new Float64Array(k * stride);
	for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) start[c * stride + j] = start0[c * cols + j] - mean[j];
	const t = scaledTolerance(data, rows, stride, cols, tol);
	const plain = new LloydRun(data, rows, stride, k, start, 300, t, null);
	const fast = new LloydRun(data, rows, stride, k, start, 300, t, from);
	while (!plain.done) {
		plain.step();
		fast.step();
		expect(fast.done).toBe(plain.done);
		expect(Array.from(fast.labels)).toEqual(Array.from(plain.labels));
		expect(Array.from(fast.centers)).toEqual(Array.from(plain.centers));
	}
	expect(fast.iteration).toBe(plain.iteration);
	return { iterations: plain.iteration, skipped: fast.skippedRows };
}

describe("Hamerly's bounds give exactly the plain kernel's results", () => {
	it.each([
		['blobs10k', 5, 0],
		['blobs10k', 12, 1],
		['wine', 6, 0],
		['iris', 4, 2]
	] as const)('%s, k = %i, bounds from iteration %i', (name, k, from) => {
		const d = loadCsv(name);
		const { iterations, skipped } = compare(d.X, d.rows, d.cols, k, 3, from, 0);
		expect(iterations).toBeGreaterThan(2);
		// The bounds must actually have skipped work, or this comparison proves nothing about them.
		expect(skipped).toBeGreaterThan(0);
	});

	it.each([1, 3, 4, 9, 17])('random data with %i columns, duplicates and near-ties', (cols) => {
		const rng = new Rng(100 + cols);
		const rows = 3001;
		const X = new Float64Array(rows * cols);
		// Integer grid values: many exact duplicates and exactly equidistant points.
		for (let i = 0; i < X.length; i++) X[i] = Math.floor(rng.next() * 5);
		const { skipped } = compare(X, rows, cols, 7, cols, 0, 0);
		expect(skipped).toBeGreaterThan(0);
	});
});

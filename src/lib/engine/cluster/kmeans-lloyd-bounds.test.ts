/**
 * Hamerly's bounds on the WebAssembly path (kmeans-lloyd-bounds.ts) change no bit of Lloyd's outcome: labels,
 * centres, inertia and iterations equal those of the plain kernel for k = 2..10, strides 4 and 8, several blocks,
 * data full of exact ties and duplicates; and a margin too small to cover the rounding (ε = 0) does change them on
 * data where rounding decides, so these comparisons can fail. (The team of threads: tests/unit/kmeans-team.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { kmeans, kmeansSteps, setKernelBounds, type KMeansOptions } from './kmeans';
import { BLOCK_ROWS } from './kmeans-blocks';
import { BOUND_MARGIN, setBoundMargin } from './kmeans-lloyd-bounds';
import { openArena } from './kmeans-wasm';
import { kmeansPlusPlus } from './kmeans-init';
import { Rng } from '../random';
import type { KMeansResult } from '../types';

const MARGIN = BOUND_MARGIN;
afterEach(() => {
	setKernelBounds(2);
	setBoundMargin(MARGIN);
});

/** Overlapping blobs on a coarse grid: many exact ties between centres and many duplicate rows. */
function gridBlobs(rows: number, cols: number, seed: number): Float64Array {
	const rng = new Rng(seed);
	return Float64Array.from({ length: rows * cols }, (_, i) => Math.round((rng.normal() + (Math.floor(i / cols) % 5) * ((i % cols) % 2 ? 1 : -1)) * 4) / 4);
}

/** Two groups a million apart on feature 0, tiny spread elsewhere: the kernel's expanded form rounds by ~1e-4 there. */
function farGroups(rows: number, cols: number, seed: number): Float64Array {
	const rng = new Rng(seed);
	const X = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) {
		X[i * cols] = (i % 2 ? 1e6 : -1e6) + rng.normal() * 1e-3;
		for (let j = 1; j < cols; j++) X[i * cols + j] = rng.normal() * 0.01;
	}
	return X;
}

/** The run with the plain kernel and with the bounds from iteration `from` (on any number of rows). */
function both(X: Float64Array, rows: number, cols: number, k: number, options: KMeansOptions, from = 1, share = 1) {
	setKernelBounds(null);
	const plain = kmeans(X, rows, cols, k, options, { seed: k, team: null });
	setKernelBounds(from, 0, share);
	const bounded = kmeans(X, rows, cols, k, options, { seed: k, team: null });
	return { plain, bounded };
}

function differing(a: KMeansResult, b: KMeansResult): number {
	let d = a.inertia === b.inertia && a.iterations === b.iterations ? 0 : 1;
	for (let i = 0; i < a.labels.length; i++) if (a.labels[i] !== b.labels[i]) d++;
	for (let i = 0; i < a.centers.length; i++) if (a.centers[i] !== b.centers[i]) d++;
	return d;
}

describe('k-means with Hamerly bounds in the WebAssembly kernel', () => {
	it('the bounded kernel labels, sums and counts rows as the assignment kernel does, with true bounds', () => {
		const rng = new Rng(4);
		for (const stride of [4, 8]) {
			for (const k of [2, 3, 5, 9, 17]) {
				const rows = 777;
				const arena = openArena(rows * stride * 8 + rows * 40 + k * stride * 64 + 4096)!;
				const X = arena.f64(rows * stride);
				X.set(Float64Array.from({ length: rows * stride }, () => Math.round(rng.normal() * 4) / 2));
				const C = arena.f64(k * stride);
				C.set(Float64Array.from({ length: k * stride }, () => Math.round(rng.normal() * 4) / 2));
				const prev = Int32Array.from({ length: rows }, () => rng.int(k));
				const [L1, L2] = [arena.i32(rows), arena.i32(rows)];
				L1.set(prev);
				L2.set(prev);
				const [s1, s2, c1, c2] = [arena.f64(k * stride), arena.f64(k * stride), arena.f64(k), arena.f64(k)];
				const upper = arena.f64(rows).fill(Infinity), lower = arena.f64(rows), P = arena.f64(3 * k + 2);
				const changed = arena.assign(X, rows, stride, C, k, L1, s1, c1, null);
				// changed + 65536 · touched: with fresh bounds (upper = ∞) every row is touched.
				expect(arena.bounds(X, rows, stride, C, k, L2, s2, c2, upper, lower, P, 1e-9)).toBe(changed + 65536 * rows);
				expect(Array.from(L2)).toEqual(Array.from(L1));
				expect(Array.from(s2)).toEqual(Array.from(s1));
				expect(Array.from(c2)).toEqual(Array.from(c1));
				for (let i = 0; i < rows; i++) {
					for (let c = 0; c < k; c++) {
						let d = 0;
						for (let j = 0; j < stride; j++) d += (X[i * stride + j] - C[c * stride + j]) ** 2;
						if (c === L2[i]) expect(Math.sqrt(d)).toBeLessThanOrEqual(upper[i]);
						else expect(Math.sqrt(d)).toBeGreaterThanOrEqual(lower[i]);
					}
				}
				arena.close();
			}
		}
	});

	it.each([3, 8])('gives the plain kernel\'s labels, centres, inertia and iterations for k = 2..10 on tied, duplicated data (%i features, several blocks)', (cols) => {
		const rows = 2 * BLOCK_ROWS + 1234;
		const X = gridBlobs(rows, cols, cols);
		for (let k = 2; k <= 10; k++) {
			const { plain, bounded } = both(X, rows, cols, k, { nInit: 1, maxIter: 40, tol: 0 });
			expect(plain.iterations).toBeGreaterThan(3);
			expect(differing(plain, bounded)).toBe(0);
		}
	});

	it('also from the first iteration, with converged runs (tol) and the final relabelling, and in the step-by-step form', () => {
		const rows = BLOCK_ROWS + 999, cols = 8;
		const X = gridBlobs(rows, cols, 21);
		for (const k of [2, 6, 10]) {
			const { plain, bounded } = both(X, rows, cols, k, { nInit: 2, maxIter: 300, tol: 1e-4 }, 1);
			expect(differing(plain, bounded)).toBe(0);
			// The default start: once at most 1% of the rows change cluster.
			const late = both(X, rows, cols, k, { nInit: 2, maxIter: 300, tol: 1e-4 }, 2, 0.01);
			expect(differing(late.plain, late.bounded)).toBe(0);
		}
		const init = kmeansPlusPlus(X, rows, cols, 7, new Rng(5));
		setKernelBounds(null);
		const plainSteps = [...kmeansSteps(X, rows, cols, 7, init, { maxIter: 30 })];
		setKernelBounds(1, 0, 1);
		const boundSteps = [...kmeansSteps(X, rows, cols, 7, init, { maxIter: 30 })];
		expect(boundSteps.length).toBe(plainSteps.length);
		boundSteps.forEach((s, i) => {
			expect(Array.from(s.labels)).toEqual(Array.from(plainSteps[i].labels));
			expect(Array.from(s.centers)).toEqual(Array.from(plainSteps[i].centers));
			expect(s.inertia).toBe(plainSteps[i].inertia);
		});
	});

	it('where rounding decides labels, the margin keeps them; without it (ε = 0) they change, so these comparisons can fail', () => {
		const rows = 70_000, cols = 4;
		const X = farGroups(rows, cols, 9);
		const options: KMeansOptions = { nInit: 1, maxIter: 100, tol: 0 };
		for (const k of [4, 6, 9]) {
			const { plain, bounded } = both(X, rows, cols, k, options);
			expect(differing(plain, bounded)).toBe(0);
		}
		setBoundMargin(0);
		let broken = 0;
		for (const k of [4, 6, 9]) {
			const { plain, bounded } = both(X, rows, cols, k, options);
			broken += differing(plain, bounded);
		}
		expect(broken).toBeGreaterThan(0);
	});
});

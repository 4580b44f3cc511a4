import { afterEach, describe, expect, it } from 'vitest';
import { openArena, setWasmEnabled } from './kmeans-wasm';
import { assignRows, squaredDistances } from './kmeans-kernels';
import { kmeans, kmeansSteps } from './kmeans';
import { kmeansPlusPlus } from './kmeans-init';
import { Rng } from '../random';
import { silhouetteSamples } from '../metrics/silhouette';

/** Values on a coarse grid, so that many rows are exactly tied between centres. */
function grid(n: number, rng: Rng): Float64Array {
	return Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4) / 2);
}

afterEach(() => setWasmEnabled(true));

describe('WebAssembly assignment kernel', () => {
	it('is available in this runtime (Node 20 has WebAssembly SIMD)', () => {
		const arena = openArena(1024);
		expect(arena).not.toBeNull();
		arena!.close();
	});

	// k = 1..17 covers the unrolled kernels (up to 8 pairs), an odd last pair and the looped kernel.
	it.each([4, 8] as const)('gives bit-identical labels, minima, sums, counts, changes and inertia to JavaScript (stride %i)', (stride) => {
		const rng = new Rng(stride);
		for (const k of [1, 2, 3, 5, 8, 9, 16, 17]) {
			for (const rows of [1, 2, 7, 501]) {
				const arena = openArena(rows * stride * 8 * 3 + rows * 8 + k * stride * 8 * 4)!;
				const X = arena.f64(rows * stride);
				X.set(grid(rows * stride, rng));
				const C = grid(k * stride, rng);
				const prev = Int32Array.from({ length: rows }, () => rng.int(k + 1) - 1);
				const js = { labels: prev.slice(), sums: new Float64Array(k * stride), counts: new Float64Array(k), best: new Float64Array(rows) };
				// X is in the arena, the outputs are not: the JavaScript path.
				const jsChanged = assignRows(X, rows, stride, C, k, js.labels, js.sums, js.counts, js.best);
				const labels = arena.i32(rows);
				labels.set(prev);
				const sums = arena.f64(k * stride), counts = arena.f64(k), best = arena.f64(rows);
				const changed = arena.assign(X, rows, stride, C, k, labels, sums, counts, best);
				expect(changed).toBe(jsChanged);
				expect(Array.from(labels)).toEqual(Array.from(js.labels));
				expect(Array.from(best)).toEqual(Array.from(js.best));
				expect(Array.from(sums)).toEqual(Array.from(js.sums));
				expect(Array.from(counts)).toEqual(Array.from(js.counts));
				const Ca = arena.f64(k * stride);
				Ca.set(C);
				const outJs = new Float64Array(rows), out = arena.f64(rows);
				expect(arena.inertia(X, rows, stride, Ca, labels, out)).toBe(squaredDistances(X, rows, stride, C, js.labels, outJs));
				expect(Array.from(out)).toEqual(Array.from(outJs));
				arena.close();
			}
		}
	});

	it('k-means gives the same result with and without WebAssembly (3, 8 and 12 features)', () => {
		const rng = new Rng(11);
		for (const cols of [3, 8, 12]) {
			const rows = 3000;
			const X = Float64Array.from({ length: rows * cols }, (_, i) => rng.normal() + ((i / cols) % 4) * 1.5);
			const init = kmeansPlusPlus(X, rows, cols, 6, new Rng(2));
			const run = () => kmeans(X, rows, cols, 6, { nInit: 3 }, { seed: 5 });
			const fromInit = () => kmeans(X, rows, cols, 6, { init, tol: 0, maxIter: 40 }, { seed: 0 });
			const a = run(), b = fromInit();
			const steps = [...kmeansSteps(X, rows, cols, 6, init, { tol: 0, maxIter: 40 })];
			setWasmEnabled(false);
			const c = run(), d = fromInit();
			setWasmEnabled(true);
			expect(Array.from(a.labels)).toEqual(Array.from(c.labels));
			expect(a.inertia).toBe(c.inertia);
			expect(Array.from(a.centers)).toEqual(Array.from(c.centers));
			expect([a.iterations, a.bestRestart]).toEqual([c.iterations, c.bestRestart]);
			expect(Array.from(b.labels)).toEqual(Array.from(d.labels));
			expect(b.inertia).toBe(d.inertia);
			expect(b.iterations).toBe(d.iterations);
			expect(steps.at(-1)!.inertia).toBe(b.inertia);
		}
	});

	it('k-means++ picks the same centres with and without WebAssembly (1 to 9 local trials, odd and even rows)', () => {
		const rng = new Rng(21);
		for (const rows of [2001, 2000]) {
			const X = Float64Array.from({ length: rows * 8 }, (_, i) => Math.round((rng.normal() + ((i >> 3) % 5)) * 8) / 8);
			for (const [k, trials] of [[2, undefined], [5, undefined], [10, undefined], [6, 1], [6, 7], [6, 9]] as const) {
				const a = kmeansPlusPlus(X, rows, 8, k, new Rng(k), trials);
				setWasmEnabled(false);
				const b = kmeansPlusPlus(X, rows, 8, k, new Rng(k), trials);
				setWasmEnabled(true);
				expect(Array.from(a)).toEqual(Array.from(b));
			}
		}
	});

	it('the silhouette is bit-identical with and without WebAssembly (5 and 8 features, odd blocks, a singleton cluster)', () => {
		const rng = new Rng(31);
		for (const cols of [5, 8]) {
			const rows = 777;
			const X = Float64Array.from({ length: rows * cols }, () => Math.round(rng.normal() * 6) / 3);
			const labels = Int32Array.from({ length: rows }, (_, i) => (i === 5 ? 6 : i % 6));
			labels[100] = -1;
			const a = silhouetteSamples(X, rows, cols, labels, 7);
			setWasmEnabled(false);
			const b = silhouetteSamples(X, rows, cols, labels, 7);
			setWasmEnabled(true);
			expect(Array.from(a)).toEqual(Array.from(b));
		}
	});

	it('an arena refuses allocations beyond what it planned', () => {
		const arena = openArena(64)!;
		expect(() => arena.f64(1_000_000)).toThrow(/beyond the planned/);
		arena.close();
	});
});

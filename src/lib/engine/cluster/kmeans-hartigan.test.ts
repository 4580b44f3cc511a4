import { describe, expect, it } from 'vitest';
import { kmeans } from './kmeans';
import { hartiganRefine } from './kmeans-hartigan';
import { Rng } from '../random';
import { hartiganBounds } from './kmeans-hartigan-bounds';
import { openArena } from './kmeans-wasm';

describe('hartiganRefine (Hartigan–Wong single-row moves)', () => {
	it('moves a row Lloyd keeps (worked by hand)', () => {
		// {0, 4} (mean 2) and {6, 7, 8} (mean 7): 4 is nearer its own mean (2 vs 3), so Lloyd stops; but removing it
		// saves 2/1 · 4 = 8 and adding it to the other costs 3/4 · 9 = 6.75, so the sum of squares falls 10 → 8.75.
		const X = new Float64Array([0, 4, 6, 7, 8]);
		const labels = new Int32Array([0, 0, 1, 1, 1]);
		const r = hartiganRefine(X, 5, 1, 1, 2, labels);
		expect(Array.from(labels)).toEqual([0, 1, 1, 1, 1]);
		expect(r.inertia).toBeCloseTo(8.75, 12);
		expect(r.moves).toBe(1);
		expect(Array.from(r.centers)).toEqual([0, 6.25]);
	});

	it('ends where no single move lowers the sum of squares, below or at Lloyd, on random data', () => {
		const rng = new Rng(3);
		const rows = 400, cols = 3, k = 7;
		const X = Float64Array.from({ length: rows * cols }, () => rng.next() * 10);
		const lloyd = kmeans(X, rows, cols, k, { nInit: 1 }, { seed: 1 });
		const labels = lloyd.labels.slice();
		const r = hartiganRefine(X, rows, cols, cols, k, labels);
		expect(r.inertia).toBeLessThanOrEqual(lloyd.inertia + 1e-9);
		const refined = kmeans(X, rows, cols, k, { nInit: 1, refine: 'hartigan' }, { seed: 1 });
		expect(refined.inertia).toBeCloseTo(r.inertia, 9);
		const counts = new Float64Array(k);
		for (const l of labels) counts[l]++;
		const d2 = (i: number, c: number) => {
			let s = 0;
			for (let j = 0; j < cols; j++) s += (X[i * cols + j] - r.centers[c * cols + j]) ** 2;
			return s;
		};
		let total = 0;
		for (let i = 0; i < rows; i++) {
			const a = labels[i];
			total += d2(i, a);
			if (counts[a] <= 1) continue;
			const remove = (counts[a] / (counts[a] - 1)) * d2(i, a);
			for (let b = 0; b < k; b++) if (b !== a) expect((counts[b] / (counts[b] + 1)) * d2(i, b)).toBeGreaterThanOrEqual(remove * (1 - 1e-9));
		}
		expect(total).toBeCloseTo(r.inertia, 9);
	});

	it('the WebAssembly bounds kernel gives the JavaScript bounds bit for bit (8 features, k = 1..16, tied values, small and empty segments)', () => {
		const rng = new Rng(3);
		const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));
		for (const k of [1, 2, 3, 7, 10, 16]) {
			const n = 999;
			const arena = openArena(n * 200 + 100_000)!;
			const X = arena.f64(n * 8);
			X.set(Float64Array.from({ length: n * 8 }, () => Math.round(rng.normal() * 4) / 2));
			const C = arena.f64(k * 8);
			C.set(Float64Array.from({ length: k * 8 }, () => Math.round(rng.normal() * 4) / 2));
			const counts = arena.f64(k);
			counts.set(Float64Array.from({ length: k }, () => (rng.next() < 0.2 ? rng.int(3) : 2 + rng.int(100))));
			const labels = arena.i32(n);
			labels.set(Int32Array.from({ length: n }, () => rng.int(k)));
			// Everything in the arena: the kernel; the outputs outside it: JavaScript.
			const [u1, l1, s1] = [arena.f64(n), arena.f64(n), arena.f64(n)];
			hartiganBounds(X, n, 8, 8, k, C, counts, labels, u1, l1, s1);
			const [u2, l2, s2] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
			hartiganBounds(X, n, 8, 8, k, C, counts, labels, u2, l2, s2);
			expect(same(u1, u2) && same(l1, l2) && same(s1, s2)).toBe(true);
			expect(l1.some((v) => v > 0 && Number.isFinite(v))).toBe(k > 1);
			arena.close();
		}
	});
});

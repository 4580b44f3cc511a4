import { describe, expect, it } from 'vitest';
import { kmeans } from './kmeans';
import { hartiganRefine } from './kmeans-hartigan';
import { Rng } from '../random';

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
});

/** The written-out k-means++ distance loops add the squares in the general loop's order: bit for bit its values. */
import { describe, expect, it } from 'vitest';
import { distancesToRow } from './kmeans-init-distances';

function general(X: Float64Array, rows: number, cols: number, row: number, prev: Float64Array | null, out: Float64Array): number {
	let total = 0;
	for (let i = 0; i < rows; i++) {
		let s = 0;
		for (let j = 0; j < cols; j++) s += (X[i * cols + j] - X[row * cols + j]) ** 2;
		if (prev !== null && prev[i] < s) s = prev[i];
		out[i] = s;
		total += s;
	}
	return total;
}

describe('distancesToRow', () => {
	for (const cols of [1, 2, 3, 4, 5, 6, 7, 9, 13]) {
		it(`${cols} feature(s): the same bits as the general loop, with and without previous minima`, () => {
			const rows = 37;
			let seed = cols;
			const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 1e3 - 500;
			const X = Float64Array.from({ length: rows * cols }, rnd);
			const prev = Float64Array.from({ length: rows }, () => Math.abs(rnd()) * 200);
			for (const p of [null, prev]) {
				const a = new Float64Array(rows), b = new Float64Array(rows);
				const ta = distancesToRow(X, rows, cols, 5, p, a);
				const tb = general(X, rows, cols, 5, p, b);
				expect(Array.from(a)).toEqual(Array.from(b));
				expect(ta).toBe(tb);
				expect(a[5]).toBe(p === null ? 0 : Math.min(0, prev[5]));
			}
		});
	}
});

describe('k-means++ on large data (lean path) chooses what the buffered path chooses', () => {
	for (const cols of [1, 3, 7, 8, 11]) {
		it(`${cols} feature(s), k = 2..9: the same centres bit for bit`, async () => {
			const { kmeansPlusPlus } = await import('./kmeans-init');
			const { Rng } = await import('../random');
			const rows = 3000;
			let seed = 99 + cols;
			const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 10;
			// Some repeated rows, so equal potentials and ties in the running sum occur.
			const X = Float64Array.from({ length: rows * cols }, (_, i) => (Math.floor(i / cols) % 7 === 0 ? 1 : rnd()));
			for (let k = 2; k <= 9; k++) {
				const a = kmeansPlusPlus(X, rows, cols, k, new Rng(k), undefined, { lean: false });
				const b = kmeansPlusPlus(X, rows, cols, k, new Rng(k), undefined, { lean: true });
				expect(Array.from(b)).toEqual(Array.from(a));
			}
		});
	}
});

describe('k-means++ from a table of row-to-row distances (small data, many starts)', () => {
	for (const cols of [2, 5, 7, 9]) {
		it(`${cols} features: the same centres as computing each distance`, async () => {
			const { kmeansPlusPlus } = await import('./kmeans-init');
			const { pairwiseToRows } = await import('./kmeans-init-distances');
			const { Rng } = await import('../random');
			const rows = 150;
			let seed = 7 + cols;
			const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 4 - 2;
			const X = Float64Array.from({ length: rows * cols }, rnd);
			const pairwise = pairwiseToRows(X, rows, cols);
			for (let k = 2; k <= 10; k++) {
				for (let r = 0; r < 5; r++) {
					const a = kmeansPlusPlus(X, rows, cols, k, new Rng(100 * k + r));
					const b = kmeansPlusPlus(X, rows, cols, k, new Rng(100 * k + r), undefined, { pairwise });
					expect(Array.from(b)).toEqual(Array.from(a));
				}
			}
		});
	}
});

import { describe, expect, it } from 'vitest';
import { loadDigits, loadDigitsEmbedding, tsneReference } from '../../../../tests/fixtures/sklearn/load-digits';
import { Rng } from '../random';
import { QuadTree, repulsion } from './bh-quadtree';
import { stratifiedSample } from './stratified-sample';
import { conditionalP, jointP } from './tsne-affinities';
import { tsne, tsneSteps } from './tsne';
import { trustworthiness } from './trustworthiness';
import { knnGraph } from './vp-tree';

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
	const rng = new Rng(seed);
	return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

describe('vp-tree k nearest neighbours', () => {
	it('matches brute force (distances exactly, indices up to ties) and never lists the row itself', () => {
		const rows = 700, cols = 5, k = 12;
		const X = randomMatrix(rows, cols, 3);
		// Duplicate rows: the tree must still find them at distance 0.
		X.copyWithin(10 * cols, 20 * cols, 21 * cols);
		const g = knnGraph(X, rows, cols, k, new Rng(1));
		for (let i = 0; i < rows; i++) {
			const d = Array.from({ length: rows }, (_, j) => {
				let s = 0;
				for (let c = 0; c < cols; c++) s += (X[i * cols + c] - X[j * cols + c]) ** 2;
				return { j, s: Math.sqrt(s) ** 2 };
			}).filter((e) => e.j !== i).sort((a, b) => a.s - b.s);
			for (let t = 0; t < k; t++) {
				expect(g.distances2[i * k + t]).toBeCloseTo(d[t].s, 10);
				expect(g.indices[i * k + t]).not.toBe(i);
			}
		}
		expect(g.distances2[10 * k]).toBe(0);
		expect(g.indices[10 * k]).toBe(20);
	});

	it('caps k at rows − 1', () => {
		const g = knnGraph(new Float64Array([0, 1, 3]), 3, 1, 10, new Rng(0));
		expect(g.k).toBe(2);
		expect(Array.from(g.indices)).toEqual([1, 2, 0, 2, 1, 0]);
	});
});

describe('t-SNE affinities (sklearn _binary_search_perplexity, _joint_probabilities_nn)', () => {
	it('calibrates each row to the requested perplexity and symmetrises to a distribution', () => {
		const rows = 300, cols = 4, perplexity = 10;
		const X = randomMatrix(rows, cols, 5);
		const g = knnGraph(X, rows, cols, 31, new Rng(0));
		const cond = conditionalP(g, rows, perplexity);
		for (let i = 0; i < rows; i += 37) {
			let h = 0, sum = 0;
			for (let t = 0; t < g.k; t++) {
				const p = cond[i * g.k + t];
				sum += p;
				if (p > 0) h -= p * Math.log(p);
			}
			expect(sum).toBeCloseTo(1, 12);
			expect(Math.abs(h - Math.log(perplexity))).toBeLessThan(1e-5);
		}
		const P = jointP(g, rows, perplexity);
		let total = 0;
		const at = (i: number, j: number) => {
			for (let s = P.indptr[i]; s < P.indptr[i + 1]; s++) if (P.cols[s] === j) return P.values[s];
			return 0;
		};
		for (const v of P.values) total += v;
		expect(total).toBeCloseTo(1, 12);
		for (let i = 0; i < rows; i += 13) for (let s = P.indptr[i]; s < P.indptr[i + 1]; s++) expect(at(P.cols[s], i)).toBe(P.values[s]);
	});
});

describe('Barnes–Hut repulsion', () => {
	it('equals the exact O(n²) sum at θ = 0 and stays within a few per cent at θ = 0.5', () => {
		const n = 400;
		const Y = randomMatrix(n, 2, 9).map((v) => v * 5);
		Y[2] = Y[0];
		Y[3] = Y[1]; // a coincident pair
		const exact = new Float64Array(2 * n);
		let Z = 0;
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < n; j++) {
				if (i === j) continue;
				const dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
				const q = 1 / (1 + dx * dx + dy * dy);
				Z += q;
				exact[2 * i] += q * q * dx;
				exact[2 * i + 1] += q * q * dy;
			}
		}
		const tree = new QuadTree(n);
		tree.build(Y, n);
		const neg = new Float64Array(2 * n);
		expect(repulsion(tree, 0, 0, n, neg)).toBeCloseTo(Z, 8);
		neg.forEach((v, t) => expect(v).toBeCloseTo(exact[t], 10));
		const approx = repulsion(tree, 0.5, 0, n, neg);
		expect(Math.abs(approx - Z) / Z).toBeLessThan(0.01);
	});
});

describe('trustworthiness (sklearn.manifold.trustworthiness)', () => {
	it('equals sklearn on a fixed embedding of digits (k = 10 and 5)', () => {
		const { X, rows, cols } = loadDigits();
		const E = loadDigitsEmbedding();
		// sklearn's argsort orders tied input distances arbitrarily; digits (integer pixels) has ties, hence 1e-5.
		expect(Math.abs(trustworthiness(X, E, rows, cols, 2, 10) - tsneReference.fixedEmbeddingTrustworthiness)).toBeLessThan(1e-5);
		expect(Math.abs(trustworthiness(X, E, rows, cols, 2, 5) - tsneReference.fixedEmbeddingTrustworthinessK5)).toBeLessThan(1e-5);
	});

	it('is 1 for an embedding that is the data', () => {
		const X = randomMatrix(60, 2, 1);
		expect(trustworthiness(X, X, 60, 2, 2, 5)).toBe(1);
	});
});

describe('t-SNE on scikit-learn digits (1,797 × 64, perplexity 30)', () => {
	it('reaches at least 0.99 × the trustworthiness of sklearn TSNE, deterministically per seed', () => {
		const { X, rows, cols } = loadDigits();
		const Y = tsne(X, rows, cols, { perplexity: tsneReference.perplexity }, { seed: 0 });
		const tw = trustworthiness(X, Y, rows, cols, 2, 10);
		const sk = tsneReference.tsne[0].trustworthiness;
		console.log(`digits t-SNE trustworthiness (k = 10): ours ${tw.toFixed(5)}, sklearn ${sk.toFixed(5)}, ratio ${(tw / sk).toFixed(4)}`);
		expect(tw).toBeGreaterThanOrEqual(0.99 * sk);
	}, 120_000);
});

describe('t-SNE step form', () => {
	it('yields the start, then every iteration; same seed gives identical positions', () => {
		const X = randomMatrix(200, 3, 2);
		const run = () => {
			const frames: number[] = [];
			const gen = tsneSteps(X, 200, 3, { perplexity: 10, nIter: 300 }, { seed: 4 });
			let r = gen.next();
			while (!r.done) {
				frames.push(r.value.iteration);
				r = gen.next();
			}
			return { frames, Y: r.value };
		};
		const a = run(), b = run();
		expect(a.frames.slice(0, 3)).toEqual([0, 1, 2]);
		expect(a.frames.at(-1)).toBe(300);
		expect(Array.from(a.Y)).toEqual(Array.from(b.Y));
		expect(a.Y.every(Number.isFinite)).toBe(true);
	});

	it('rejects a perplexity not below the row count', () => {
		expect(() => tsne(new Float64Array(20), 10, 2, { perplexity: 10 }, { seed: 0 })).toThrowError(/Perplexity/);
	});
});

describe('stratified sample', () => {
	it('keeps each segment its share (and every segment at least one row), in increasing order', () => {
		const labels = new Int32Array(10_000);
		for (let i = 0; i < 10_000; i++) labels[i] = i < 7000 ? 0 : i < 9990 ? 1 : 2;
		const s = stratifiedSample(labels, 10_000, 1000, new Rng(0));
		expect(s.length).toBe(1000);
		const count = [0, 0, 0];
		s.forEach((i) => count[labels[i]]++);
		expect(count[0]).toBe(700);
		expect(count[2]).toBeGreaterThanOrEqual(1);
		for (let t = 1; t < s.length; t++) expect(s[t]).toBeGreaterThan(s[t - 1]);
	});
});

import { describe, expect, it } from 'vitest';
import { kmeans } from '../cluster/kmeans';
import { Rng } from '../random';
import { bestJaccard, stability, stabilityLabel, type ClusterLabels } from './stability';

const km: ClusterLabels = (Z, rows, cols, k, seed) => kmeans(Z, rows, cols, k, { nInit: 3 }, { seed }).labels;

function blobs(n: number, centres: number[][], sd: number, seed: number) {
	const rng = new Rng(seed);
	const cols = centres[0].length;
	const X = new Float64Array(n * cols);
	const truth = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const c = i % centres.length;
		truth[i] = c;
		for (let j = 0; j < cols; j++) X[i * cols + j] = centres[c][j] + sd * rng.normal();
	}
	return { X, truth, cols };
}

describe('stability (Hennig clusterboot)', () => {
	it('Jaccard by hand: best match per cluster, NaN when absent', () => {
		// a: {0,1,2} {3,4}; b: {0,1} {2,3,4} → cluster 0: max(2/3, 1/5) ; cluster 1: max(0, 2/3)
		const j = bestJaccard(Int32Array.from([0, 0, 0, 1, 1]), Int32Array.from([0, 0, 1, 1, 1]), 3);
		expect(j[0]).toBeCloseTo(2 / 3, 15);
		expect(j[1]).toBeCloseTo(2 / 3, 15);
		expect(Number.isNaN(j[2])).toBe(true);
	});
	it('labels by the thresholds 0.75 and 0.6', () => {
		expect([0.9, 0.75, 0.7, 0.6, 0.59].map(stabilityLabel)).toEqual(['stable', 'stable', 'doubtful', 'doubtful', 'dissolving']);
	});
	it('finds well-separated blobs stable and is deterministic', () => {
		const { X, truth, cols } = blobs(300, [[0, 0], [10, 0], [0, 10]], 1, 3);
		const full = kmeans(X, 300, cols, 3, { nInit: 3 }, { seed: 1 }).labels;
		const a = stability(X, 300, cols, full, 3, { B: 10, scheme: 'bootstrap', seed: 4 }, km);
		const b = stability(X, 300, cols, full, 3, { B: 10, scheme: 'bootstrap', seed: 4 }, km);
		expect(a).toEqual(b);
		expect(a.ari.length).toBe(10);
		expect(a.meanAri).toBeGreaterThan(0.95);
		expect(a.labels).toEqual(['stable', 'stable', 'stable']);
		expect(truth.length).toBe(300);
	});
	it('flags splits of structureless data as less stable than real clusters', () => {
		const rng = new Rng(9);
		const U = Float64Array.from({ length: 600 }, () => rng.next());
		const full = kmeans(U, 300, 2, 7, { nInit: 3 }, { seed: 1 }).labels;
		const s = stability(U, 300, 2, full, 7, { B: 10, scheme: 'subsample', fraction: 0.5, seed: 2 }, km);
		expect(s.meanAri).toBeLessThan(0.9);
		expect(Math.min(...s.jaccard)).toBeLessThan(0.75);
	});
	it('rejects B < 1 and resamples too small for k', () => {
		const X = new Float64Array([0, 1, 2, 3]);
		expect(() => stability(X, 4, 1, Int32Array.from([0, 0, 1, 1]), 2, { B: 0, scheme: 'bootstrap', seed: 1 }, km)).toThrow(/B ≥ 1/);
		expect(() => stability(X, 4, 1, Int32Array.from([0, 0, 1, 1]), 2, { B: 2, scheme: 'subsample', fraction: 0.5, seed: 1 }, km)).toThrow(/cannot hold/);
	});
});

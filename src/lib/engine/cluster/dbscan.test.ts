import { describe, expect, it } from 'vitest';
import { dbscan, dbscanSteps } from './dbscan';
import { kDistance, suggestEps } from './k-distance';
import { KDTree } from './kdtree';
import { kthNearestDist2 } from './kdtree-knn';
import { EngineError } from '../errors';
import { Rng } from '../random';
import { loadData, scipyReference } from '../../../../tests/fixtures/scipy/load';

describe('dbscan: hand-worked cases', () => {
	// 0, 1, 2 dense; 3.5 a border of 2 only; 10, 10.5, 11 a second group; 20 alone.
	const X = new Float64Array([0, 1, 2, 3.5, 10, 10.5, 11, 20]);
	it('counts the point itself in minPts and includes distance = eps', () => {
		const r = dbscan(X, 8, 1, 1.5, 3);
		// Neighbourhoods (≤ 1.5): 0:{0,1} 1:{0,1,2} 2:{1,2,3} 3:{2,3} 10:{3 pts} 10.5:{3} 11:{3} 20:{1}.
		expect(Array.from(r.core)).toEqual([0, 1, 1, 0, 1, 1, 1, 0]);
		expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, -1]);
		expect(r).toMatchObject({ nClusters: 2, noise: 1 });
		// eps exactly 1: point 3.5 is 1.5 from 2, out; 0 has {0,1}, not core with minPts 3.
		expect(Array.from(dbscan(X, 8, 1, 1, 3).labels)).toEqual([0, 0, 0, -1, 1, 1, 1, -1]);
	});
	it('gives a border point to the lowest-numbered cluster that reaches it', () => {
		// Row 0 (at 1) is exactly eps = 1 from the cores at 2 (row 1) and 0 (row 4) and has 3 < 4 points itself.
		const Y = new Float64Array([1, 2, 2.1, 2.2, 0, -0.1, -0.2]);
		const r = dbscan(Y, 7, 1, 1, 4);
		expect(Array.from(r.core)).toEqual([0, 1, 0, 0, 1, 0, 0]);
		// Cluster 0 starts at row 1 and reaches row 0 first; cluster 1 starts at row 4.
		expect(Array.from(r.labels)).toEqual([0, 0, 0, 0, 1, 1, 1]);
	});
	it('minPts = 1 makes every point core; minPts > rows makes everything noise', () => {
		expect(Array.from(dbscan(X, 8, 1, 0.6, 1).labels)).toEqual([0, 1, 2, 3, 4, 4, 4, 5]);
		const r = dbscan(X, 8, 1, 100, 9);
		expect(r).toMatchObject({ nClusters: 0, noise: 8 });
		expect(Array.from(r.labels).every((l) => l === -1)).toBe(true);
	});
	it('duplicate points and a constant column', () => {
		const D = new Float64Array([1, 7, 1, 7, 1, 7, 5, 7]);
		const r = dbscan(D, 4, 2, 0.5, 3);
		expect(Array.from(r.labels)).toEqual([0, 0, 0, -1]);
		expect(Array.from(r.core)).toEqual([1, 1, 1, 0]);
	});
	it('rejects bad parameters with a hint', () => {
		expect(() => dbscan(X, 8, 1, 0, 3)).toThrow(EngineError);
		expect(() => dbscan(X, 8, 1, 1, 0)).toThrow(/minPts/);
		expect(() => dbscan(new Float64Array([NaN]), 1, 1, 1, 1)).toThrow(/finite/);
	});
	it('the step form expands one core point per step and ends with the same labels', () => {
		const steps = [...dbscanSteps(X, 8, 1, 1.5, 3)];
		expect(steps.length).toBe(5);
		expect(steps[0]).toMatchObject({ point: 1, cluster: 0, added: 2 });
		expect(steps.reduce((s, t) => s + t.added, 0)).toBe(5);
		expect(Array.from(steps[4].labels)).toEqual(Array.from(dbscan(X, 8, 1, 1.5, 3).labels));
	});
});

describe('dbscan: identical to scikit-learn', () => {
	for (const ds of ['iris', 'wine', 'moons'] as const) {
		const { X, rows, cols } = loadData(ds);
		for (const ref of scipyReference.dbscan[ds]) {
			it(`${ds} eps = ${ref.eps}, min_samples = ${ref.minSamples}: same labels and core points`, () => {
				const r = dbscan(X, rows, cols, ref.eps, ref.minSamples);
				expect(Array.from(r.labels)).toEqual(ref.labels);
				const core = [];
				for (let i = 0; i < rows; i++) if (r.core[i]) core.push(i);
				expect(core).toEqual(ref.core);
			});
		}
	}
});

describe('k-d tree and k-distance', () => {
	it('matches brute force on random data (counts, lists, k-th neighbour)', () => {
		const rng = new Rng(5);
		const n = 700;
		const d = 3;
		const X = new Float64Array(n * d).map(() => Math.round(rng.normal() * 4) / 4);
		const t = new KDTree(X, n, d, 8);
		const out = { buf: new Int32Array(4) };
		for (let q = 0; q < n; q += 37) {
			const d2 = Array.from({ length: n }, (_, i) => {
				let s = 0;
				for (let f = 0; f < d; f++) s += (X[q * d + f] - X[i * d + f]) ** 2;
				return s;
			});
			const r2 = 0.5;
			const brute = d2.filter((v) => v <= r2).length;
			expect(t.countWithin(X, q * d, r2)).toBe(brute);
			const m = t.within(X, q * d, r2, out);
			expect(Array.from(out.buf.subarray(0, m), (p) => t.index[p]).sort((a, b) => a - b)).toEqual(
				d2.map((v, i) => (v <= r2 ? i : -1)).filter((i) => i >= 0));
			const sorted = d2.slice().sort((a, b) => a - b);
			expect(kthNearestDist2(t, X, q * d, 6, new Float64Array(6))).toBe(sorted[5]);
		}
	});
	it('counts the point itself, as sklearn NearestNeighbors.kneighbors(X) does', () => {
		const kd = kDistance(new Float64Array([0, 1, 3]), 3, 1, 2);
		expect(Array.from(kd)).toEqual([1, 1, 2]);
		expect(Array.from(kDistance(new Float64Array([0, 1, 3]), 3, 1, 1))).toEqual([0, 0, 0]);
		expect(() => kDistance(new Float64Array([0]), 1, 1, 2)).toThrow(EngineError);
	});
	for (const ds of ['iris', 'moons'] as const) {
		it(`${ds}: sorted k-distances equal sklearn's`, () => {
			const { X, rows, cols } = loadData(ds);
			const ref = scipyReference.kdistance[ds];
			const kd = kDistance(X, rows, cols, ref.k);
			for (let i = 0; i < rows; i++) expect(Math.abs(kd[i] - ref.sorted[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, ref.sorted[i]));
		});
	}
	it('suggests an eps at the knee that separates the moons from noise', () => {
		const { X, rows, cols } = loadData('moons');
		const eps = suggestEps(kDistance(X, rows, cols, 4));
		expect(eps).toBeGreaterThan(0.05);
		expect(eps).toBeLessThan(0.3);
		const r = dbscan(X, rows, cols, eps, 4);
		expect(r.nClusters).toBeGreaterThanOrEqual(2);
		expect(r.noise / rows).toBeLessThan(0.1);
		expect(suggestEps(new Float64Array([2, 2, 2]))).toBe(2);
	});
});

import { describe, expect, it } from 'vitest';
import { linkage, cutTree, cutAtHeight, type Linkage } from './hierarchical';
import { EngineError } from '../errors';
import { loadData, scipyReference } from '../../../../tests/fixtures/scipy/load';

const methods: Linkage[] = ['ward', 'complete', 'average', 'single'];

/** Same partition up to relabelling (ARI = 1 ⇔ a bijection between the labels). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
	if (a.length !== b.length) return false;
	const ab = new Map<number, number>();
	const ba = new Map<number, number>();
	for (let i = 0; i < a.length; i++) {
		if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
		ab.set(a[i], b[i]);
		ba.set(b[i], a[i]);
	}
	return true;
}

describe('linkage: hand-worked cases', () => {
	// Points 0, 1, 3, 7 on a line.
	const X = new Float64Array([0, 1, 3, 7]);
	it('single: MST edges 1, 2, 4 sorted, ids n + i', () => {
		expect(Array.from(linkage(X, 4, 1, 'single'))).toEqual([0, 1, 1, 2, 2, 4, 2, 3, 3, 5, 4, 4]);
	});
	it('complete: {0,1} at 1, then {0,1,3} at 3, then 7', () => {
		expect(Array.from(linkage(X, 4, 1, 'complete'))).toEqual([0, 1, 1, 2, 2, 4, 3, 3, 3, 5, 7, 4]);
	});
	it('average: 1, (3 + 2)/2 = 2.5, (7 + 6 + 4)/3', () => {
		const Z = linkage(X, 4, 1, 'average');
		expect(Array.from(Z.subarray(0, 8))).toEqual([0, 1, 1, 2, 2, 4, 2.5, 3]);
		expect(Z[10]).toBeCloseTo(17 / 3, 14);
	});
	it('ward: heights sqrt(2·|A||B|/(|A|+|B|))·gap of centroids', () => {
		const Z = linkage(X, 4, 1, 'ward');
		expect(Z[2]).toBe(1);
		// {0,1} (centroid 0.5) with {3}: sqrt(2·2·1/3)·2.5
		expect(Z[6]).toBeCloseTo(Math.sqrt(4 / 3) * 2.5, 14);
		// {0,1,3} (centroid 4/3) with {7}: sqrt(2·3/4)·(17/3)
		expect(Z[10]).toBeCloseTo(Math.sqrt(6 / 4) * (17 / 3), 14);
	});
	it('cuts into k clusters and at a height', () => {
		const Z = linkage(X, 4, 1, 'single');
		expect(Array.from(cutTree(Z, 4, 1))).toEqual([0, 0, 0, 0]);
		expect(Array.from(cutTree(Z, 4, 2))).toEqual([0, 0, 0, 1]);
		expect(Array.from(cutTree(Z, 4, 3))).toEqual([0, 0, 1, 2]);
		expect(Array.from(cutTree(Z, 4, 9))).toEqual([0, 1, 2, 3]);
		expect(Array.from(cutAtHeight(Z, 4, 2))).toEqual([0, 0, 0, 1]);
		expect(Array.from(cutAtHeight(Z, 4, 1.5))).toEqual([0, 0, 1, 2]);
		expect(Array.from(cutAtHeight(Z, 4, 0))).toEqual([0, 1, 2, 3]);
	});
});

describe('linkage: edge cases', () => {
	it('one row gives an empty matrix and one cluster', () => {
		const Z = linkage(new Float64Array([1, 2]), 1, 2, 'ward');
		expect(Z.length).toBe(0);
		expect(Array.from(cutTree(Z, 1, 3))).toEqual([0]);
	});
	it('duplicate points merge at height 0 first', () => {
		const X = new Float64Array([5, 5, 0, 0, 5, 5, 0, 0]);
		for (const m of methods) {
			const Z = linkage(X, 4, 2, m);
			expect(Z[2]).toBe(0);
			expect(Z[6]).toBe(0);
			expect(Array.from(cutTree(Z, 4, 2))).toEqual([0, 1, 0, 1]);
		}
	});
	it('a constant column changes nothing; all-identical rows give all-zero heights', () => {
		const X = new Float64Array([0, 3, 1, 3, 3, 3, 7, 3]);
		expect(Array.from(linkage(X, 4, 2, 'complete'))).toEqual(Array.from(linkage(new Float64Array([0, 1, 3, 7]), 4, 1, 'complete')));
		const Zs = linkage(new Float64Array(10).fill(2), 5, 2, 'average');
		expect(Array.from({ length: 4 }, (_, r) => Zs[r * 4 + 2])).toEqual([0, 0, 0, 0]);
		expect(Zs[15]).toBe(5);
	});
	it('rejects unknown methods, NaN and too many rows with a hint', () => {
		expect(() => linkage(new Float64Array([0, NaN]), 2, 1, 'ward')).toThrow(EngineError);
		expect(() => linkage(new Float64Array(2), 2, 1, 'median' as Linkage)).toThrow(/Unknown linkage/);
		try {
			linkage(new Float64Array(20_001), 20_001, 1, 'complete');
			expect.unreachable();
		} catch (e) {
			expect((e as EngineError).code).toBe('bad-parameter');
			expect((e as EngineError).hint).toMatch(/micro-clusters/);
		}
	});
	it('honours an aborted signal', () => {
		const ac = new AbortController();
		ac.abort();
		expect(() => linkage(new Float64Array(200), 100, 2, 'ward', { signal: ac.signal })).toThrow(/cancelled/);
	});
});

describe('linkage: identical to SciPy on iris and wine', () => {
	for (const ds of ['iris', 'wine'] as const) {
		const { X, rows, cols } = loadData(ds);
		for (const m of methods) {
			it(`${ds} ${m}: merge heights within 1e-9 relative, ids and sizes equal, fcluster partitions k = 2..10`, () => {
				const ref = scipyReference.hierarchical[ds][m];
				const Z = linkage(X, rows, cols, m);
				expect(Z.length).toBe(ref.Z.length);
				let worst = 0;
				for (let r = 0; r < rows - 1; r++) {
					const h = ref.Z[r * 4 + 2];
					worst = Math.max(worst, Math.abs(Z[r * 4 + 2] - h) / Math.max(h, 1e-300));
					expect(Z[r * 4 + 3]).toBe(ref.Z[r * 4 + 3]);
				}
				expect(worst).toBeLessThan(1e-9);
				// Ids may only differ between merges at exactly equal heights; here they agree row for row.
				const sameIds = Array.from({ length: rows - 1 }, (_, r) => Z[r * 4] === ref.Z[r * 4] && Z[r * 4 + 1] === ref.Z[r * 4 + 1]);
				expect(sameIds.every(Boolean)).toBe(true);
				for (let k = 2; k <= 10; k++) {
					const ours = cutTree(Z, rows, k);
					expect(samePartition(ours, ref.maxclust![String(k)])).toBe(true);
					expect(new Set(ours).size).toBe(new Set(ref.maxclust![String(k)]).size);
				}
			});
		}
	}
	it('blobs600 ward heights within 1e-9 relative', () => {
		const { X, rows, cols } = loadData('blobs600');
		const ref = scipyReference.hierarchical.blobs600.ward.Z;
		const Z = linkage(X, rows, cols, 'ward');
		for (let r = 0; r < rows - 1; r++) expect(Math.abs(Z[r * 4 + 2] - ref[r * 4 + 2])).toBeLessThanOrEqual(1e-9 * ref[r * 4 + 2]);
	});
});

describe('linkage steps and micro-clusters', () => {
	it('yields one merge per step with the labels after it', async () => {
		const { linkageSteps } = await import('./hierarchical-steps');
		const steps = [...linkageSteps(new Float64Array([0, 1, 3, 7]), 4, 1, 'single')];
		expect(steps.map((s) => [s.idA, s.idB, s.height, s.clusters])).toEqual([[0, 1, 1, 3], [2, 4, 2, 2], [3, 5, 4, 1]]);
		expect(Array.from(steps[1].labels)).toEqual([0, 0, 0, 1]);
	});
	it('micro-cluster mode says it is approximate and recovers well separated blobs', async () => {
		const { hierarchicalOnMicroClusters, hierarchicalLabels, hierarchical } = await import('./hierarchical-micro');
		const { X, rows, cols, target } = loadData('blobs600');
		const r = hierarchicalOnMicroClusters(X, rows, cols, 'ward', { seed: 3, microClusters: 50 });
		expect(r).toMatchObject({ approximate: true, microClusters: 50, leaves: 50 });
		expect(r.Z[(r.leaves - 2) * 4 + 3]).toBe(rows);
		const labels = hierarchicalLabels(r, 4);
		const exact = cutTree(linkage(X, rows, cols, 'ward'), rows, 4);
		expect(samePartition(labels, exact)).toBe(true);
		expect(samePartition(labels, target)).toBe(true);
		const again = hierarchicalOnMicroClusters(X, rows, cols, 'ward', { seed: 3, microClusters: 50 });
		expect(Array.from(again.Z)).toEqual(Array.from(r.Z));
		const small = hierarchical(X, rows, cols, 'average', { seed: 1 });
		expect(small.approximate).toBe(false);
		const avg = hierarchicalOnMicroClusters(X, rows, cols, 'average', { seed: 3, microClusters: 40 });
		expect(avg.Z[(avg.leaves - 2) * 4 + 3]).toBe(rows);
	});
});

describe('Float32 distance storage (used above 10,000 rows for complete / average)', () => {
	// Rounding to Float32 can turn distinct near-equal distances into ties (iris, measured to 0.1 cm, has many), so
	// low merges may be taken in another order; the upper tree and the partitions for k = 2..10 stay the same.
	it('gives the same partitions and upper merge heights within 1e-6 relative', async () => {
		const { pdistCondensed } = await import('./condensed');
		const { nnChainLinkage } = await import('./linkage-nnchain');
		const { sortAndLabel } = await import('./linkage-label');
		const { X, rows, cols } = loadData('iris');
		for (const m of ['complete', 'average'] as const) {
			const Z64 = linkage(X, rows, cols, m);
			const Z32 = sortAndLabel(nnChainLinkage(Float32Array.from(pdistCondensed(X, rows, cols)), rows, m), rows);
			for (let r = rows - 20; r < rows - 1; r++) expect(Math.abs(Z32[r * 4 + 2] - Z64[r * 4 + 2])).toBeLessThanOrEqual(1e-6 * Z64[r * 4 + 2]);
			for (let k = 2; k <= 10; k++) expect(samePartition(cutTree(Z32, rows, k), cutTree(Z64, rows, k))).toBe(true);
		}
	});
});

import { describe, expect, it } from 'vitest';
import { hdbscan, hdbscanMaxRows, HDBSCAN_MAX_ROWS } from './hdbscan';
import { EngineError } from '../errors';
import { adjustedRandIndex } from '../metrics/ari';
import { loadRData, rReference, type RDataset } from '../../../../tests/fixtures/hdbscan/load';
import { coreDistances } from './hdbscan-core';
import { mutualReachabilityMst } from './hdbscan-mst';
import { boruvkaMst } from './hdbscan-boruvka';
import { KDTree } from './kdtree';
import { kthNearestDist2 } from './kdtree-knn';
import { Rng } from '../random';

/** Noise sets equal and ARI = 1 over the clustered rows: the same partition up to renumbering. */
function expectSamePartition(ours: Int32Array, theirs: Int32Array): void {
	const noiseOurs = [...ours.keys()].filter((i) => ours[i] === -1);
	const noiseTheirs = [...theirs.keys()].filter((i) => theirs[i] === -1);
	expect(noiseOurs).toEqual(noiseTheirs);
	expect(adjustedRandIndex(ours, theirs)).toBeCloseTo(1, 12);
}

describe('hdbscan: a hand-worked case', () => {
	// A = {0, 1, 2, 4}, B = {10, 11, 12}, a pair {20, 20.5} and 30 alone; minClusterSize 3, minSamples 2, so a
	// core distance is the distance to the nearest other point: 1 in A and B except 4 (2), 0.5 in the pair, 9.5
	// for 30. Spanning tree weights: 1 inside A and B, 2 for 2–4, 6 for A–B (4–10), 8 for B–pair, 9.5 for 30.
	// Top down: at 9.5 row 30 drops out of the root (λ = 1/9.5); at 8 the pair (2 < 3 rows) drops out (λ = 1/8);
	// at 6 A and B are born (λ = 1/6); in A row 4 drops out at λ = 1/2, the rest at λ = 1; B at λ = 1.
	const X = new Float64Array([0, 1, 2, 4, 10, 11, 12, 20, 20.5, 30]);
	const r = hdbscan(X, 10, 1, { minClusterSize: 3, minSamples: 2 });
	it('labels, noise and stabilities', () => {
		expectSamePartition(r.labels, Int32Array.from([0, 0, 0, 0, 1, 1, 1, -1, -1, -1]));
		expect(r).toMatchObject({ nClusters: 2, noise: 3, minClusterSize: 3, minSamples: 2 });
		const a = r.labels[0];
		// A: (1/2 − 1/6) + 3·(1 − 1/6) = 17/6; B: 3·(1 − 1/6) = 5/2.
		expect(r.stabilities[a]).toBeCloseTo(17 / 6, 12);
		expect(r.stabilities[1 - a]).toBeCloseTo(5 / 2, 12);
		expect(Array.from(r.coreDistances)).toEqual([1, 1, 1, 2, 1, 1, 1, 0.5, 0.5, 9.5]);
	});
	it('membership probabilities: λ / the cluster\'s largest λ', () => {
		expect(Array.from(r.probabilities)).toEqual([1, 1, 1, 0.5, 1, 1, 1, 0, 0, 0]);
	});
	it('GLOSH: (λ_max − λ) / λ_max with λ_max the largest λ below the cluster the row left', () => {
		const expected = [0, 0, 0, 0.5, 0, 0, 0, 1 - 1 / 8, 1 - 1 / 8, 1 - 1 / 9.5];
		r.outlierScores.forEach((s, i) => expect(s).toBeCloseTo(expected[i], 12));
	});
	it('R dbscan\'s condensing keeps the small pair in the root until the root splits (λ = 1/6)', () => {
		const q = hdbscan(X, 10, 1, { minClusterSize: 3, minSamples: 2, asRDbscan: true });
		expectSamePartition(q.labels, r.labels);
		expect(q.outlierScores[7]).toBeCloseTo(1 - 1 / 6, 12);
		expect(q.outlierScores[8]).toBeCloseTo(1 - 1 / 6, 12);
	});
	it('leaf selection takes the leaves of the condensed tree', () => {
		// P = two triples (spacing 0.25) 0.3 apart, Q = four points 18.7 away. P (born at λ = 1/18.7) splits at
		// λ = 1/0.3 into triples whose rows all drop out at λ = 4: stability(P) = 6·(1/0.3 − 1/18.7) ≈ 19.7 beats
		// the triples' 2·3·(4 − 1/0.3) = 4, so excess of mass keeps P and Q; leaf selection keeps both triples.
		const Y = new Float64Array([0, 0.25, 0.5, 0.8, 1.05, 1.3, 20, 20.25, 20.5, 20.75]);
		const eom = hdbscan(Y, 10, 1, { minClusterSize: 3, minSamples: 2 });
		expectSamePartition(eom.labels, Int32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]));
		const leaf = hdbscan(Y, 10, 1, { minClusterSize: 3, minSamples: 2, selection: 'leaf' });
		const leaves = leaf.clusters.filter((c, id) => id > 0 && !leaf.clusters.some((d) => d.parent === id));
		expect(leaf.nClusters).toBe(leaves.length);
		expect(leaves.every((c) => c.label >= 0)).toBe(true);
		expectSamePartition(leaf.labels, Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 2]));
	});
});

describe('hdbscan: against R dbscan', () => {
	const sets: RDataset[] = ['iris', 'wine', 'noisy'];
	it(`reference made by R dbscan ${rReference.dbscan}`, () => expect(rReference.dbscan).toMatch(/^1\.1/));
	for (const name of sets) {
		const d = loadRData(name);
		for (const run of rReference[name]) {
			const rLabels = Int32Array.from(run.cluster, (c) => c - 1);
			it(`${name}, minPts ${run.minPts}: core distances within 1e-12, R's condensing gives R's labels, stabilities and GLOSH`, () => {
				const r = hdbscan(d.X, d.rows, d.cols, { minClusterSize: run.minPts, asRDbscan: true });
				r.coreDistances.forEach((c, i) => expect(Math.abs(c - run.coredist[i])).toBeLessThan(1e-12));
				expectSamePartition(r.labels, rLabels);
				r.outlierScores.forEach((s, i) => expect(Math.abs(s - run.outlier_scores[i])).toBeLessThan(1e-12));
				// R lists cluster_scores in its own cluster order; match them through the labels.
				const ours = new Map<number, number>();
				for (let i = 0; i < d.rows; i++) if (rLabels[i] >= 0) ours.set(rLabels[i], r.stabilities[r.labels[i]]);
				run.cluster_scores.forEach((s, c) => expect(Math.abs(ours.get(c)! - s)).toBeLessThan(1e-9 * Math.max(1, s)));
			});
			// make_reference.R also computes the paper's definitions (scikit-learn's and the hdbscan package's) in
			// plain R from R's own single-linkage tree: our default run must give exactly those.
			it(`${name}, minPts ${run.minPts}: the paper's definitions (R script) give the same labels, probabilities, GLOSH and stabilities`, () => {
				const r = hdbscan(d.X, d.rows, d.cols, { minClusterSize: run.minPts });
				const p = run.paper;
				const pLabels = Int32Array.from(p.cluster, (c) => c - 1);
				expectSamePartition(r.labels, pLabels);
				for (let i = 0; i < d.rows; i++) {
					expect(Math.abs(r.probabilities[i] - p.membership_prob[i])).toBeLessThan(1e-12);
					expect(Math.abs(r.outlierScores[i] - p.outlier_scores[i])).toBeLessThan(1e-12);
				}
				const ours = new Map<number, number>();
				for (let i = 0; i < d.rows; i++) if (pLabels[i] >= 0) ours.set(pLabels[i], r.stabilities[r.labels[i]]);
				p.cluster_scores.forEach((s, c) => expect(Math.abs(ours.get(c)! - s)).toBeLessThan(1e-9 * Math.max(1, s)));
				// R dbscan's own labels agree except where its condensing changes the choice (wine, minPts 4: R keeps
				// a small part's rows longer, which raises stabilities and gives three segments where the paper has two).
				if (!(name === 'wine' && run.minPts === 4)) expectSamePartition(r.labels, rLabels);
			});
		}
	}
	it('noisy: finds the three blobs and flags most of the uniform noise rows', () => {
		const d = loadRData('noisy');
		const r = hdbscan(d.X, d.rows, d.cols, { minClusterSize: 20 });
		expect(r.nClusters).toBe(3);
		let caught = 0;
		for (let i = 0; i < d.rows; i++) if (d.target[i] === 3 && r.labels[i] === -1) caught++;
		expect(caught).toBeGreaterThan(45);
	});
});

describe('hdbscan: the two spanning-tree algorithms and the core distances', () => {
	// Blobs of different spreads, uniform noise, and exact duplicates (ties in every weight).
	const rng = new Rng(5);
	const n = 1500, cols = 3;
	const X = new Float64Array(n * cols);
	for (let i = 0; i < n; i++) {
		const g = i % 4;
		for (let f = 0; f < cols; f++) X[i * cols + f] = g === 3 ? rng.next() * 20 - 10 : g * 4 + (0.3 + g) * rng.normal();
	}
	for (let i = 0; i < 40; i++) X.copyWithin((n - 1 - i) * cols, i * cols, i * cols + cols);
	it('core distances equal the shared k-d tree search bit for bit', () => {
		const tree = new KDTree(X, n, cols);
		const heap = new Float64Array(7);
		const core = coreDistances(X, n, cols, 7);
		for (let i = 0; i < n; i++) expect(core[i]).toBe(Math.sqrt(kthNearestDist2(tree, X, i * cols, 7, heap)));
	});
	it('Borůvka and Prim give spanning trees with identical sorted weights (both are minimum spanning trees)', () => {
		for (const k of [2, 5, 15]) {
			const core = coreDistances(X, n, cols, k);
			const a = Array.from(boruvkaMst(X, n, cols, core).weight).sort((x, y) => x - y);
			const b = Array.from(mutualReachabilityMst(X, n, cols, core).weight).sort((x, y) => x - y);
			expect(a).toEqual(b);
		}
	});
	// Among equal weights the two trees may hold different edges, which changes which cluster a small part
	// falls out of (see PRIM_MAX_ROWS in hdbscan.ts): labels are not compared here.
});

describe('hdbscan: Borůvka (the path above 20,000 rows) against Prim (the exact path)', () => {
	// 6,000 × 8: eight blobs of unit spread and 5% uniform noise, as bench/hdbscan.bench.ts; continuous values, so
	// no two distances tie.
	const rng = new Rng(11);
	const n = 6000, cols = 8;
	const C = Float64Array.from({ length: 8 * cols }, () => rng.next() * 20 - 10);
	const X = new Float64Array(n * cols);
	for (let i = 0; i < n; i++) {
		const noise = rng.next() < 0.05;
		const c = rng.int(8);
		for (let f = 0; f < cols; f++) X[i * cols + f] = noise ? rng.next() * 24 - 12 : C[c * cols + f] + rng.normal();
	}
	// With min samples 1 every core distance is 0 and a weight is a plain distance: no ties, so the two trees are
	// the same tree and everything downstream is identical.
	it('min samples 1 (no ties): the same segments and noise, probabilities and GLOSH scores', () => {
		const viaB = hdbscan(X, n, cols, { minClusterSize: 25, minSamples: 1, mst: 'boruvka' });
		const viaP = hdbscan(X, n, cols, { minClusterSize: 25, minSamples: 1, mst: 'prim' });
		expect(viaP.nClusters).toBeGreaterThan(1);
		// Segment numbers follow the tree's child order (the page renumbers by size): compare the partitions.
		expectSamePartition(viaB.labels, viaP.labels);
		for (let i = 0; i < n; i++) {
			expect(Math.abs(viaB.probabilities[i] - viaP.probabilities[i])).toBeLessThan(1e-12);
			expect(Math.abs(viaB.outlierScores[i] - viaP.outlierScores[i])).toBeLessThan(1e-12);
		}
	});
	// With min samples > 1 ties are built in: every neighbour q of p within p's core distance with a smaller core
	// distance gives an edge of weight core(p). Both trees are minimum (same sorted weights, so the same clusters at
	// every height), but the order of merges at one height can differ, and with it which side a small part that
	// splits off at exactly that height leaves from: a handful of rows.
	for (const minPts of [5, 25]) {
		it(`min samples ${minPts}: the same sorted weights (total to 1e-9), and the segments differ only on tied merges`, () => {
			const core = coreDistances(X, n, cols, minPts);
			const wb = Array.from(boruvkaMst(X, n, cols, core).weight).sort((x, y) => x - y);
			const wp = Array.from(mutualReachabilityMst(X, n, cols, core).weight).sort((x, y) => x - y);
			expect(wb).toEqual(wp);
			const total = (w: number[]) => w.reduce((x, y) => x + y, 0);
			expect(Math.abs(total(wb) - total(wp))).toBeLessThanOrEqual(1e-9 * total(wp));
			const viaB = hdbscan(X, n, cols, { minClusterSize: minPts, mst: 'boruvka' });
			const viaP = hdbscan(X, n, cols, { minClusterSize: minPts, mst: 'prim' });
			expect(viaB.nClusters).toBe(viaP.nClusters);
			let noiseDiffers = 0;
			for (let i = 0; i < n; i++) if ((viaB.labels[i] < 0) !== (viaP.labels[i] < 0)) noiseDiffers++;
			expect(noiseDiffers).toBeLessThanOrEqual(n / 1000);
			expect(adjustedRandIndex(viaB.labels, viaP.labels)).toBeGreaterThan(0.999);
		});
	}
	it('Borůvka stops when cancelled', () => {
		const ac = new AbortController();
		ac.abort();
		const core = coreDistances(X, n, cols, 5);
		expect(() => boruvkaMst(X, n, cols, core, { signal: ac.signal })).toThrow(/cancel/i);
	});
});

describe('hdbscan: bad parameters and control', () => {
	const X = new Float64Array([0, 1, 2, 3, 4, 5]);
	const code = (f: () => unknown) => {
		try {
			f();
		} catch (e) {
			return e instanceof EngineError ? `${e.code}: ${e.message} ${e.hint}` : String(e);
		}
		return 'no error';
	};
	it('rejects a minimum cluster size above the row count, below 2 or fractional, and a bad min samples', () => {
		expect(code(() => hdbscan(X, 6, 1, { minClusterSize: 7 }))).toMatch(/bad-parameter: .*larger than the number of rows \(6\).*at most 3/);
		expect(code(() => hdbscan(X, 6, 1, { minClusterSize: 1 }))).toMatch(/at least 2/);
		expect(code(() => hdbscan(X, 6, 1, { minClusterSize: 2.5 }))).toMatch(/whole number/);
		expect(code(() => hdbscan(X, 6, 1, { minClusterSize: 2, minSamples: 0 }))).toMatch(/min samples/);
		expect(code(() => hdbscan(X, 6, 1, { minClusterSize: 2, minSamples: 7 }))).toMatch(/min samples/);
	});
	it('refuses more rows than hdbscanMaxRows before doing any work: 200,000 up to 8 features, 50,000 above', () => {
		const n = HDBSCAN_MAX_ROWS + 1;
		expect(hdbscanMaxRows(8)).toBe(200_000);
		expect(hdbscanMaxRows(9)).toBe(50_000);
		expect(code(() => hdbscan(new Float64Array(n), n, 1, { minClusterSize: 5 }))).toMatch(/too-large: .*at most 200,000 rows with up to 8 features and 50,000 with more.*200,001 rows and 1 feature\..*sample/);
		const m = 50_001;
		expect(code(() => hdbscan(new Float64Array(m * 9), m, 9, { minClusterSize: 5 }))).toMatch(/too-large: .*50,001 rows and 9 features/);
	});
	it('everything noise is a result, not an error: one blob of equal density has no split', () => {
		const r = hdbscan(X, 6, 1, { minClusterSize: 3 });
		expect(r.nClusters).toBe(0);
		expect(r.noise).toBe(6);
	});
	it('reports progress and stops when cancelled', () => {
		const d = loadRData('noisy');
		const seen: number[] = [];
		hdbscan(d.X, d.rows, d.cols, { minClusterSize: 10 }, { onProgress: (p) => seen.push(p.fraction) });
		expect(seen.at(-1)).toBe(1);
		expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
		const ac = new AbortController();
		ac.abort();
		expect(code(() => hdbscan(d.X, d.rows, d.cols, { minClusterSize: 10 }, { signal: ac.signal }))).toMatch(/^cancelled/);
	});
});

import { describe, expect, it } from 'vitest';
import { analyse, clusterOneK, kValues, prepareRun } from './analyse';
import { clusterAtK, clustersAtHeight, cutHeightFor } from './cluster-k';
import { parseCsv } from './data/csv';
import { fingerprint } from './data/fingerprint';
import { profileTable } from './data/profile';
import { kmeans } from './cluster/kmeans';
import { linkage, cutTree } from './cluster/hierarchical';
import { dbscan } from './cluster/dbscan';
import { gmm } from './cluster/gmm';
import { adjustedRandIndex } from './metrics/ari';
import { deriveSeed, Rng } from './random';
import { defaultRecipe, DEFAULT_ALGORITHMS, validateRecipe, type AlgorithmSpec, type Recipe } from './recipe';
import { algorithmLines, algorithmReport } from './algorithm-report';
import { EngineError } from './errors';
import { resultsCsv } from './export/csv';
import { hdbscanColumns } from './export/hdbscan-columns';

/** Three round blobs in 2-D plus two far-away single points (noise for DBSCAN). */
function blobsCsv(perBlob: number): string {
	const rng = new Rng(11);
	const lines = ['x,y'];
	for (const c of [[0, 0], [8, 0], [0, 8]]) for (let i = 0; i < perBlob; i++) lines.push(`${(c[0] + rng.normal()).toFixed(5)},${(c[1] + rng.normal()).toFixed(5)}`);
	lines.push('40,40', '-40,40');
	return lines.join('\n');
}

const table = parseCsv(blobsCsv(60), 'blobs.csv');
const base = defaultRecipe(fingerprint(table), profileTable(table));
const withAlg = (algorithm: AlgorithmSpec, kRange: [number, number] = [2, 5]): Recipe => validateRecipe({ ...base, algorithm, kRange, seed: 7 });

describe('clusterAtK dispatches on the recipe algorithm', () => {
	const { matrix } = prepareRun(table, base);
	const { data, rows, cols } = matrix;

	it('k-means: the same as kmeans seeded by (seed, k)', () => {
		const r = clusterAtK(data, rows, cols, DEFAULT_ALGORITHMS.kmeans, 3, 7);
		const direct = kmeans(data, rows, cols, 3, { nInit: 10, maxIter: 300, tol: 1e-4 }, { seed: deriveSeed(7, 3) });
		expect(Array.from(r.labels)).toEqual(Array.from(direct.labels));
		expect(r.inertia).toBe(direct.inertia);
	});

	it('hierarchical: cuts of the SciPy-style linkage at every k, one tree per matrix', () => {
		const Z = linkage(data, rows, cols, 'average');
		for (const k of [2, 3, 4]) {
			const r = clusterAtK(data, rows, cols, { name: 'hierarchical', linkage: 'average' }, k, 7);
			expect(Array.from(r.labels)).toEqual(Array.from(cutTree(Z, rows, k)));
			expect(Array.from(r.hierarchy!.Z)).toEqual(Array.from(Z));
			expect(clustersAtHeight(Z, rows, r.cutHeight!)).toBe(k);
		}
		const a = clusterAtK(data, rows, cols, { name: 'hierarchical', linkage: 'average' }, 2, 7);
		const b = clusterAtK(data, rows, cols, { name: 'hierarchical', linkage: 'average' }, 5, 7);
		expect(a.hierarchy!.Z).toBe(b.hierarchy!.Z); // cached, not rebuilt
	});

	it('DBSCAN: its own cluster count, noise −1, core flags, the k-distance curve', () => {
		const r = clusterAtK(data, rows, cols, { name: 'dbscan', eps: 0.5, minPts: 5 }, 0, 7);
		const direct = dbscan(data, rows, cols, 0.5, 5);
		expect(Array.from(r.labels)).toEqual(Array.from(direct.labels));
		expect(r.k).toBe(direct.nClusters);
		expect(r.dbscan!.noise).toBe(direct.noise);
		expect(r.labels[rows - 1]).toBe(-1);
		expect(r.dbscan!.kDistance.length).toBe(rows);
		expect(r.dbscan!.suggestedEps).toBeGreaterThan(0);
	});

	it('DBSCAN: an eps that makes every row noise is a clear error suggesting an eps', () => {
		expect(() => clusterAtK(data, rows, cols, { name: 'dbscan', eps: 1e-6, minPts: 5 }, 0, 7)).toThrow(/every row noise[\s\S]*/);
		try {
			clusterAtK(data, rows, cols, { name: 'dbscan', eps: 1e-6, minPts: 5 }, 0, 7);
		} catch (e) {
			expect(e).toBeInstanceOf(EngineError);
			expect((e as EngineError).hint).toMatch(/eps ≈ \d/);
		}
	});

	it('GMM: the same fit as gmm seeded by (seed, k), with BIC, AIC and probabilities', () => {
		const spec = { ...DEFAULT_ALGORITHMS.gmm, covariance: 'diag' as const };
		const r = clusterAtK(data, rows, cols, spec, 3, 7);
		const direct = gmm(data, rows, cols, 3, { covarianceType: 'diag' }, { seed: deriveSeed(7, 3) });
		expect(Array.from(r.labels)).toEqual(Array.from(direct.labels));
		expect(r.gmm!.bic).toBe(direct.bic);
		expect(r.gmm!.probs.length).toBe(rows * 3);
	});

	it('mini-batch: recovers the three blobs', () => {
		const r = clusterAtK(data, rows, cols, { ...DEFAULT_ALGORITHMS.minibatch, batchSize: 32 }, 3, 7);
		const truth = Int32Array.from({ length: 180 }, (_, i) => Math.floor(i / 60));
		expect(adjustedRandIndex(r.labels.slice(0, 180), truth)).toBe(1);
	});

	it('cutHeightFor lies between the merges that leave k clusters', () => {
		const Z = linkage(data, rows, cols, 'ward');
		for (const k of [1, 2, 3, 10]) expect(clustersAtHeight(Z, rows, cutHeightFor(Z, rows, k))).toBe(k);
	});
});

describe('analyse with every algorithm', () => {
	it('DBSCAN: one result, noise rows −1, metrics on the clustered rows', () => {
		const r = analyse(table, withAlg({ name: 'dbscan', eps: 0.5, minPts: 5 }));
		expect(kValues(r.recipe, 182)).toEqual([0]);
		expect(r.perK).toHaveLength(1);
		const s = r.perK[0];
		expect(s.k).toBe(3);
		expect(s.dbscan!.noise).toBeGreaterThanOrEqual(2);
		expect(r.labels[0].filter((l) => l === -1).length).toBe(s.dbscan!.noise);
		expect(s.sizes.reduce((a, b) => a + b, 0) + s.dbscan!.noise).toBe(r.rowsClustered);
		expect(s.silhouette).toBeGreaterThan(0.5);
		expect(r.chosenK).toBe(3);
		expect(algorithmReport(r).dbscan!.core.length).toBe(r.rowsClustered);
		// The labelled CSV writes noise rows as segment -1 (scikit-learn's convention), segments as 1..k.
		const csv = resultsCsv(table, { rowIndex: r.rowIndex, status: r.status, labels: r.labels[0] }).trim().split('\n');
		expect(csv[0]).toBe('x,y,segment,status');
		expect(csv[csv.length - 1]).toMatch(/^-40,40,-1,/);
		expect(csv[1]).toMatch(/^[^,]+,[^,]+,[123],/);
	});

	it('HDBSCAN: one result, its own k, noise rows −1, stabilities and probabilities in segment order, CSV columns', () => {
		const r = analyse(table, withAlg({ name: 'hdbscan', minClusterSize: 10 }));
		expect(r.perK).toHaveLength(1);
		const s = r.perK[0];
		expect(s.k).toBe(3);
		const h = s.hdbscan!;
		expect(r.labels[0].filter((l) => l === -1).length).toBe(h.noise);
		expect(s.sizes.reduce((a, b) => a + b, 0) + h.noise).toBe(r.rowsClustered);
		// The far points at ±40 are noise; the three blobs are the segments.
		const truth = Int32Array.from({ length: 180 }, (_, i) => Math.floor(i / 60));
		const clustered = [...r.labels[0].slice(0, 180)].map((l, i) => [l, truth[i]]).filter(([l]) => l >= 0);
		expect(adjustedRandIndex(Int32Array.from(clustered, (p) => p[0]), Int32Array.from(clustered, (p) => p[1]))).toBe(1);
		expect(r.labels[0][r.rowsClustered - 1]).toBe(-1);
		// Stabilities follow the size-ordered segments: the tree's chosen clusters carry the same values.
		for (const c of h.tree) if (c.segment >= 0) expect(h.stabilities[c.segment]).toBe(c.stability);
		for (let i = 0; i < r.rowsClustered; i++) expect(h.probabilities[i] === 0).toBe(r.labels[0][i] === -1);
		expect(algorithmReport(r).hdbscan).toMatchObject({ minClusterSize: 10, minSamples: 10, clusters: 3, noise: h.noise });
		const csv = resultsCsv(table, { rowIndex: r.rowIndex, status: r.status, labels: r.labels[0], extra: hdbscanColumns(h) }).trim().split('\n');
		expect(csv[0]).toBe('x,y,segment,status,membership_probability,outlier_score');
		expect(csv[csv.length - 1]).toMatch(/^-40,40,-1,[^,]*,0,0\.9/);
	});

	it('HDBSCAN: a minimum cluster size that leaves everything noise is a clear error with a suggestion', () => {
		const tiny = parseCsv('x\n1\n2\n3\n4\n5\n6', 'even.csv');
		const rec = validateRecipe({ ...defaultRecipe(fingerprint(tiny), profileTable(tiny)), algorithm: { name: 'hdbscan', minClusterSize: 3 }, kRange: [2, 3] });
		expect(() => analyse(tiny, rec)).toThrow(/found no segments: every row is noise/);
		const big = validateRecipe({ ...withAlg({ name: 'hdbscan', minClusterSize: 500 }) });
		expect(() => analyse(table, big)).toThrow(/larger than the number of rows/);
	});

	it('hierarchical: the tree on the result, a cut height per k, labels relabelled by size', () => {
		const r = analyse(table, withAlg({ name: 'hierarchical', linkage: 'ward' }));
		expect(r.hierarchy!.leaves).toBe(r.rowsClustered);
		expect(r.perK.map((s) => s.k)).toEqual([2, 3, 4, 5]);
		for (const s of r.perK) {
			expect(s.cutHeight).toBeGreaterThan(0);
			expect(s.sizes).toEqual([...s.sizes].sort((a, b) => b - a));
		}
		expect(r.chosenK).toBe(r.bestSilhouetteK);
		const truth = Int32Array.from({ length: 180 }, (_, i) => Math.floor(i / 60));
		expect(adjustedRandIndex(r.labels[3].slice(0, 180), truth)).toBe(1); // k = 5: three blobs and the two far points
		expect(algorithmReport(r).hierarchy!.heights).toHaveLength(r.rowsClustered - 1);
	});

	it('GMM: a fit scikit-learn refuses (six points repeated five times, k = 6, reg_covar 0) is marked and said in the lines and the recommendation', () => {
		const pts = [[0, 0], [4, 1], [1, 5], [6, 6], [-3, 4], [5, -3]];
		const dup = parseCsv(['x,y', ...pts.flatMap((p) => Array(5).fill(p.join(',')))].join('\n'), 'dup.csv');
		const recipe = validateRecipe({ ...defaultRecipe(fingerprint(dup), profileTable(dup)), algorithm: { ...DEFAULT_ALGORITHMS.gmm, regCovar: 0, moreRestarts: false }, kRange: [2, 6], seed: 7 });
		const r = analyse(dup, recipe);
		const refused = r.perK.filter((s) => s.gmm!.illDefined).map((s) => s.k);
		expect(refused).toContain(6);
		// Here every k from 2 to 6 leaves some component on one or two distinct points (singular in 2-D without
		// reg_covar), so the page still shows a k and says that every fit is ill-defined (recommend.test.ts checks
		// that a refused k loses to the others).
		expect(refused).toEqual([2, 3, 4, 5, 6]);
		expect(r.recommendation.reasons.some((x) => /^Every k tried gives an ill-defined mixture/.test(x.text))).toBe(true);
		const lines = algorithmLines(r).filter((l) => l.startsWith('gmm k = '));
		for (const s of r.perK) {
			const line = lines.find((l) => l.startsWith(`gmm k = ${s.k} `))!;
			expect(line.includes('NOT RECOMMENDED, ill-defined fit')).toBe(refused.includes(s.k));
		}
	});
	it('GMM: BIC and AIC per k, probabilities in segment order summing to 1', () => {
		const r = analyse(table, withAlg({ ...DEFAULT_ALGORITHMS.gmm }, [2, 4]));
		for (const [i, s] of r.perK.entries()) {
			expect(Number.isFinite(s.gmm!.bic)).toBe(true);
			const labels = r.labels[i];
			for (let row = 0; row < r.rowsClustered; row += 17) {
				let sum = 0;
				let arg = 0;
				for (let c = 0; c < s.k; c++) {
					sum += s.gmm!.probs[row * s.k + c];
					if (s.gmm!.probs[row * s.k + c] > s.gmm!.probs[row * s.k + arg]) arg = c;
				}
				expect(sum).toBeCloseTo(1, 5);
				expect(arg).toBe(labels[row]);
			}
		}
		expect(algorithmReport(r).gmm).toHaveLength(3);
	});

	it('the same labels from the per-k jobs as from analyse (the pool path)', () => {
		const recipe = withAlg({ name: 'hierarchical', linkage: 'complete' });
		const whole = analyse(table, recipe);
		const { matrix } = prepareRun(table, recipe);
		const part = clusterOneK(table, matrix, recipe, 4);
		expect(Array.from(part.labels)).toEqual(Array.from(whole.labels[2]));
	});

	it('k above the row count is an error that says so', () => {
		const tiny = parseCsv('x,y\n1,2\n3,4\n5,6', 't.csv');
		const r = validateRecipe({ ...defaultRecipe(fingerprint(tiny), profileTable(tiny)), kRange: [5, 6] });
		expect(() => analyse(tiny, r)).toThrow(/more segments than there are rows/);
	});
});

describe('validateRecipe: algorithms', () => {
	it('accepts every default algorithm and an older k-means recipe', () => {
		for (const a of Object.values(DEFAULT_ALGORITHMS)) expect(validateRecipe({ ...base, algorithm: a }).algorithm).toEqual(a);
		const v1 = { ...base, version: 1, algorithm: { name: 'kmeans', nInit: 10, maxIter: 300, tol: 1e-4 } };
		expect(validateRecipe(v1).algorithm.name).toBe('kmeans');
	});

	it('rejects unknown names and bad parameters with the field named', () => {
		const bad = (algorithm: unknown) => () => validateRecipe({ ...base, algorithm });
		expect(bad({ name: 'spectral' })).toThrow(/algorithm.name/);
		expect(bad({ name: 'dbscan', eps: 0, minPts: 5 })).toThrow(/algorithm.eps/);
		expect(bad({ name: 'dbscan', eps: 0.5, minPts: 1.5 })).toThrow(/algorithm.minPts/);
		expect(bad({ name: 'hierarchical', linkage: 'median' })).toThrow(/algorithm.linkage/);
		expect(bad({ ...DEFAULT_ALGORITHMS.gmm, covariance: 'banana' })).toThrow(/algorithm.covariance/);
		expect(bad({ ...DEFAULT_ALGORITHMS.gmm, regCovar: -1 })).toThrow(/algorithm.regCovar/);
		expect(bad({ ...DEFAULT_ALGORITHMS.minibatch, batchSize: 0 })).toThrow(/algorithm.batchSize/);
		expect(bad({ ...DEFAULT_ALGORITHMS.minibatch, reassignmentRatio: 2 })).toThrow(/algorithm.reassignmentRatio/);
		expect(bad({ name: 'kmeans', nInit: 0, maxIter: 300, tol: 1e-4 })).toThrow(/algorithm.nInit/);
	});
});

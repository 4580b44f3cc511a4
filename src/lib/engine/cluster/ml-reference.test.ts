/**
 * Differential tests against the mljs packages the product design names (ml-kmeans, ml-pca): independent
 * implementations that our own kernels must agree with. Same initial centres → same partition; same data → the
 * same principal axes up to sign and the same explained-variance shares.
 */
import { kmeans as mlKmeans } from 'ml-kmeans';
import { PCA } from 'ml-pca';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../../../tests/fixtures/sklearn/load';
import { adjustedRandIndex } from '../metrics/ari';
import { pca } from '../project/pca';
import { kmeans } from './kmeans';

const rowsOf = (X: Float64Array, rows: number, cols: number) => Array.from({ length: rows }, (_, i) => Array.from(X.subarray(i * cols, (i + 1) * cols)));

describe.each(['iris', 'wine'] as const)('%s against mljs', (name) => {
	const { X, rows, cols } = loadCsv(name);
	const data = rowsOf(X, rows, cols);

	it.each([3, 5])('k-means from the same starting centres gives the same partition (k = %i)', (k) => {
		// Starting centres: rows spread through the file, so neither side chooses them.
		const start = Array.from({ length: k }, (_, c) => data[Math.floor((c * rows) / k) + 1]);
		const ours = kmeans(X, rows, cols, k, { init: Float64Array.from(start.flat()), tol: 0, maxIter: 1000 }, { seed: 0 });
		const theirs = mlKmeans(data, k, { initialization: start, tolerance: 0, maxIterations: 1000 });
		expect(adjustedRandIndex(ours.labels, Int32Array.from(theirs.clusters))).toBe(1);
		const centres = theirs.centroids.flat();
		// Cluster ids are assigned by the starting centre on both sides, so centres line up index by index.
		for (let i = 0; i < centres.length; i++) expect(ours.centers[i]).toBeCloseTo(centres[i], 9);
	});

	it('PCA gives the same explained-variance shares and axes up to sign', () => {
		const ours = pca(X, rows, cols, cols);
		const theirs = new PCA(data, { method: 'covarianceMatrix', center: true, scale: false });
		const ratio = theirs.getExplainedVariance();
		for (let c = 0; c < cols; c++) expect(ours.explainedVarianceRatio[c]).toBeCloseTo(ratio[c], 10);
		const loadings = theirs.getLoadings().to2DArray(); // components as rows
		for (let c = 0; c < 3; c++) {
			const a = Array.from(ours.components.subarray(c * cols, (c + 1) * cols));
			const dot = a.reduce((s, v, j) => s + v * loadings[c][j], 0);
			expect(Math.abs(dot)).toBeCloseTo(1, 8);
		}
	});
});

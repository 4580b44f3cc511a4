import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './args';
import { recipeFromArgs } from './main';
import { parseCsv } from '../lib/engine/data/csv';
import { Rng } from '../lib/engine/random';

const rng = new Rng(3);
const lines = ['x,y'];
for (const c of [[0, 0], [6, 6]]) for (let i = 0; i < 80; i++) lines.push(`${(c[0] + rng.normal()).toFixed(4)},${(c[1] + rng.normal()).toFixed(4)}`);
const table = parseCsv(lines.join('\n'), 'two.csv');
const recipe = (...argv: string[]) => recipeFromArgs(parseRunArgs(['--input', 'two.csv', ...argv]), table);

describe('segment-lab run --algorithm', () => {
	it('maps every name to its Recipe algorithm with the given parameters', () => {
		expect(recipe().algorithm).toEqual({ name: 'kmeans', nInit: 10, maxIter: 300, tol: 1e-4, refine: 'hartigan', refineMaxRows: 200_000, moreRestarts: true });
		// An explicit --n-init is exactly that many restarts; --kmeans-refine none is scikit-learn's Lloyd only.
		expect(recipe('--algorithm', 'kmeans', '--n-init', '3').algorithm).toMatchObject({ name: 'kmeans', nInit: 3, moreRestarts: false, refine: 'hartigan' });
		expect(recipe('--kmeans-refine', 'none').algorithm).toMatchObject({ name: 'kmeans', refine: 'none', moreRestarts: true });
		// The moves at any size (the default makes them on up to 200,000 rows).
		expect(recipe('--kmeans-refine', 'hartigan-all').algorithm).toMatchObject({ name: 'kmeans', refine: 'hartigan', refineMaxRows: null });
		expect(() => parseRunArgs(['--input', 'two.csv', '--kmeans-refine', 'lloyd'])).toThrow(/--kmeans-refine must be one of hartigan/);
		expect(recipe('--algorithm', 'minibatch', '--batch-size', '64').algorithm).toMatchObject({ name: 'minibatch', batchSize: 64, nInit: 3 });
		for (const l of ['ward', 'complete', 'average', 'single']) expect(recipe('--algorithm', l).algorithm).toEqual({ name: 'hierarchical', linkage: l });
		expect(recipe('--algorithm', 'gmm', '--covariance', 'spherical', '--n-init', '2').algorithm).toMatchObject({ name: 'gmm', covariance: 'spherical', nInit: 2 });
		expect(recipe('--algorithm', 'dbscan', '--eps', '0.3', '--min-pts', '4').algorithm).toEqual({ name: 'dbscan', eps: 0.3, minPts: 4 });
		expect(recipe('--algorithm', 'hdbscan').algorithm).toEqual({ name: 'hdbscan', minClusterSize: 5, minSamples: null, selection: 'eom' });
		expect(recipe('--algorithm', 'hdbscan', '--min-cluster-size', '12', '--min-samples', '3').algorithm).toEqual({ name: 'hdbscan', minClusterSize: 12, minSamples: 3, selection: 'eom' });
	});

	it('rejects a bad --min-cluster-size with the option named, and a size of 1', () => {
		expect(() => parseRunArgs(['--input', 'a.csv', '--algorithm', 'hdbscan', '--min-cluster-size', 'x'])).toThrow(/--min-cluster-size must be a whole number/);
		expect(() => recipe('--algorithm', 'hdbscan', '--min-cluster-size', '1')).toThrow(/--min-cluster-size must be a whole number from 2 to/);
	});

	it('takes the knee of the k-distance curve when DBSCAN has no --eps', () => {
		const a = recipe('--algorithm', 'dbscan');
		expect(a.algorithm.name).toBe('dbscan');
		expect((a.algorithm as { eps: number }).eps).toBeGreaterThan(0);
	});

	it('rejects unknown algorithms, covariances and bad eps with the option named', () => {
		expect(() => parseRunArgs(['--input', 'a.csv', '--algorithm', 'spectral'])).toThrow(/--algorithm must be one of kmeans, minibatch/);
		expect(() => parseRunArgs(['--input', 'a.csv', '--algorithm', 'gmm', '--covariance', 'round'])).toThrow(/--covariance must be one of full, diag, spherical, tied/);
		expect(() => parseRunArgs(['--input', 'a.csv', '--algorithm', 'dbscan', '--eps', '0'])).toThrow(/--eps must be a number above 0/);
	});
});

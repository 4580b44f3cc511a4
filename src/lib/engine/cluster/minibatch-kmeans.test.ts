import { describe, expect, it } from 'vitest';
import { minibatchKmeans } from './minibatch-kmeans';
import { kmeans, assignNearest } from './kmeans';
import { adjustedRandIndex } from '../metrics/ari';
import { EngineError } from '../errors';
import { Rng } from '../random';

/** n rows around each of the given centres (cols = centre length), noise sd. */
function blobs(centres: number[][], n: number, sd: number, seed = 1): { X: Float64Array; truth: Int32Array; rows: number; cols: number } {
	const rng = new Rng(seed);
	const cols = centres[0].length;
	const rows = centres.length * n;
	const X = new Float64Array(rows * cols);
	const truth = new Int32Array(rows);
	for (let i = 0; i < rows; i++) {
		const c = i % centres.length;
		truth[i] = c;
		for (let j = 0; j < cols; j++) X[i * cols + j] = centres[c][j] + sd * rng.normal();
	}
	return { X, truth, rows, cols };
}

describe('minibatchKmeans', () => {
	const centres = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10], [10, 10, 10]];

	it('recovers well-separated blobs exactly and comes within 1% of full k-means inertia', () => {
		const { X, truth, rows, cols } = blobs(centres, 4000, 1);
		const mb = minibatchKmeans(X, rows, cols, 5, { batchSize: 256 }, { seed: 3 });
		expect(adjustedRandIndex(mb.labels, truth)).toBe(1);
		const full = kmeans(X, rows, cols, 5, { nInit: 3 }, { seed: 3 });
		expect(mb.inertia).toBeLessThan(full.inertia * 1.01);
		expect(mb.steps).toBeGreaterThan(0);
	});

	it('finishes with a full assignment pass: labels are each row\'s nearest final centre, inertia their sum', () => {
		const { X, rows, cols } = blobs(centres, 500, 3);
		const mb = minibatchKmeans(X, rows, cols, 4, { batchSize: 100, maxIter: 5 }, { seed: 9 });
		const check = assignNearest(X, rows, cols, mb.centers, 4);
		expect(Array.from(mb.labels)).toEqual(Array.from(check.labels));
		expect(mb.inertia).toBeCloseTo(check.inertia, 6);
	});

	it('is deterministic for a seed and differs across seeds', () => {
		const { X, rows, cols } = blobs(centres, 300, 4);
		const a = minibatchKmeans(X, rows, cols, 6, { batchSize: 64 }, { seed: 1 });
		const b = minibatchKmeans(X, rows, cols, 6, { batchSize: 64 }, { seed: 1 });
		expect(Array.from(a.centers)).toEqual(Array.from(b.centers));
		const c = minibatchKmeans(X, rows, cols, 6, { batchSize: 64 }, { seed: 2 });
		expect(Array.from(c.centers)).not.toEqual(Array.from(a.centers));
	});

	it('reassigns starved centres (a duplicated far point would otherwise hold a centre forever)', () => {
		// 2000 rows in two blobs, k = 3: with reassignment every centre ends up serving rows.
		const { X, rows, cols } = blobs([[0, 0], [20, 20]], 1000, 1);
		const mb = minibatchKmeans(X, rows, cols, 3, { batchSize: 50, reassignmentRatio: 0.3 }, { seed: 5 });
		expect(mb.reassigned).toBeGreaterThan(0);
		const sizes = [0, 0, 0];
		for (const l of mb.labels) sizes[l]++;
		expect(sizes.every((s) => s > 0)).toBe(true);
	});

	it('rejects k above the row count with a clear message', () => {
		const X = new Float64Array([0, 1, 2]);
		expect(() => minibatchKmeans(X, 3, 1, 4, {}, { seed: 0 })).toThrow(EngineError);
	});

	it('handles a batch larger than the data and k = rows', () => {
		const X = new Float64Array([0, 1, 5, 6]);
		const mb = minibatchKmeans(X, 4, 1, 4, { batchSize: 1024, maxIter: 3 }, { seed: 0 });
		expect(new Set(mb.labels).size).toBeGreaterThanOrEqual(3);
		expect(mb.inertia).toBeGreaterThanOrEqual(0);
	});
});

describe('minibatchKmeans against scikit-learn MiniBatchKMeans (tests/fixtures/minibatch/make_reference.py)', async () => {
	const { readFileSync } = await import('node:fs');
	const { loadCsv } = await import('../../../../tests/fixtures/sklearn/load');
	const ref = JSON.parse(readFileSync(new URL('../../../../tests/fixtures/minibatch/reference.json', import.meta.url), 'utf8')) as {
		batchSize: number; nInit: number; maxIter: number; reassignmentRatio: number;
		sets: Record<string, Record<string, { mean: number; min: number; max: number; kmeans: number }>>;
	};
	for (const name of ['iris', 'wine', 'blobs10k'] as const) {
		it(`reaches sklearn's mean inertia over 20 seeds on ${name} (z-scored), k = 3 and 8, within 3%`, () => {
			const { X, rows, cols } = loadCsv(name);
			// z-score as the reference script does (population sd).
			for (let j = 0; j < cols; j++) {
				let m = 0, s = 0;
				for (let i = 0; i < rows; i++) m += X[i * cols + j];
				m /= rows;
				for (let i = 0; i < rows; i++) s += (X[i * cols + j] - m) ** 2;
				s = Math.sqrt(s / rows);
				for (let i = 0; i < rows; i++) X[i * cols + j] = (X[i * cols + j] - m) / s;
			}
			for (const k of [3, 8]) {
				const r = ref.sets[name][String(k)];
				let sum = 0;
				for (let seed = 0; seed < 20; seed++) {
					sum += minibatchKmeans(X, rows, cols, k, { batchSize: ref.batchSize, nInit: ref.nInit, maxIter: ref.maxIter, reassignmentRatio: ref.reassignmentRatio }, { seed }).inertia;
				}
				const mean = sum / 20;
				expect(mean / r.mean).toBeLessThan(1.03);
				// Never better than full k-means by more than rounding (it is the same objective).
				expect(mean).toBeGreaterThan(r.kmeans * 0.999);
			}
		});
	}
});

import { describe, expect, it } from 'vitest';
import { sampledSilhouette, silhouetteSamples, silhouetteScore } from './silhouette';
import { EngineError } from '../errors';
import { loadCsv, reference, closeRel } from '../../../../tests/fixtures/sklearn/load';

const I = (v: number[]) => Int32Array.from(v);

describe('silhouette: exact small cases', () => {
	it('works four points on a line by hand', () => {
		// 0,1 | 4,6: point 0: a = 1, b = (4+6)/2 = 5 → 0.8; point 1: a = 1, b = 4 → 0.75;
		// point 4: a = 2, b = 3.5 → 1.5/3.5; point 6: a = 2, b = 5.5 → 3.5/5.5.
		const v = silhouetteSamples(new Float64Array([0, 1, 4, 6]), 4, 1, I([0, 0, 1, 1]), 2);
		const want = [0.8, 0.75, 1.5 / 3.5, 3.5 / 5.5];
		v.forEach((x, i) => expect(x).toBeCloseTo(want[i], 14));
		expect(silhouetteScore(new Float64Array([0, 1, 4, 6]), 4, 1, I([0, 0, 1, 1]), 2)).toBeCloseTo(
			want.reduce((a, b) => a + b) / 4, 14);
	});

	it('gives 0 to a point alone in its cluster and NaN to unclustered rows (which are ignored)', () => {
		const X = new Float64Array([0, 1, 4, 100, 6]);
		const v = silhouetteSamples(X, 5, 1, I([0, 0, 2, -1, 1]), 3);
		expect(v[2]).toBe(0);
		expect(v[4]).toBe(0);
		expect(Number.isNaN(v[3])).toBe(true);
		// Point 0: a = 1, b = min(4, 6) = 4 → 0.75 (the far row 100 must not count).
		expect(v[0]).toBeCloseTo(0.75, 14);
	});

	it('gives 0 for identical points split across clusters (0/0) and handles unused label values', () => {
		const v = silhouetteSamples(new Float64Array([3, 3, 3, 3]), 4, 1, I([0, 0, 4, 4]), 5);
		expect(Array.from(v)).toEqual([0, 0, 0, 0]);
	});

	it('rejects one cluster, as many clusters as rows, bad labels and NaN', () => {
		const X = new Float64Array([0, 1, 2]);
		expect(() => silhouetteScore(X, 3, 1, I([0, 0, 0]), 1)).toThrowError(/between 2 and 2 clusters/);
		expect(() => silhouetteScore(X, 3, 1, I([0, 1, 2]), 3)).toThrowError(EngineError);
		expect(() => silhouetteScore(X, 3, 1, I([0, 1, 5]), 3)).toThrowError(/outside/);
		expect(() => silhouetteScore(new Float64Array([0, NaN, 2]), 3, 1, I([0, 1, 1]), 2)).toThrowError(/missing/);
	});

	it('does not depend on row order, padding width or a constant extra column', () => {
		const { X, rows, cols, target } = loadCsv('wine'); // 13 columns: the generic kernel
		const base = silhouetteSamples(X, rows, cols, target, 3);
		const wide = new Float64Array(rows * (cols + 1));
		for (let i = 0; i < rows; i++) {
			wide.set(X.subarray(i * cols, i * cols + cols), i * (cols + 1));
			wide[i * (cols + 1) + cols] = -2;
		}
		const v = silhouetteSamples(wide, rows, cols + 1, target, 3);
		v.forEach((x, i) => expect(Math.abs(x - base[i])).toBeLessThan(1e-12));
	});
});

describe('silhouette vs scikit-learn 1.2.1', () => {
	for (const name of ['iris', 'wine', 'blobs10k'] as const) {
		const ref = reference[name === 'blobs10k' ? 'blobs' : name];
		const d = loadCsv(name);
		// Tolerance: the same labels give the same silhouette within 1e-9 relative.
		it(`${name}: silhouette_score of the true labels`, () => {
			const k = Math.max(...d.target) + 1;
			expect(closeRel(silhouetteScore(d.X, d.rows, d.cols, d.target, k), ref.targetSilhouette, 1e-9)).toBe(true);
		});
		for (const km of ref.kmeans.filter((r) => r.labels)) {
			it(`${name}: silhouette_score of sklearn's k=${km.k} labels`, () => {
				const s = silhouetteScore(d.X, d.rows, d.cols, I(km.labels!), km.k);
				expect(closeRel(s, km.silhouette, 1e-9)).toBe(true);
			});
		}
	}

	it('iris: every silhouette_samples value within 1e-9', () => {
		const d = loadCsv('iris');
		const v = silhouetteSamples(d.X, d.rows, d.cols, d.target, 3);
		reference.iris.targetSilhouetteSamples!.forEach((x, i) => expect(Math.abs(v[i] - x)).toBeLessThan(1e-9));
	});
});

describe('sampledSilhouette', () => {
	const d = loadCsv('blobs10k');
	const k = Math.max(...d.target) + 1;

	it('is exact when the clustered rows fit in the sample', () => {
		const labels = d.target.slice(0, 600);
		labels[5] = -1;
		const X = d.X.subarray(0, 600 * d.cols);
		const r = sampledSilhouette(X, 600, d.cols, labels, k, { seed: 1, sampleSize: 599 });
		expect(r.exact).toBe(true);
		expect(r.sampleRows).toBeNull();
		expect(r.sampleSize).toBe(599);
		expect(Number.isNaN(r.values[5])).toBe(true);
		expect(r.mean).toBe(silhouetteScore(X, 600, d.cols, labels, k));
	});

	it('samples deterministically by seed, only clustered rows, close to the exact value', () => {
		const labels = d.target.slice();
		for (let i = 0; i < labels.length; i += 10) labels[i] = -1;
		const a = sampledSilhouette(d.X, d.rows, d.cols, labels, k, { seed: 3, sampleSize: 2000 });
		const b = sampledSilhouette(d.X, d.rows, d.cols, labels, k, { seed: 3, sampleSize: 2000 });
		const c = sampledSilhouette(d.X, d.rows, d.cols, labels, k, { seed: 4, sampleSize: 2000 });
		expect(a.exact).toBe(false);
		expect(a.sampleRows!.length).toBe(2000);
		expect(Array.from(a.sampleRows!)).toEqual(Array.from(b.sampleRows!));
		expect(Array.from(a.sampleRows!)).not.toEqual(Array.from(c.sampleRows!));
		expect(a.sampleRows!.every((r) => labels[r] >= 0)).toBe(true);
		expect(new Set(a.sampleRows).size).toBe(2000);
		// The sample mean is an estimate of the full value (sklearn's target silhouette on all rows).
		expect(Math.abs(a.mean - reference.blobs.targetSilhouette)).toBeLessThan(0.02);
		// values[t] is the silhouette of sampleRows[t] among the sample: recompute it directly.
		const sub = new Float64Array(2000 * d.cols);
		const subLabels = new Int32Array(2000);
		a.sampleRows!.forEach((r, t) => {
			sub.set(d.X.subarray(r * d.cols, r * d.cols + d.cols), t * d.cols);
			subLabels[t] = labels[r];
		});
		const direct = silhouetteSamples(sub, 2000, d.cols, subLabels, k);
		a.values.forEach((v, t) => expect(v).toBeCloseTo(direct[t], 12));
	});
});

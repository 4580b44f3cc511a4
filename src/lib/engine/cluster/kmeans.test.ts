import { describe, expect, it } from 'vitest';
import { kmeans, assignNearest, kmeansSteps } from './kmeans';
import { EngineError } from '../errors';
import { Rng } from '../random';
import { loadCsv, reference, closeRel } from '../../../../tests/fixtures/sklearn/load';

const seed = { seed: 42 };

function rowsOf(X: Float64Array, cols: number, ids: number[]): Float64Array {
	const out = new Float64Array(ids.length * cols);
	ids.forEach((r, i) => out.set(X.subarray(r * cols, r * cols + cols), i * cols));
	return out;
}

describe('kmeans: exact small cases', () => {
	it('follows Lloyd by hand on 0, 1, 10, 11 from centres 0 and 1', () => {
		const X = new Float64Array([0, 1, 10, 11]);
		// it 1: labels 0,1,1,1 -> centres 0, 22/3; it 2: labels 0,0,1,1 -> 0.5, 10.5; it 3: unchanged -> strict stop.
		const steps = [...kmeansSteps(X, 4, 1, 2, new Float64Array([0, 1]))];
		expect(steps.map((s) => Array.from(s.labels))).toEqual([[0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 1, 1]]);
		expect(steps[0].centers[1]).toBeCloseTo(22 / 3, 12);
		expect(steps[0].converged).toBe(false);
		const r = kmeans(X, 4, 1, 2, { init: new Float64Array([0, 1]) }, seed);
		expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
		expect(Array.from(r.centers)).toEqual([0.5, 10.5]);
		expect(r.inertia).toBeCloseTo(1, 12);
		expect(r.iterations).toBe(3);
		expect(r.converged).toBe(true);
		expect(steps[2]).toMatchObject({ iteration: 3, converged: true, done: true, inertia: r.inertia });
	});

	it('stops at maxIter without claiming convergence, with labels matching the final centres', () => {
		const X = new Float64Array([0, 1, 10, 11]);
		const r = kmeans(X, 4, 1, 2, { init: new Float64Array([0, 1]), maxIter: 1 }, seed);
		expect(r.iterations).toBe(1);
		expect(r.converged).toBe(false);
		// Centres after one update: 0 and 22/3; the final relabelling moves row 1 (value 1) to centre 0.
		expect(Array.from(r.labels)).toEqual([0, 0, 1, 1]);
		expect(r.inertia).toBeCloseTo(1 + (10 - 22 / 3) ** 2 + (11 - 22 / 3) ** 2, 12);
		const steps = [...kmeansSteps(X, 4, 1, 2, new Float64Array([0, 1]), { maxIter: 1 })];
		expect(steps).toHaveLength(1);
		expect(steps[0]).toMatchObject({ converged: false, done: true, inertia: r.inertia });
		expect(Array.from(steps[0].labels)).toEqual([0, 0, 1, 1]);
	});

	it('handles one row with k = 1', () => {
		const r = kmeans(new Float64Array([3, -2]), 1, 2, 1, {}, seed);
		expect(Array.from(r.labels)).toEqual([0]);
		expect(Array.from(r.centers)).toEqual([3, -2]);
		expect(r.inertia).toBe(0);
	});

	it('puts every row in its own cluster when k = rows', () => {
		const X = new Float64Array([0, 0, 5, 5, 0, 9, 7, 1]);
		const r = kmeans(X, 4, 2, 4, {}, seed);
		expect(new Set(r.labels).size).toBe(4);
		expect(r.inertia).toBe(0);
	});

	it('survives duplicate points and more clusters than distinct points (empty clusters relocated)', () => {
		const X = new Float64Array([1, 1, 1, 1, 5, 5, 5, 5, 9, 9]);
		const r = kmeans(X, 10, 1, 4, {}, seed);
		expect(r.inertia).toBe(0);
		expect(r.labels.every((l) => l >= 0 && l < 4)).toBe(true);
		// From two identical starting centres the second one is empty at once and must be relocated, not NaN.
		const s = kmeans(X, 10, 1, 3, { init: new Float64Array([1, 1, 9]) }, seed);
		expect(Array.from(s.centers).every(Number.isFinite)).toBe(true);
		expect(s.inertia).toBe(0);
		expect(new Set(s.labels).size).toBe(3);
	});

	it('ignores a constant column', () => {
		const { X, rows, cols } = loadCsv('iris');
		const wide = new Float64Array(rows * (cols + 1));
		for (let i = 0; i < rows; i++) {
			wide.set(X.subarray(i * cols, i * cols + cols), i * (cols + 1));
			wide[i * (cols + 1) + cols] = 7;
		}
		const init = rowsOf(X, cols, [0, 50, 100]);
		const initWide = rowsOf(wide, cols + 1, [0, 50, 100]);
		const a = kmeans(X, rows, cols, 3, { init }, seed);
		const b = kmeans(wide, rows, cols + 1, 3, { init: initWide }, seed);
		expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
		expect(b.inertia).toBeCloseTo(a.inertia, 9);
	});

	it('assignNearest gives nearest centres, distances and their sum', () => {
		const X = new Float64Array([0, 0, 3, 4, 10, 0]);
		const r = assignNearest(X, 3, 2, new Float64Array([0, 0, 10, 1]), 2);
		expect(Array.from(r.labels)).toEqual([0, 0, 1]);
		expect(Array.from(r.sqDistances).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 25, 1]);
		expect(r.inertia).toBeCloseTo(26, 9);
	});
});

describe('assignment kernels (strides 4, 8, 16, 24; odd row counts)', () => {
	it.each([1, 3, 4, 5, 7, 8, 9, 13, 17])('assignNearest matches brute force with %i columns', (cols) => {
		const rng = new Rng(cols);
		const rows = 101;
		const k = 6;
		const X = Float64Array.from({ length: rows * cols }, () => rng.normal() * 3 + 10);
		const C = Float64Array.from({ length: k * cols }, () => rng.normal() * 3 + 10);
		const r = assignNearest(X, rows, cols, C, k);
		let total = 0;
		for (let i = 0; i < rows; i++) {
			let best = Infinity;
			let bi = -1;
			for (let c = 0; c < k; c++) {
				let d = 0;
				for (let j = 0; j < cols; j++) d += (X[i * cols + j] - C[c * cols + j]) ** 2;
				if (d < best) {
					best = d;
					bi = c;
				}
			}
			expect(r.labels[i]).toBe(bi);
			expect(Math.abs(r.sqDistances[i] - best)).toBeLessThan(1e-9 * best + 1e-12);
			total += best;
		}
		expect(r.inertia).toBeCloseTo(total, 8);
		// And a full run on the same data: the centres are the means of their clusters.
		const km = kmeans(X, rows, cols, k, { nInit: 2 }, { seed: 5 });
		for (let c = 0; c < k; c++) {
			const members = Array.from(km.labels.keys()).filter((i) => km.labels[i] === c);
			expect(members.length).toBeGreaterThan(0);
			for (let j = 0; j < cols; j++) {
				const m = members.reduce((s, i) => s + X[i * cols + j], 0) / members.length;
				expect(Math.abs(km.centers[c * cols + j] - m)).toBeLessThan(1e-9);
			}
		}
	});
});

describe('kmeans: validation, determinism, control', () => {
	const X = new Float64Array([0, 1, 2, 3, 4, 5]);
	it.each([
		[0, /at least 1/],
		[7, /Cannot make 7 clusters from 6 rows/],
		[2.5, /whole number/]
	])('rejects k = %s', (k, msg) => {
		expect(() => kmeans(X, 6, 1, k, {}, seed)).toThrowError(msg);
		try {
			kmeans(X, 6, 1, k, {}, seed);
		} catch (e) {
			expect(e).toBeInstanceOf(EngineError);
			expect((e as EngineError).code).toBe('bad-parameter');
			expect((e as EngineError).hint.length).toBeGreaterThan(0);
		}
	});

	it('rejects NaN with the row and a hint', () => {
		const bad = new Float64Array([0, 1, NaN, 3]);
		expect(() => kmeans(bad, 2, 2, 1, {}, seed)).toThrowError(/Row 2, feature 1 is NaN/);
	});

	it('same seed gives the same result; restarts are seeded independently', () => {
		const { X: B, rows, cols } = loadCsv('wine');
		const a = kmeans(B, rows, cols, 4, { nInit: 3 }, { seed: 7 });
		const b = kmeans(B, rows, cols, 4, { nInit: 3 }, { seed: 7 });
		expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
		expect(a.inertia).toBe(b.inertia);
		expect(Array.from(a.centers)).toEqual(Array.from(b.centers));
	});

	it('cancels through the abort signal and reports progress up to 1', () => {
		const ctl = new AbortController();
		ctl.abort();
		expect(() => kmeans(X, 6, 1, 2, {}, { seed: 1, signal: ctl.signal })).toThrowError(/cancelled/);
		const fractions: number[] = [];
		kmeans(X, 6, 1, 2, { nInit: 2 }, { seed: 1, onProgress: (p) => fractions.push(p.fraction) });
		expect(fractions.at(-1)).toBe(1);
		expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
	});
});

describe('kmeans vs scikit-learn 1.2.1 (tests/fixtures/sklearn)', () => {
	for (const name of ['iris', 'wine', 'blobs10k'] as const) {
		const ref = reference[name === 'blobs10k' ? 'blobs' : name];
		const data = loadCsv(name);
		for (const r of ref.kmeans) {
			// Tolerance: our best-of-10 inertia ≤ 1.005 × sklearn's best-of-10 (random_state=0). For k = 6 on iris
			// and wine the best of 10 restarts is luck (sklearn itself gives 80.0–81.8 on iris over random states),
			// so there we check that 50 restarts reach sklearn's value and compare means over 40 seeds (≤ 1.01 ×).
			const seedSensitive = r.k >= 6;
			it(`${name} k=${r.k}: best-of-10 inertia ≤ 1.005 × sklearn's (${r.inertia.toFixed(4)})`, () => {
				const ours = kmeans(data.X, data.rows, data.cols, r.k, { nInit: seedSensitive ? 50 : 10 }, { seed: 0 });
				expect(ours.inertia).toBeLessThanOrEqual(r.inertia * 1.005);
				expect(ours.inertia).toBeGreaterThan(r.inertia * 0.95);
				if (r.meanInertiaOver40Seeds != null) {
					let sum = 0;
					for (let s = 0; s < 40; s++) sum += kmeans(data.X, data.rows, data.cols, r.k, { nInit: 10 }, { seed: s }).inertia;
					expect(sum / 40).toBeLessThanOrEqual(r.meanInertiaOver40Seeds * 1.01);
				}
			});
		}
		for (const e of ref.explicit) {
			it(`${name}: Lloyd from rows ${e.initRows.slice(0, 6).join(',')} gives sklearn's labels, inertia, n_iter`, () => {
				const init = rowsOf(data.X, data.cols, e.initRows);
				const ours = kmeans(data.X, data.rows, data.cols, e.initRows.length, { init }, seed);
				expect(Array.from(ours.labels)).toEqual(e.labels);
				expect(closeRel(ours.inertia, e.inertia, 1e-9)).toBe(true);
				expect(ours.iterations).toBe(e.nIter);
				ours.centers.forEach((v, i) => expect(Math.abs(v - e.centers[i])).toBeLessThan(1e-9));
				const steps = [...kmeansSteps(data.X, data.rows, data.cols, e.initRows.length, init)];
				const last = steps[steps.length - 1];
				expect(Array.from(last.labels)).toEqual(Array.from(ours.labels));
				expect(Array.from(last.centers)).toEqual(Array.from(ours.centers));
				expect(last.inertia).toBe(ours.inertia);
				expect(last.iteration).toBe(ours.iterations);
			});
		}
	}
});

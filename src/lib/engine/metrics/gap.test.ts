import { describe, expect, it } from 'vitest';
import { kmeans } from '../cluster/kmeans';
import { firstSEmax, gapAtK, gapFrame, referenceSet, totalSS, type WithinSS } from './gap';
import { gapReference, loadGapData, type GapRef } from '../../../../tests/fixtures/metrics/load';

// clusGap's W_k with d.power = 2: half the within-cluster sum of squares.
const withinSS: WithinSS = (Z, rows, cols, k, seed) => 0.5 * kmeans(Z, rows, cols, k, { nInit: 10, maxIter: 100 }, { seed }).inertia;

describe('firstSEmax, as R cluster::maxSE', () => {
	it('takes the first local maximum, then the smallest k within one SE of it', () => {
		// maxSE(c(1, 2, 3, 2.5), c(.1, .1, .1, .1), "firstSEmax") = 3
		expect(firstSEmax([1, 2, 3, 2.5], [0.1, 0.1, 0.1, 0.1])).toBe(2);
		// maxSE(c(1, 2.95, 3, 2.5), rep(.1, 4), "firstSEmax") = 2 (2.95 >= 3 - .1)
		expect(firstSEmax([1, 2.95, 3, 2.5], [0.1, 0.1, 0.1, 0.1])).toBe(1);
		// Increasing throughout: the last k.
		expect(firstSEmax([1, 2, 3], [0, 0, 0])).toBe(2);
		// Ties count as a decrease (diff <= 0).
		expect(firstSEmax([2, 2, 3], [0, 0, 0])).toBe(0);
		expect(firstSEmax([], [])).toBe(-1);
	});
});

describe('gap statistic pieces', () => {
	it('reference data fill the principal-axis box, the same for the same seed and b', () => {
		const X = new Float64Array([0, 0, 1, 1, 2, 2, 3, 3.1]);
		const f = gapFrame(X, 4, 2);
		const a = referenceSet(f, 5, 0), b = referenceSet(f, 5, 0), c = referenceSet(f, 5, 1);
		expect(Array.from(a)).toEqual(Array.from(b));
		expect(Array.from(a)).not.toEqual(Array.from(c));
		for (let i = 0; i < 4; i++) for (let j = 0; j < 2; j++) {
			expect(a[i * 2 + j]).toBeGreaterThanOrEqual(f.lo[j]);
			expect(a[i * 2 + j]).toBeLessThanOrEqual(f.hi[j]);
		}
		// Nearly collinear data: the second axis is thin.
		expect(f.hi[1] - f.lo[1]).toBeLessThan(0.2);
	});
	it('W_1 is the total sum of squares; gap and SE follow the definition', () => {
		expect(totalSS(new Float64Array([0, 2, 4]), 3, 1)).toBe(8);
		const X = new Float64Array([0, 0.1, 10, 10.1]);
		const f = gapFrame(X, 4, 1);
		const g = gapAtK(f, 2, 0.01, 5, 1, withinSS);
		expect(g.logW).toBeCloseTo(Math.log(0.01), 14);
		expect(g.gap).toBeCloseTo(g.expectedLogW - g.logW, 14);
		expect(g.gap).toBeGreaterThan(3);
		expect(() => gapAtK(f, 2, 0.01, 1, 1, withinSS)).toThrow(/B ≥ 2/);
	});
});

describe("picks R's cluster::clusGap(firstSEmax) choice (tests/fixtures/metrics/make_gap_reference.R)", () => {
	const stable = Object.entries(gapReference).filter((e): e is [string, GapRef] => typeof e[1] === 'object' && e[1].stable);
	it('has stable reference data sets', () => expect(stable.length).toBeGreaterThanOrEqual(3));
	for (const [name, ref] of stable) {
		it(`${name}: k = ${ref.kChosen[0]} for seeds 1 and 2`, () => {
			const { X, rows, cols } = loadGapData(name);
			const frame = gapFrame(X, rows, cols);
			for (const seed of [1, 2]) {
				const pts = [];
				for (let k = 1; k <= 8; k++) {
					const w = k === 1 ? 0.5 * totalSS(X, rows, cols) : withinSS(X, rows, cols, k, seed * 100 + k);
					pts.push(gapAtK(frame, k, w, 50, seed, withinSS));
				}
				expect(firstSEmax(pts.map((p) => p.gap), pts.map((p) => p.se)) + 1).toBe(ref.kChosen[0]);
			}
		});
	}
});

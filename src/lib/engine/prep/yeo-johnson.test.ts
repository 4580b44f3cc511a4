import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitYeoJohnson, invertYeoJohnson, yeoJohnson } from './yeo-johnson';
import { numpyVar, pairwiseSum } from './pairwise-sum';

// Made by tests/fixtures/yeo-johnson/make_reference.py (scikit-learn 1.2.1 PowerTransformer).
const ref = JSON.parse(readFileSync(new URL('../../../../tests/fixtures/yeo-johnson/yeo_johnson_reference.json', import.meta.url), 'utf8')) as {
	cases: { name: string; x: (number | null)[]; lambda: number; y: (number | null)[]; z: (number | null)[] }[];
};
const TOL = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));

describe('Yeo-Johnson against scikit-learn 1.2.1', () => {
	// The transform itself is exact: at scikit-learn's lambda it gives scikit-learn's values to 1e-9. The fitted
	// lambda is Brent's (scipy's algorithm step for step), but numpy evaluates log and power with SIMD kernels
	// (SVML, a few ulps, CPU-dependent) where V8 uses fdlibm; near its minimum the likelihood is flat to rounding, so a
	// minimiser is only located to about sqrt(machine epsilon) = 1.48e-8 (scipy's default xtol, for that reason) and
	// the two searches stop at different points: lambda is held to 1.48e-8 (measured at most 4.5e-9 here).
	for (const c of ref.cases) {
		it(`${c.name}: the transform to 1e-9 at scikit-learn's lambda; the fitted lambda within Brent's tolerance`, () => {
			const x = Float64Array.from(c.x, (v) => (v === null ? NaN : v));
			const y = Array.from(x, (v) => yeoJohnson(v, c.lambda));
			y.forEach((v, i) => (c.y[i] === null ? expect(v).toBeNaN() : expect(close(v, c.y[i]!), `${i}: ${v} vs ${c.y[i]}`).toBe(true)));
			// standardize=True: the z-scores of the transformed values (population sd), as the zscore step gives.
			const present = y.filter((v) => v === v);
			const mean = present.reduce((a, b) => a + b, 0) / present.length;
			const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
			y.forEach((v, i) => c.z[i] !== null && expect(close((v - mean) / sd, c.z[i]!)).toBe(true));
			const lambda = fitYeoJohnson(x);
			expect(Math.abs(lambda - c.lambda)).toBeLessThanOrEqual(1.48e-8 * Math.max(1, Math.abs(c.lambda)));
			const yFit = Array.from(x, (v) => yeoJohnson(v, lambda));
			yFit.forEach((v, i) => c.y[i] !== null && expect(Math.abs(v - c.y[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(c.y[i]!))));
		});
	}

	it('inverts', () => {
		for (const lambda of [-1.3, 0, 0.4, 1, 2, 2.7]) for (const x of [-40, -1, -0.2, 0, 0.3, 5, 1234]) expect(invertYeoJohnson(yeoJohnson(x, lambda), lambda)).toBeCloseTo(x, 8);
	});

	it('is log1p at lambda 0 for non-negative values, and the identity at lambda 1', () => {
		expect(yeoJohnson(9, 0)).toBe(Math.log1p(9));
		expect(yeoJohnson(-3, 1)).toBeCloseTo(-3, 14);
		expect(yeoJohnson(3, 1)).toBeCloseTo(3, 14);
	});

	it('numpy-order sums: exact on a hand-made case', () => {
		const a = Float64Array.from({ length: 20 }, (_, i) => (i % 2 ? 1e16 : 1));
		// Pairwise order: eight accumulators over 16 values, then 4 more one by one.
		const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => a[j] + a[j + 8]);
		let want = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
		for (let i = 16; i < 20; i++) want += a[i];
		expect(pairwiseSum(a)).toBe(want);
		expect(numpyVar(Float64Array.of(1, 2, 3, 4))).toBe(1.25);
	});
});

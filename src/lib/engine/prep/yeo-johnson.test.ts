import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitYeoJohnson, invertYeoJohnson, yeoJohnson } from './yeo-johnson';
import { numpyVar, pairwiseSum } from './pairwise-sum';
import { lnDD, lnExact, powFromLn } from './exact-pow';

// Made by tests/fixtures/yeo-johnson/make_reference.py (scikit-learn 1.2.1 PowerTransformer, numpy 1.24.2 with its
// baseline kernels; lambdaAvx512: the same with numpy's AVX-512 kernels).
const ref = JSON.parse(readFileSync(new URL('../../../../tests/fixtures/yeo-johnson/yeo_johnson_reference.json', import.meta.url), 'utf8')) as {
	cases: { name: string; x: (number | null)[]; lambda: number; lambdaAvx512: number; y: (number | null)[]; z: (number | null)[] }[];
};
const TOL = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b));

describe('Yeo-Johnson against scikit-learn 1.2.1', () => {
	// The fitted lambda is Brent's (scipy's algorithm step for step) on scikit-learn's likelihood, with powers and
	// logarithms rounded to the nearest double (exact-pow.ts) as the C library numpy calls does: lambda to 1e-9
	// (relative, or absolute below 1). numpy's AVX-512 kernels are a few ulps off, and near its minimum the
	// likelihood is flat to rounding, so scikit-learn on an AVX-512 CPU stops elsewhere within Brent's tolerance,
	// 1.48e-8 (up to 4.5e-9 from its own baseline here): that is checked too.
	expect(ref.cases.length).toBeGreaterThanOrEqual(7);
	for (const c of ref.cases) {
		it(`${c.name}: lambda to 1e-9, the transform to 1e-9 at it, the standardized values to 1e-9`, () => {
			const x = Float64Array.from(c.x, (v) => (v === null ? NaN : v));
			const lambda = fitYeoJohnson(x);
			expect(Math.abs(lambda - c.lambda), `${lambda} vs ${c.lambda}`).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(c.lambda)));
			expect(Math.abs(lambda - c.lambdaAvx512)).toBeLessThanOrEqual(1.48e-8 * Math.max(1, Math.abs(c.lambdaAvx512)));
			// The transform at the fitted lambda gives scikit-learn's values.
			const y = Array.from(x, (v) => yeoJohnson(v, lambda));
			y.forEach((v, i) => (c.y[i] === null ? expect(v).toBeNaN() : expect(close(v, c.y[i]!), `${i}: ${v} vs ${c.y[i]}`).toBe(true)));
			// standardize=True: the z-scores of the transformed values (population sd), as the zscore step gives.
			const present = y.filter((v) => v === v);
			const mean = present.reduce((a, b) => a + b, 0) / present.length;
			const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
			y.forEach((v, i) => c.z[i] !== null && expect(close((v - mean) / sd, c.z[i]!)).toBe(true));
		});
	}

	it('powers and logarithms rounded to the nearest double (checked against 60-digit decimals)', () => {
		// (b, e, b^e) and (b, ln b) rounded from Python's decimal module at 60 digits; Node 20's Math.pow and Math.log miss
		// each by one ulp.
		const powers: [number, number, number][] = [
			[20.012117237133836, 0.017209288328581027, 1.052917459189789],
			[2.418531763918864, 1.982790711671419, 5.761067155676085],
			[2.327196488286779, 1.982790711671419, 5.337687819562228]
		];
		for (const [b, e, p] of powers) {
			expect(powFromLn(b, ...lnDD(b), e)).toBe(p);
		}
		for (const [b, l] of [[2.733384423403609, 1.0055405569165392], [328.7407050962675, 5.795269309620843]]) {
			expect(lnExact(b)).toBe(l);
		}
		expect(powFromLn(7, ...lnDD(7), 0)).toBe(1);
	});

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

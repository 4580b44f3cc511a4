import { describe, expect, it } from 'vitest';
import { kmeansPlusPlus, randomInit, searchLeft } from './kmeans-init';
import { Rng } from '../random';
import { EngineError } from '../errors';

/** Three tight, far-apart groups of 50 rows in 2-D around (0,0), (100,0), (0,100). */
function threeGroups(): Float64Array {
	const rng = new Rng(9);
	const X = new Float64Array(150 * 2);
	const at = [[0, 0], [100, 0], [0, 100]];
	for (let i = 0; i < 150; i++) {
		X[i * 2] = at[i % 3][0] + rng.normal() * 0.1;
		X[i * 2 + 1] = at[i % 3][1] + rng.normal() * 0.1;
	}
	return X;
}

describe('searchLeft (numpy searchsorted side="left", clipped)', () => {
	const cum = new Float64Array([1, 3, 3, 6]);
	it.each([[0, 0], [1, 0], [1.5, 1], [3, 1], [3.1, 3], [6, 3], [7, 3]])('value %f → %i', (v, want) => {
		expect(searchLeft(cum, v)).toBe(want);
	});
});

describe('kmeansPlusPlus', () => {
	it('puts one centre in each of three far-apart groups, for many seeds', () => {
		const X = threeGroups();
		for (let seed = 0; seed < 20; seed++) {
			const C = kmeansPlusPlus(X, 150, 2, 3, new Rng(seed));
			const groups = new Set<number>();
			for (let c = 0; c < 3; c++) groups.add(C[c * 2] > 50 ? 1 : C[c * 2 + 1] > 50 ? 2 : 0);
			expect(groups.size).toBe(3);
		}
	});

	it('returns rows of X, deterministic per seed', () => {
		const X = threeGroups();
		const a = kmeansPlusPlus(X, 150, 2, 3, new Rng(4));
		const b = kmeansPlusPlus(X, 150, 2, 3, new Rng(4));
		expect(Array.from(a)).toEqual(Array.from(b));
		for (let c = 0; c < 3; c++) {
			const isRow = Array.from({ length: 150 }, (_, i) => i).some((i) => X[i * 2] === a[c * 2] && X[i * 2 + 1] === a[c * 2 + 1]);
			expect(isRow).toBe(true);
		}
	});

	it('copes with all-identical rows (zero potential) and one local trial', () => {
		const X = new Float64Array(20).fill(2);
		expect(Array.from(kmeansPlusPlus(X, 10, 2, 3, new Rng(1), 1))).toEqual(new Array(6).fill(2));
	});

	it('rejects k outside 1..rows and honours an aborted signal', () => {
		const X = threeGroups();
		expect(() => kmeansPlusPlus(X, 150, 2, 151, new Rng(1))).toThrowError(EngineError);
		expect(() => kmeansPlusPlus(X, 150, 2, 0, new Rng(1))).toThrowError(/starting centres/);
		const ctl = new AbortController();
		ctl.abort();
		expect(() => kmeansPlusPlus(X, 150, 2, 3, new Rng(1), undefined, { signal: ctl.signal })).toThrowError(/cancelled/);
	});
});

describe('randomInit', () => {
	it('picks k distinct rows', () => {
		const X = Float64Array.from({ length: 40 }, (_, i) => i); // 20 rows × 2, all different
		const C = randomInit(X, 20, 2, 20, new Rng(3));
		const firsts = new Set(Array.from({ length: 20 }, (_, c) => C[c * 2]));
		expect(firsts.size).toBe(20);
		for (let c = 0; c < 20; c++) expect(C[c * 2 + 1]).toBe(C[c * 2] + 1);
	});
});

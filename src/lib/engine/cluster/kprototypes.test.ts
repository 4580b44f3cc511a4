import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distinctStarts, huangGamma, kprototypes } from './kprototypes';
import { kprototypesRun, type MixedRows } from './kprototypes-run';
import { Rng } from '../random';
import { referenceKPrototypes, type RefRecord } from '../../../../tests/support/kprototypes-reference';
import { rMixed, wholesaleMixedPath } from '../../../../tests/fixtures/mixed/load';

/** z-scores numeric columns (population sd) and codes categorical ones by first appearance. */
function mixedRows(numCols: number[][], catCols: (string | number)[][]): MixedRows {
	const rows = (numCols[0] ?? catCols[0]).length;
	const pn = numCols.length, pc = catCols.length;
	const num = new Float64Array(rows * pn), cat = new Int32Array(rows * pc);
	numCols.forEach((col, j) => {
		const m = col.reduce((a, b) => a + b, 0) / rows;
		const sd = Math.sqrt(col.reduce((a, b) => a + (b - m) ** 2, 0) / rows) || 1;
		col.forEach((v, i) => (num[i * pn + j] = (v - m) / sd));
	});
	const levels = catCols.map((col, a) => {
		const codes = new Map<string | number, number>();
		col.forEach((v, i) => {
			if (!codes.has(v)) codes.set(v, codes.size);
			cat[i * pc + a] = codes.get(v)!;
		});
		return codes.size;
	});
	return { rows, pn, num, pc, cat, levels };
}

function records(d: MixedRows): RefRecord[] {
	return Array.from({ length: d.rows }, (_, i) => ({ num: Array.from(d.num.subarray(i * d.pn, (i + 1) * d.pn)), cat: Array.from(d.cat.subarray(i * d.pc, (i + 1) * d.pc)) }));
}

function wholesale(): MixedRows {
	const lines = readFileSync(wholesaleMixedPath, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
	return mixedRows([2, 3, 4, 5, 6, 7].map((j) => lines.map((r) => Number(r[j]))), [0, 1].map((j) => lines.map((r) => r[j])));
}

function flower(): MixedRows {
	const v = rMixed.flower.variables;
	return mixedRows(v.slice(4).map((x) => x.values as number[]), v.slice(0, 4).map((x) => x.values as number[]));
}

function synthetic(): MixedRows {
	const rng = new Rng(7);
	const n = 300;
	const group = Array.from({ length: n }, () => rng.int(3));
	const num = [0, 1, 2].map((j) => group.map((g) => g * (j + 1) + rng.normal()));
	const cat = [4, 3, 2].map((L) => group.map((g) => (rng.next() < 0.7 ? g % L : rng.int(L))));
	return mixedRows(num, cat);
}

/** The synthetic set with 5% of its category cells missing (code −1: never a mode, always a mismatch). */
function withMissing(): MixedRows {
	const d = synthetic();
	const rng = new Rng(8);
	for (let t = 0; t < d.cat.length; t++) if (rng.next() < 0.05) d.cat[t] = -1;
	return d;
}

const cases: [string, () => MixedRows, number[]][] = [
	['wholesale (Channel, Region + 6 spending, z-scored)', wholesale, [2, 3, 4, 5]],
	['flower', flower, [2, 3, 4]],
	['synthetic 300 × (3 + 3)', synthetic, [2, 3, 4, 6]],
	['synthetic with 5% missing categories', withMissing, [3, 5]]
];

describe.each(cases)('k-prototypes equals the reference implementation from Huang (1998) on %s', (_name, make, ks) => {
	const d = make();
	const gamma = huangGamma(d);
	it.each(ks)('k = %i, five seeded starts each: labels, modes exactly; means and cost to 1e-9', (k) => {
		const rng = new Rng(1000 + k);
		for (let r = 0; r < 5; r++) {
			const starts = distinctStarts(d, k, rng);
			const ours = kprototypesRun(d, k, gamma, starts, 100);
			const ref = referenceKPrototypes(records(d), k, gamma, Array.from(starts));
			expect(ours.converged).toBe(true);
			expect(Array.from(ours.labels)).toEqual(ref.labels);
			for (let l = 0; l < k; l++) {
				expect(Array.from(ours.modes.subarray(l * d.pc, (l + 1) * d.pc))).toEqual(ref.prototypes[l].cat);
				ref.prototypes[l].num.forEach((v, j) => expect(Math.abs(ours.means[l * d.pn + j] - v)).toBeLessThan(1e-9));
			}
			expect(Math.abs(ours.cost - ref.cost)).toBeLessThan(1e-9 * Math.max(1, ref.cost));
		}
	});
	it('restarts keep the lowest-cost start, and that start reproduces it', () => {
		const best = kprototypes(d, 3, { nInit: 6, maxPasses: 100 }, { seed: 11 });
		expect(best.gamma).toBe(gamma);
		const ref = referenceKPrototypes(records(d), 3, gamma, Array.from(best.starts));
		expect(Array.from(best.labels)).toEqual(ref.labels);
		const rng = new Rng(11);
		const costs = Array.from({ length: 6 }, () => kprototypesRun(d, 3, gamma, distinctStarts(d, 3, rng), 100).cost);
		expect(best.cost).toBe(Math.min(...costs));
		expect(best.bestRestart).toBe(costs.indexOf(best.cost));
	});
});

describe('k-prototypes by hand', () => {
	it("Huang's γ: half the mean standard deviation of the numeric attributes", () => {
		// sd of [0, 2] = 1, sd of [0, 6] = 3 → σ = 2, γ = 1.
		const d: MixedRows = { rows: 2, pn: 2, num: new Float64Array([0, 0, 2, 6]), pc: 1, cat: new Int32Array([0, 1]), levels: [2] };
		expect(huangGamma(d)).toBe(1);
		expect(huangGamma({ ...d, pn: 0, num: new Float64Array(0) })).toBe(1);
	});
	it('two groups split by a category when γ is large, by the numbers when it is small', () => {
		// Numbers say {0,1} vs {2,3}; the category says {0,2} vs {1,3}.
		const d: MixedRows = { rows: 4, pn: 1, num: new Float64Array([0, 0.1, 5, 5.1]), pc: 1, cat: new Int32Array([0, 1, 0, 1]), levels: [2] };
		const byNumber = kprototypesRun(d, 2, 0.01, Int32Array.from([0, 2]), 10).labels;
		expect(byNumber[0]).toBe(byNumber[1]);
		expect(byNumber[0]).not.toBe(byNumber[2]);
		const byCategory = kprototypesRun(d, 2, 100, Int32Array.from([0, 1]), 10).labels;
		expect(byCategory[0]).toBe(byCategory[2]);
		expect(byCategory[0]).not.toBe(byCategory[1]);
	});
	it('refuses k above the number of distinct rows', () => {
		const d: MixedRows = { rows: 3, pn: 1, num: new Float64Array([1, 1, 2]), pc: 0, cat: new Int32Array(0), levels: [] };
		expect(() => kprototypes(d, 3, { nInit: 1, maxPasses: 10 }, { seed: 0 })).toThrow(/only 2/);
	});
});

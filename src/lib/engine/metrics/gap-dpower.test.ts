/**
 * The gap statistic for both of R clusGap's d.power values, against tests/fixtures/metrics/gap_dpower_reference.json
 * (make_gap_dpower_reference.R: cluster::clusGap, spaceH0 = "scaledPCA", B = 50, K.max = 8, kmeans nstart = 25).
 * Tolerances: log W of the data itself within 1e-9 (same partition, same formula); E[log W*] within four standard
 * deviations of R's seed-to-seed spread (the reference sets are random and R's generator is not ours); the chosen k
 * equal wherever R chose the same k for all of its 10 seeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kmeans } from '../cluster/kmeans';
import { firstSEmax, gapAtK, gapFrame, type WithinSS } from './gap';
import { withinDispersion, type GapDPower } from './gap-within';
import { loadGapData } from '../../../../tests/fixtures/metrics/load';

interface DRef { logW: number[]; ElogW: number[]; EsdB: number[]; SE: number[]; kChosen: number[]; stable: boolean }
const ref: Record<string, Record<'1' | '2', DRef> | string> = JSON.parse(
	readFileSync(new URL('../../../../tests/fixtures/metrics/gap_dpower_reference.json', import.meta.url), 'utf8')
);

const W = (p: GapDPower): WithinSS => (Z, rows, cols, k, seed) =>
	withinDispersion(Z, rows, cols, kmeans(Z, rows, cols, k, { nInit: 25, maxIter: 100 }, { seed }).labels, k, p);

describe('withinDispersion, as clusGap W.k', () => {
	it('is half the sum over segments of pairwise distance^p over the segment size (worked by hand)', () => {
		// Segment 0: points 0, 3 on a line; segment 1: 10, 11, 13.
		const X = new Float64Array([0, 10, 3, 11, 13]);
		const labels = new Int32Array([0, 1, 0, 1, 1]);
		// d.power 1: ½ (3/2 + (1 + 3 + 2)/3) = 1.75; d.power 2: ½ (9/2 + (1 + 9 + 4)/3) = 4.583…
		expect(withinDispersion(X, 5, 1, labels, 2, 1)).toBeCloseTo(1.75, 14);
		expect(withinDispersion(X, 5, 1, labels, 2, 2)).toBeCloseTo(0.5 * (4.5 + 14 / 3), 14);
	});
	it('refuses d.power 1 above its row limit, naming d.power 2', () => {
		expect(() => withinDispersion(new Float64Array(20_001), 20_001, 1, new Int32Array(20_001), 1, 1)).toThrow(/d\.power 1 .* above its limit of 20,000/);
		try {
			withinDispersion(new Float64Array(20_001), 20_001, 1, new Int32Array(20_001), 1, 1);
		} catch (e) {
			expect((e as { hint: string }).hint).toMatch(/d\.power 2/);
		}
	});
});

for (const [name, byPower] of Object.entries(ref)) {
	if (typeof byPower === 'string') continue;
	describe(`${name}: clusGap's gap statistic`, () => {
		const { X, rows, cols } = loadGapData(name);
		const frame = gapFrame(X, rows, cols);
		for (const p of [1, 2] as const) {
			const r = byPower[p];
			it(`d.power ${p}: log W of the data, E[log W*]${r.stable ? ` and the chosen k = ${r.kChosen[0]}` : ''}`, () => {
				const pts = [];
				let same = 0;
				for (let k = 1; k <= 8; k++) {
					const labels = k === 1 ? new Int32Array(rows) : kmeans(X, rows, cols, k, { nInit: 25, maxIter: 100, refine: 'hartigan' }, { seed: 7 + k }).labels;
					const g = gapAtK(frame, k, withinDispersion(X, rows, cols, labels, k, p), 50, 1, W(p), {}, p);
					expect(g.dPower).toBe(p);
					// The same partition gives the same log W (k ≤ 3 here); at larger k our k-means (Hartigan moves)
					// may find a better partition than R's kmeans(nstart = 25), never a worse one.
					if (k <= 3) expect(Math.abs(g.logW - r.logW[k - 1]), `logW k = ${k}: ${g.logW} vs R ${r.logW[k - 1]}`).toBeLessThan(1e-9);
					else expect(g.logW, `logW k = ${k}`).toBeLessThanOrEqual(r.logW[k - 1] + 1e-9);
					if (Math.abs(g.logW - r.logW[k - 1]) < 1e-9) same++;
					expect(Math.abs(g.expectedLogW - r.ElogW[k - 1]), `E.logW k = ${k}: ${g.expectedLogW} vs R ${r.ElogW[k - 1]}`).toBeLessThan(4 * r.EsdB[k - 1] * Math.sqrt(1.1) + 1e-9);
					pts.push(g);
				}
				expect(same).toBeGreaterThanOrEqual(6);
				if (r.stable) expect(firstSEmax(pts.map((g) => g.gap), pts.map((g) => g.se)) + 1).toBe(r.kChosen[0]);
			});
		}
	});
}

import { describe, expect, it } from 'vitest';
import { gowerDistances, GOWER_MAX_ROWS } from './gower';
import { pam } from './pam';
import { silhouetteFromDissimilarity } from '../metrics/silhouette-dissimilarity';
import { EngineError } from '../errors';
import { gowerVariables, rMixed, type RMixedName } from '../../../../tests/fixtures/mixed/load';

// R's cluster::daisy(metric = "gower") and pam() on three mixed data sets (tests/fixtures/mixed/make_reference.R):
// distances and silhouette widths to 1e-12, medoids and labels exactly.
const sets: RMixedName[] = ['flower', 'plantTraits', 'wholesale', 'ties'];

describe.each(sets)('Gower + PAM equal R cluster on %s', (name) => {
	const set = rMixed[name];
	const D = gowerDistances(gowerVariables(set), set.rows);
	it('daisy(x, "gower") to 1e-12', () => {
		expect(D.length).toBe(set.gower.length);
		let worst = 0;
		for (let t = 0; t < D.length; t++) worst = Math.max(worst, Math.abs(D[t] - set.gower[t]));
		expect(worst).toBeLessThan(1e-12);
	});
	it.each(set.pam.map((r) => [r.k, r] as const))('pam(d, %i): medoids, labels, objective, silhouette', (k, r) => {
		const res = pam(D, set.rows, k);
		expect(Array.from(res.medoids, (m) => m + 1)).toEqual(r.medoids);
		expect(Array.from(res.labels, (l) => l + 1)).toEqual(r.clustering);
		expect(Math.abs(res.buildCost / set.rows - r.objective[0])).toBeLessThan(1e-12);
		expect(Math.abs(res.cost / set.rows - r.objective[1])).toBeLessThan(1e-12);
		const sil = silhouetteFromDissimilarity(D, set.rows, res.labels, k);
		let worst = 0;
		for (let i = 0; i < set.rows; i++) worst = Math.max(worst, Math.abs(sil.values[i] - r.silhouette[i]));
		expect(worst).toBeLessThan(1e-12);
		expect(Math.abs(sil.mean - r.avgSilhouette)).toBeLessThan(1e-12);
	});
});

describe('Gower and PAM by hand', () => {
	it('numeric by range, nominal by mismatch, missing left out, asymmetric 0–0 ignored', () => {
		// Rows: (x, colour, flag): (0, a, 1), (10, b, 0), (5, a, NaN), (NaN, a, 0)
		const D = gowerDistances([
			{ name: 'x', kind: 'numeric', values: new Float64Array([0, 10, 5, NaN]) },
			{ name: 'colour', kind: 'nominal', values: new Float64Array([0, 1, 0, 0]) },
			{ name: 'flag', kind: 'asymm', values: new Float64Array([1, 0, NaN, 0]) }
		], 4);
		// (0,1): (1 + 1 + 1)/3; (0,2): (0.5 + 0)/2; (0,3): (0 + 1)/2; (1,2): (0.5 + 1)/2; (1,3): colour only (flag 0–0 left out) = 1/1; (2,3): 0/1.
		expect(Array.from(D)).toEqual([1, 0.25, 0.5, 0.75, 1, 0]);
	});
	it('PAM on two obvious groups, and a row alone is 0 in the silhouette', () => {
		const x = new Float64Array([0, 1, 2, 10, 11, 30]);
		const D = gowerDistances([{ name: 'x', kind: 'numeric', values: x }], 6);
		const r = pam(D, 6, 3);
		expect(Array.from(r.labels)).toEqual([0, 0, 0, 1, 1, 2]);
		expect(Array.from(r.medoids)).toEqual([1, 3, 5]);
		expect(silhouetteFromDissimilarity(D, 6, r.labels, 3).values[5]).toBe(0);
	});
	it('refuses more rows than the distance matrix can hold, naming k-prototypes', () => {
		const n = GOWER_MAX_ROWS + 1;
		const e = (() => { try { gowerDistances([{ name: 'x', kind: 'numeric', values: new Float64Array(n) }], n); } catch (err) { return err; } })();
		expect(e).toBeInstanceOf(EngineError);
		expect((e as EngineError).message).toMatch(/10,000 rows/);
		expect((e as EngineError).hint).toMatch(/k-prototypes/);
	});
	it('refuses a pair with nothing in common', () => {
		expect(() => gowerDistances([{ name: 'x', kind: 'numeric', values: new Float64Array([1, NaN, 3]) }, { name: 'y', kind: 'numeric', values: new Float64Array([NaN, 2, 3]) }], 3)).toThrow(/Rows 1 and 2/);
	});
});

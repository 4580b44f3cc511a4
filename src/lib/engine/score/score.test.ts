import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { buildModel, readModel } from '../export/model';
import { resultsCsv } from '../export/csv';
import { defaultRecipe } from '../recipe';
import { psi, scoreTable } from './score';

const text = readFileSync(new URL('../../../../static/demo/customers.csv', import.meta.url), 'utf8');
const table = parseCsv(text, 'customers.csv');
const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [6, 6] as [number, number], k: 6 };
const result = analyse(table, recipe);
const summary = result.perK[0];
const names = summary.profile!.personas.map((p) => p.name);
const model = JSON.parse(JSON.stringify(buildModel(table, { recipe, source: result.source, fitted: result.fitted, rowIndex: result.rowIndex, rowCount: result.rowCount, summary, names }, '2026-01-01T00:00:00Z')));

describe('model file and scoring', () => {
	it('round-trips through JSON and is read back', () => {
		const { model: m, fitted } = readModel(model);
		expect(m.k).toBe(6);
		expect(m.segments.map((s) => s.name)).toEqual(names);
		expect(fitted.scale.center).toBeInstanceOf(Float64Array);
		expect(() => readModel({ ...model, version: 99 })).toThrow(/version/);
	});

	it('scoring the training file with its own model reproduces the training labels exactly, with no drift', () => {
		const s = scoreTable(model, parseCsv(text, 'again.csv'));
		expect(Array.from(s.rowIndex)).toEqual(Array.from(result.rowIndex));
		expect(Array.from(s.labels)).toEqual(Array.from(result.labels[0]));
		expect(s.drift.every((d) => d.level === 'stable' && d.psi < 1e-9)).toBe(true);
		expect(s.warnings.filter((w) => /drift/i.test(w))).toEqual([]);
		const scored = resultsCsv(table, { rowIndex: s.rowIndex, status: s.status, labels: s.labels, names: s.sizes.map((x) => x.name), extra: [{ name: 'distance_to_centre', values: s.distances }] });
		expect(scored.split('\n')[0]).toBe(text.split('\n')[0] + ',segment,segment_name,status,distance_to_centre');
	});

	it('a shifted copy raises the drift warning and shows the lapsed segment growing', () => {
		const lines = text.trimEnd().split('\n');
		const shifted = [lines[0], ...lines.slice(1).map((l) => {
			const c = l.split(',');
			c[3] = String(Number(c[3]) * 3 + 60); // days_since_last_purchase: everyone has gone quiet
			return c.join(',');
		})].join('\n') + '\n';
		const s = scoreTable(model, parseCsv(shifted, 'shifted.csv'));
		expect(s.drift.find((d) => d.feature === 'days_since_last_purchase')!.level).toBe('major');
		expect(s.warnings.some((w) => /^Drift: days_since_last_purchase/.test(w))).toBe(true);
		const lapsed = s.sizes.find((x) => /lapsed/i.test(x.name))!;
		expect(lapsed.newShare).toBeGreaterThan(lapsed.trainingShare + 0.03);
	});

	it('reports missing and extra columns', () => {
		const t2 = parseCsv(text.replace('email_open_rate', 'open_rate_renamed'), 'x.csv');
		expect(() => scoreTable(model, t2)).toThrow(/email_open_rate/);
	});

	it('psi is zero for equal distributions and grows with the shift', () => {
		expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
		expect(psi([0.5, 0.5], [0.9, 0.1])).toBeGreaterThan(0.25);
	});
});

describe('a Gaussian-mixture model', () => {
	it('scores the training file back to the same labels, with membership probabilities', () => {
		const gRecipe = { ...recipe, algorithm: { name: 'gmm' as const, covariance: 'full' as const, nInit: 1, maxIter: 100, tol: 1e-3, regCovar: 1e-6 } };
		const g = analyse(table, gRecipe);
		const s0 = g.perK[0];
		expect(s0.gmm?.mixture).toBeTruthy();
		const mixture = { covarianceType: s0.gmm!.covariance, ...s0.gmm!.mixture! };
		const m = JSON.parse(JSON.stringify(buildModel(table, { recipe: gRecipe, source: g.source, fitted: g.fitted, rowIndex: g.rowIndex, rowCount: g.rowCount, summary: { ...s0, mixture }, names: s0.profile!.personas.map((p) => p.name) })));
		expect(m.assignment).toBe('gaussian-mixture');
		const s = scoreTable(m, parseCsv(text, 'again.csv'));
		expect(Array.from(s.labels)).toEqual(Array.from(g.labels[0]));
		expect(s.probs!.length).toBe(5000 * 6);
		for (let i = 0; i < 50; i++) expect(Math.abs(s.probs![i * 6 + s.labels[i]] - s0.gmm!.probs[i * 6 + s.labels[i]])).toBeLessThan(1e-5);
	});
});

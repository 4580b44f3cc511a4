import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { segmentProfile } from '../profile/segment-profile';
import { defaultRecipe } from '../recipe';
import { profileTable } from '../data/profile';
import { reportHtml } from './report-html';

describe('reportHtml', () => {
	it('escapes every name and value from the data, and has no script or external resource', () => {
		const evil = '<img src=x onerror=alert(1)>';
		const t = parseCsv(`id,"${evil}",b\n1,1,5\n2,2,6\n3,10,1\n4,11,2\n`, 'e<v>il.csv');
		const recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), features: [evil, 'b'] };
		const p = segmentProfile(t, [evil, 'b'], Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), 2);
		const html = reportHtml({ title: 'Report of e<v>il.csv', createdAt: '2026-01-01', source: fingerprint(t), recipe, k: 2, rowCount: 4, rowsClustered: 4, silhouette: 0.5, profile: p, names: ['<b>bold</b>', 'ok & fine'], notes: ['<script>alert(1)</script>'] });
		expect(html).not.toContain(evil);
		expect(html).not.toContain('<b>bold</b>');
		expect(html).not.toMatch(/<script/i);
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
		for (const id of ['s-summary', 's-personas', 's-sizes', 's-heatmap', 's-box', 's-profile', 's-recipe']) expect(html).toContain(`id="${id}"`);
	});
});

describe('reportHtml with the complete sections', () => {
	it('adds data and preparation, method, evidence, map, rules and outcome, all escaped, still without script', async () => {
		const { analyse } = await import('../analyse');
		const { reportExtras } = await import('./report-extras');
		const evil = '<i>x</i>';
		const rows = Array.from({ length: 60 }, (_, i) => `${i},${(i % 3) * 10 + (i % 5)},${(i % 3) * 5 + (i % 7) / 7},${i % 2 ? 'yes' : 'no'}`);
		const t = parseCsv(`id,"${evil}",b,resp\n${rows.join('\n')}\n`, 'x.csv');
		const recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), features: [evil, 'b'], kRange: [2, 4] as [number, number], k: 3 };
		const r = analyse(t, recipe);
		const i = r.perK.findIndex((s) => s.k === 3);
		const cur = r.perK[i];
		const { profileByColumn } = await import('../profile/by-column');
		const outcome = profileByColumn(t, 'resp', r.rowIndex, r.labels[i], 3);
		const rules = { leaves: 3, costRatio: 1.05, agreement: 0.97, segments: [0, 1, 2].map(() => ({ rules: [{ text: `${evil} ≤ 3`, coverage: 1, precision: 0.9 }] })) };
		const extras = reportExtras(r, cur, r.labels[i], rules, outcome);
		const html = reportHtml({ title: 'T', createdAt: 'now', source: r.source, recipe, k: 3, rowCount: 60, rowsClustered: r.rowsClustered, silhouette: cur.silhouette, profile: cur.profile!, names: ['a', 'b', 'c'], notes: [], extras });
		for (const id of ['s-data', 's-method', 's-evidence', 's-map', 's-rules', 's-outcome']) expect(html).toContain(`id="${id}"`);
		expect(html).not.toContain(evil);
		expect(html).not.toMatch(/<script/i);
		expect(extras.evidence!.metrics.map((m) => m.title)).toEqual(['Mean silhouette', 'Davies–Bouldin', 'Calinski–Harabasz', 'Inertia (elbow)']);
		expect(extras.map.shown).toBe(60);
		expect(html).toMatch(/Rate of resp = yes per segment/);
		expect(html).toContain('break-before:page');
	});
});

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

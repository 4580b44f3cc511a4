import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { segmentProfile } from '../profile/segment-profile';
import { defaultRecipe } from '../recipe';
import { reportHtml } from './report-html';

describe('segment names in the report', () => {
	it('every section that shows segments shows their names (typed ones included): personas, sizes, heatmap, box plots, profiles', () => {
		const t = parseCsv('spend,visits\n1,5\n2,6\n10,1\n11,2\n', 's.csv');
		const recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), features: ['spend', 'visits'] };
		const p = segmentProfile(t, ['spend', 'visits'], Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), 2);
		const names = ['Quiet regulars', 'Typed by hand'];
		const html = reportHtml({ title: 'r', createdAt: '2026-01-01', source: fingerprint(t), recipe, k: 2, rowCount: 4, rowsClustered: 4, silhouette: 0.5, profile: p, names, notes: [] });
		const section = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
		for (const id of ['s-personas', 's-sizes', 's-heatmap', 's-box', 's-profile']) {
			for (const n of names) expect(section(id), `${id}: ${n}`).toContain(n);
		}
		expect(section('s-box')).toContain('1 = Quiet regulars; 2 = Typed by hand');
	});
	it('the profile\'s notes (extreme segments with their cause, k > 8) are in the report', () => {
		const t = parseCsv('spend,visits\n1,5\n2,6\n10,1\n11,2\n', 's.csv');
		const recipe = { ...defaultRecipe(fingerprint(t), profileTable(t)), features: ['spend', 'visits'] };
		const p = segmentProfile(t, ['spend', 'visits'], Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 0, 1, 1]), 2);
		p.warnings = ['Segment 2 holds 1.0% of the clustered rows (4), under 2%. Likely cause: outliers & more.'];
		const html = reportHtml({ title: 'r', createdAt: '2026-01-01', source: fingerprint(t), recipe, k: 2, rowCount: 4, rowsClustered: 4, silhouette: 0.5, profile: p, names: ['a', 'b'], notes: [] });
		expect(html).toContain('Likely cause: outliers &amp; more.');
	});
});

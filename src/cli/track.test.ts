/**
 * `segment-lab track` on two periods cut from the online-retail sample (the same file as
 * ../shared/data/online_retail_sample30k.csv, shipped as static/demo/): customer features built per period, a k = 4
 * model made on the first, the second tracked against it. Sizes, changes, alerts and the migration matrix must
 * equal those of a pandas script (tests/fixtures/track/track_reference.py) run on the two scored files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../lib/engine/data/csv';
import { buildCustomerTable } from '../lib/engine/prep/rfm-table';
import { main } from './main';

const PYTHON = '/usr/bin/python3';
const RETAIL = new URL('../../static/demo/online_retail_sample30k.csv', import.meta.url).pathname;
const REFERENCE = new URL('../../tests/fixtures/track/track_reference.py', import.meta.url).pathname;
const SPEC = { customer: 'CustomerID', date: 'InvoiceDate', amount: null, quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo', referenceDate: null, cancelPrefix: 'C', negativeIsReturn: true, returns: 'exclude' as const };

function pandasMissing(): string | null {
	if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
	try {
		execFileSync(PYTHON, ['-c', 'import pandas, numpy'], { stdio: 'ignore' });
		return null;
	} catch {
		return `${PYTHON} has no pandas (apt-get install python3-pandas)`;
	}
}

describe('segment-lab track on two periods of the online-retail sample', () => {
	const logs: string[] = [];
	beforeEach(() => {
		vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
		vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(() => vi.restoreAllMocks());
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-track-'));
	const at = (f: string) => join(dir, f);

	it('gives the same sizes, changes, alerts and migration matrix as pandas', async (ctx) => {
		// Period 1: December 2010 to June 2011; period 2: July to December 2011. Customer features per period.
		const [header, ...lines] = readFileSync(RETAIL, 'utf8').trimEnd().split('\n');
		const dateAt = header.split(',').indexOf('InvoiceDate');
		const early = (l: string) => (l.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '') < '2011-07-01';
		expect(dateAt).toBeGreaterThan(0);
		for (const [name, part] of [['p1', lines.filter(early)], ['p2', lines.filter((l) => !early(l))]] as const) {
			const customers = buildCustomerTable(parseCsv([header, ...part].join('\n') + '\n', `${name}.csv`), SPEC).table;
			writeFileSync(at(`${name}-customers.csv`), customers.source.text);
		}
		expect(await main(['run', '--input', at('p1-customers.csv'), '--columns', 'recency_days,frequency,monetary', '--k', '4', '--out', at('p1-scored.csv'), '--model', at('model.json')])).toBe(0);
		expect(await main(['track', '--model', at('model.json'), '--previous', at('p1-scored.csv'), '--input', at('p2-customers.csv'), '--id', 'customer_id', '--alert', '0.2', '--out', at('p2-scored.csv'), '--report', at('track.json')])).toBe(0);
		const report = JSON.parse(readFileSync(at('track.json'), 'utf8'));
		expect(report.sizes).toHaveLength(4);
		expect(report.psi.map((d: { feature: string }) => d.feature)).toEqual(['recency_days', 'frequency', 'monetary']);
		expect(report.migration.from).toHaveLength(5);
		expect(report.migration.matched).toBeGreaterThan(100);
		expect(report.alerts.length).toBe(report.sizes.filter((s: { alert: string | null }) => s.alert).length);
		const why = pandasMissing();
		if (why) return ctx.skip(why);
		const ref = JSON.parse(execFileSync(PYTHON, [REFERENCE, at('p1-scored.csv'), at('p2-scored.csv'), 'customer_id', '4', '0.2'], { encoding: 'utf8' }));
		expect(report.sizes.map((s: Record<string, unknown>) => ({ segment: s.segment, before: s.before, after: s.after, alert: s.alert }))).toEqual(ref.sizes.map((s: Record<string, unknown>) => ({ segment: s.segment, before: s.before, after: s.after, alert: s.alert })));
		report.sizes.forEach((s: { change: number | null }, i: number) => (s.change === null ? expect(ref.sizes[i].change).toBeNull() : expect(s.change).toBeCloseTo(ref.sizes[i].change, 12)));
		expect(report.migration.counts).toEqual(ref.migration.counts);
		report.migration.shares.forEach((row: (number | null)[], i: number) => row.forEach((x, j) => (x === null ? expect(ref.migration.shares[i][j]).toBeNull() : expect(x).toBeCloseTo(ref.migration.shares[i][j], 12))));
		expect([report.migration.matched, report.migration.stayed]).toEqual([ref.migration.matched, ref.migration.stayed]);
	});

	it('refuses a previous file without a segment column, and a repeated id, with the file and row named', async () => {
		writeFileSync(at('noseg.csv'), 'customer_id,recency_days,frequency,monetary\nA,1,2,3\n');
		expect(await main(['track', '--model', at('model.json'), '--previous', at('noseg.csv'), '--input', at('p2-customers.csv')])).toBe(2);
		const scored = readFileSync(at('p1-scored.csv'), 'utf8').trimEnd().split('\n');
		writeFileSync(at('dup.csv'), [...scored, scored[1]].join('\n') + '\n');
		const errors: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
		expect(await main(['track', '--model', at('model.json'), '--previous', at('dup.csv'), '--input', at('p2-customers.csv'), '--id', 'customer_id'])).toBe(2);
		expect(errors.join('\n')).toMatch(/"dup.csv": the id "[^"]+" of column "customer_id" is on rows 1 and \d+/);
	});
});

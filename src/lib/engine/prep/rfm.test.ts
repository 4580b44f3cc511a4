import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { computeRfm } from './rfm';
import { quantileOfRanks, quintileScores, rfmSegment } from './rfm-scores';
import type { RfmSpec } from './rfm-spec';
import { buildCustomerTable } from './rfm-table';

const RETAIL = new URL('../../../../static/demo/online_retail_sample30k.csv', import.meta.url);
const REF_CSV = new URL('../../../../tests/fixtures/rfm/online_retail_rfm.csv', import.meta.url);
const REF_META = new URL('../../../../tests/fixtures/rfm/online_retail_rfm.json', import.meta.url);

const retailSpec: RfmSpec = {
	customer: 'CustomerID', date: 'InvoiceDate', amount: null, quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo',
	referenceDate: null, cancelPrefix: 'C', negativeIsReturn: true, returns: 'exclude'
};

describe('computeRfm on a hand-worked log', () => {
	// Customer 7: invoices A (2 lines) on 1 March and B on 5 March; C1 cancels. Customer 8: one line on 9 March.
	const log = parseCsv(
		[
			'inv,cust,when,qty,price',
			'A,7.0,2024-03-01 10:00:00,2,5',
			'A,7,2024-03-01 10:00:00,1,3',
			'B,7,2024-03-05 23:59:00,1,10',
			'C1,7,2024-03-06 08:00:00,-1,10',
			'D,,2024-03-07 08:00:00,1,1',
			'E,8,2024-03-09 12:00:00,4,2.5',
			'F,9,2024-03-08 12:00:00,-2,2.5'
		].join('\n'),
		'log.csv'
	);
	const spec: RfmSpec = { customer: 'cust', date: 'when', amount: null, quantity: 'qty', price: 'price', invoice: 'inv', referenceDate: null, cancelPrefix: 'C', negativeIsReturn: true, returns: 'exclude' };

	it('computes recency, frequency, monetary, tenure and AOV by the documented definitions', () => {
		const f = computeRfm(log, spec);
		expect(f.report).toEqual({ rows: 7, withoutCustomer: 1, badDate: 0, badAmount: 0, cancelled: 2, onlyCancelled: 1, referenceDate: '2024-03-10' });
		expect(f.customers).toEqual(['7', '8']);
		expect(Array.from(f.recency)).toEqual([5, 1]); // 5 March → 10 March; 9 March → 10 March
		expect(Array.from(f.frequency)).toEqual([2, 1]);
		expect(Array.from(f.monetary)).toEqual([23, 10]);
		expect(Array.from(f.tenure)).toEqual([9, 1]);
		expect(Array.from(f.aov)).toEqual([11.5, 10]);
	});

	it('nets returns when asked, takes a given reference date, and counts distinct timestamps without invoices', () => {
		const f = computeRfm(log, { ...spec, returns: 'net', referenceDate: '2024-04-01' });
		expect(Array.from(f.monetary)).toEqual([13, 10]);
		expect(Array.from(f.recency)).toEqual([27, 23]);
		const g = computeRfm(log, { ...spec, invoice: null, negativeIsReturn: false });
		expect(g.report.cancelled).toBe(0);
		expect(Array.from(g.frequency)).toEqual([3, 1, 1]); // 7: 1 March 10:00 (two lines), 5 March, the 6 March return; 9 buys "−2"
	});

	it('says so when no date parses', () => {
		expect(() => computeRfm(log, { ...spec, date: 'inv' })).toThrow(/could be read as a date/);
	});
});

describe('quintile scores', () => {
	it('matches numpy linear quantiles of ranks', () => {
		expect(quantileOfRanks(10, 0.2)).toBeCloseTo(2.8, 12);
		expect(quantileOfRanks(6, 0.6000000000000001)).toBeCloseTo(4, 12);
		expect(quantileOfRanks(1, 0.8)).toBe(1);
	});
	it('splits ten values into fifths, ties broken by order', () => {
		const x = Float64Array.from([1, 1, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(Array.from(quintileScores(x, true))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
		expect(Array.from(quintileScores(x, false))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
		expect(Array.from(quintileScores(Float64Array.from([3]), true))).toEqual([1]);
	});
	it('names segments from R and F', () => {
		expect(rfmSegment(5, 5)).toBe('Champions');
		expect(rfmSegment(1, 1)).toBe('Hibernating');
		expect(rfmSegment(2, 4)).toBe('At Risk');
		expect(rfmSegment(4, 5)).toBe('Loyal Customers');
		expect(rfmSegment(5, 1)).toBe('New Customers');
	});
});

describe('RFM on the Online Retail sample equals the pandas reference', () => {
	const table = parseCsv(readFileSync(RETAIL, 'utf8'), 'online_retail_sample30k.csv');
	const meta = JSON.parse(readFileSync(REF_META, 'utf8'));
	const ref = readFileSync(REF_CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
	const built = buildCustomerTable(table, retailSpec);
	const f = computeRfm(table, retailSpec);

	it('counts rows and customers as pandas does', () => {
		expect(f.report.referenceDate).toBe(meta.reference_date);
		expect(f.report.withoutCustomer).toBe(meta.rows_without_customer);
		expect(f.report.cancelled).toBe(meta.cancelled_rows);
		expect(f.report.onlyCancelled).toBe(meta.customers_with_only_cancellations);
		expect(f.customers.length).toBe(meta.customers);
		expect(built.table.rowCount).toBe(meta.customers);
	});

	it('gives every customer the same recency, frequency, monetary, tenure, AOV and quintile scores', () => {
		const col = (name: string) => built.table.columns.find((c) => c.name === name)!.numbers;
		const [r, fs, m] = [col('r_score'), col('f_score'), col('m_score')];
		let worst = 0;
		ref.forEach(([id, rec, freq, mon, ten, aov, rs, fsc, ms], i) => {
			expect(f.customers[i]).toBe(id);
			expect(f.recency[i]).toBe(Number(rec));
			expect(f.frequency[i]).toBe(Number(freq));
			expect(f.tenure[i]).toBe(Number(ten));
			worst = Math.max(worst, Math.abs(f.monetary[i] - Number(mon)), Math.abs(f.aov[i] - Number(aov)));
			expect([r[i], fs[i], m[i]]).toEqual([Number(rs), Number(fsc), Number(ms)]);
		});
		expect(worst).toBeLessThanOrEqual(1e-9);
	});
});

/**
 * The customer table built from a transaction log: a derived Table whose source is a synthesised CSV, so every
 * later step (profile, prepare, export with rows copied byte-for-byte) works on it as on a loaded file.
 */
import { parseCsv } from '../data/csv';
import type { Table } from '../types';
import { computeRfm, type RfmReport } from './rfm';
import { quintileScores, rfmSegment } from './rfm-scores';
import type { RfmSpec } from './rfm-spec';

export const RFM_COLUMNS = ['customer_id', 'recency_days', 'frequency', 'monetary', 'tenure_days', 'avg_order_value', 'r_score', 'f_score', 'm_score', 'rfm_score', 'rfm_segment'];
/** What a new analysis of the customer table clusters on by default: the three classic figures. */
export const RFM_DEFAULT_FEATURES = ['recency_days', 'frequency', 'monetary'];

export interface CustomerTable {
	table: Table;
	report: RfmReport;
	notes: string[];
}

export function buildCustomerTable(transactions: Table, spec: RfmSpec): CustomerTable {
	const f = computeRfm(transactions, spec);
	const r = quintileScores(f.recency, false);
	const fs = quintileScores(f.frequency, true);
	const m = quintileScores(f.monetary, true);
	const lines = [RFM_COLUMNS.join(',')];
	for (let i = 0; i < f.customers.length; i++) {
		lines.push(
			[
				csvCell(f.customers[i]),
				f.recency[i], f.frequency[i], f.monetary[i], f.tenure[i], f.aov[i],
				r[i], fs[i], m[i], `${r[i]}-${fs[i]}-${m[i]}`, csvCell(rfmSegment(r[i], fs[i]))
			].join(',')
		);
	}
	const name = `${transactions.name.replace(/\.[^.]+$/, '')}-customers.csv`;
	const table = parseCsv(lines.join('\n') + '\n', name);
	const rep = f.report;
	const notes = [
		`Built ${f.customers.length.toLocaleString('en')} customers from ${rep.rows.toLocaleString('en')} transaction rows; reference date ${rep.referenceDate}.`,
		...(rep.withoutCustomer ? [`${rep.withoutCustomer.toLocaleString('en')} row(s) without a customer id were left out.`] : []),
		...(rep.badDate ? [`${rep.badDate.toLocaleString('en')} row(s) whose date could not be read were left out.`] : []),
		...(rep.badAmount ? [`${rep.badAmount.toLocaleString('en')} row(s) without an amount were left out.`] : []),
		...(rep.cancelled
			? [`${rep.cancelled.toLocaleString('en')} cancellation/return row(s) were ${spec.returns === 'net' ? 'subtracted from monetary' : 'left out'}.`]
			: []),
		...(rep.onlyCancelled ? [`${rep.onlyCancelled.toLocaleString('en')} customer(s) had only cancellations or returns and have no row.`] : [])
	];
	table.notes = notes;
	return { table, report: rep, notes };
}

function csvCell(s: string): string {
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

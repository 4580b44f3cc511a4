/**
 * Customer features from a transaction log: recency, frequency, monetary (Hughes 1994, "Strategic Database
 * Marketing"), plus tenure and average order value. Definitions, matched exactly by the pandas script
 * tests/fixtures/rfm/make_reference.py:
 * - rows without a customer id, with a date that does not parse, or without an amount are left out and counted;
 * - a cancellation/return is a row whose invoice starts with `cancelPrefix`, or (if `negativeIsReturn`) whose
 *   quantity (or amount) is negative; "exclude" leaves them out, "net" subtracts them from monetary only;
 * - reference date: the calendar day after the last dated row in the file, unless given;
 * - recency and tenure: whole days from the day of the last / first purchase to the reference date;
 * - frequency: distinct invoices (distinct timestamps without an invoice column); monetary: sum of amounts,
 *   accumulated with Kahan compensation in file order as pandas' groupby-sum does; aov = monetary / frequency.
 * Customers are sorted by id (numerically when ids are numbers), the order pandas' groupby gives.
 */
import { EngineError } from '../errors';
import type { Table } from '../types';
import { cellTextsOf } from '../data/cell-text';
import { dayOf, detectDayOrder, isoDay, parseDateTime } from '../data/dates';
import { parseNumber } from '../data/number';
import type { RfmSpec } from './rfm-spec';

export interface RfmReport {
	rows: number;
	withoutCustomer: number;
	badDate: number;
	badAmount: number;
	cancelled: number;
	/** Customers whose every usable row was a cancellation or return: no purchase, so no row. */
	onlyCancelled: number;
	referenceDate: string;
}

export interface RfmFigures {
	customers: string[];
	recency: Float64Array;
	frequency: Float64Array;
	monetary: Float64Array;
	tenure: Float64Array;
	aov: Float64Array;
	report: RfmReport;
}

export function computeRfm(table: Table, spec: RfmSpec): RfmFigures {
	const col = (name: string | null) => {
		if (name === null) return null;
		const c = table.columns.find((x) => x.name === name);
		if (!c) throw new EngineError('recipe-mismatch', `The column "${name}" is not in "${table.name}".`, 'Choose the transaction columns again.');
		return c;
	};
	col(spec.customer);
	col(spec.date);
	const amountCol = col(spec.amount), qtyCol = col(spec.quantity), priceCol = col(spec.price);
	if (spec.invoice) col(spec.invoice);
	const [ids, dateText, invoiceText] = cellTextsOf(table, [spec.customer, spec.date, ...(spec.invoice ? [spec.invoice] : [])]);
	const invoices = spec.invoice ? invoiceText : null;
	const order = detectDayOrder(dateText.slice(0, 5000));
	const n = table.rowCount;
	const when = new Float64Array(n);
	let lastDay = -Infinity;
	// Lines of one invoice share a timestamp: parse each distinct text once.
	const parsed = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		const d = dateText[i];
		let v = parsed.get(d);
		if (v === undefined) parsed.set(d, (v = d === '' ? NaN : parseDateTime(d, order)));
		when[i] = v;
		if (when[i] === when[i] && dayOf(when[i]) > lastDay) lastDay = dayOf(when[i]);
	}
	if (lastDay === -Infinity) {
		throw new EngineError('bad-parameter', `No value of "${spec.date}" could be read as a date.`, 'Choose the column that holds the transaction dates (e.g. 2011-12-09 or 12/9/2011 12:50).');
	}
	const refDay = spec.referenceDate ? dayOf(parseDateTime(spec.referenceDate)) : lastDay + 1;
	const report: RfmReport = { rows: n, withoutCustomer: 0, badDate: 0, badAmount: 0, cancelled: 0, onlyCancelled: 0, referenceDate: isoDay(refDay) };
	const index = new Map<string, number>();
	const first: number[] = [], last: number[] = [], sum: number[] = [], comp: number[] = [], bought: boolean[] = [];
	const orders = new Set<string>();
	const freq: number[] = [];
	for (let i = 0; i < n; i++) {
		const key = customerKey(ids[i]);
		if (key === '') {
			report.withoutCustomer++;
			continue;
		}
		if (when[i] !== when[i]) {
			report.badDate++;
			continue;
		}
		const qty = qtyCol ? qtyCol.numbers[i] : NaN;
		const amount = amountCol ? amountCol.numbers[i] : qty * priceCol!.numbers[i];
		if (amount !== amount) {
			report.badAmount++;
			continue;
		}
		const inv = invoices ? invoices[i] : String(when[i]);
		const cancel = (spec.cancelPrefix !== '' && invoices !== null && inv.startsWith(spec.cancelPrefix)) || (spec.negativeIsReturn && (qtyCol ? qty < 0 : amount < 0));
		let c = index.get(key);
		if (c === undefined) {
			c = first.length;
			index.set(key, c);
			first.push(Infinity), last.push(-Infinity), sum.push(0), comp.push(0), bought.push(false), freq.push(0);
		}
		if (cancel) {
			report.cancelled++;
			if (spec.returns === 'exclude') continue;
		} else {
			bought[c] = true;
			const day = dayOf(when[i]);
			if (day < first[c]) first[c] = day;
			if (day > last[c]) last[c] = day;
			const okey = `${c}\u0000${inv}`;
			if (!orders.has(okey)) {
				orders.add(okey);
				freq[c]++;
			}
		}
		// Kahan summation, the same recurrence as pandas' groupby sum, so sums agree to the last bit.
		const y = amount - comp[c];
		const t = sum[c] + y;
		comp[c] = t - sum[c] - y;
		sum[c] = t;
	}
	const keys = [...index.keys()].filter((k) => bought[index.get(k)!]);
	report.onlyCancelled = index.size - keys.length;
	const numeric = keys.every((k) => k === String(Number(k)));
	keys.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const m = keys.length;
	const out: RfmFigures = {
		customers: keys,
		recency: new Float64Array(m),
		frequency: new Float64Array(m),
		monetary: new Float64Array(m),
		tenure: new Float64Array(m),
		aov: new Float64Array(m),
		report
	};
	keys.forEach((k, r) => {
		const c = index.get(k)!;
		out.recency[r] = refDay - last[c];
		out.tenure[r] = refDay - first[c];
		out.frequency[r] = freq[c];
		out.monetary[r] = sum[c];
		out.aov[r] = sum[c] / freq[c];
	});
	return out;
}

/** "12923.0" and "12923" are the same customer: numeric ids are keyed by their number. */
function customerKey(text: string): string {
	if (text === '') return '';
	const v = parseNumber(text);
	return Number.isFinite(v) ? String(v) : text;
}

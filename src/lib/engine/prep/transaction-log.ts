/**
 * When a loaded file is a transaction log (one row per purchase line), clustering its lines is never what a
 * careful analyst would do by default: the page leads with "Build customer features" and the command line builds
 * them (`--rfm auto`). A file is a log when suggestRfm finds a repeated customer id and a date, and there is an
 * amount or a quantity and a price to sum — a spec that is complete as guessed.
 */
import type { ColumnProfile } from '../types';
import { suggestRfm } from './rfm-detect';
import { validateRfmSpec, type RfmSpec } from './rfm-spec';

export function detectTransactionLog(profiles: ColumnProfile[], rows: number): RfmSpec | null {
	const spec = suggestRfm(profiles, rows);
	return spec && validateRfmSpec(spec) === null ? spec : null;
}

/** "built 3,546 customers from 30,000 transaction lines (customer CustomerID, date InvoiceDate, amount Quantity × UnitPrice)". */
export function describeBuild(spec: RfmSpec, customers: number, lines: number): string {
	const amount = spec.amount ?? `${spec.quantity} × ${spec.price}`;
	return `built ${customers.toLocaleString('en')} customers from ${lines.toLocaleString('en')} transaction lines (customer ${spec.customer}, date ${spec.date}, amount ${amount}${spec.invoice ? `, orders ${spec.invoice}` : ''})`;
}

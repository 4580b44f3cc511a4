import type { ColumnProfile } from '../types';
import type { RfmSpec } from './rfm-spec';

const CUSTOMER = /customer|client|user|member|account|buyer|shopper/i;
const INVOICE = /invoice|order|transaction|receipt|basket|ticket/i;
const AMOUNT = /amount|revenue|sales|total|spend|value/i;
const QUANTITY = /qty|quantity|units|count/i;
const PRICE = /price|cost|rate/i;

/**
 * Does this look like a transaction log (one row per purchase line)? It does when some customer-like column
 * repeats (fewer distinct values than filled cells) and a date column exists. Returns a guessed spec to start
 * the "Build customer features" form from, or null.
 */
export function suggestRfm(profiles: ColumnProfile[], rows: number): RfmSpec | null {
	const repeats = (p: ColumnProfile) => p.distinct < (rows - p.missing) * 0.9;
	const date = profiles.find((p) => p.kind === 'datetime');
	const customer = profiles.find((p) => CUSTOMER.test(p.name) && repeats(p) && p.kind !== 'datetime');
	if (!date || !customer) return null;
	const numeric = profiles.filter((p) => p.stats && p !== customer);
	const pick = (re: RegExp) => numeric.find((p) => re.test(p.name))?.name ?? null;
	const amount = pick(AMOUNT);
	const quantity = pick(QUANTITY);
	const price = pick(PRICE);
	const invoice = profiles.find((p) => p !== customer && INVOICE.test(p.name) && repeats(p))?.name ?? null;
	return {
		customer: customer.name,
		date: date.name,
		amount: quantity && price ? null : amount,
		quantity: quantity && price ? quantity : null,
		price: quantity && price ? price : null,
		invoice,
		referenceDate: null,
		cancelPrefix: 'C',
		negativeIsReturn: true,
		returns: 'exclude'
	};
}

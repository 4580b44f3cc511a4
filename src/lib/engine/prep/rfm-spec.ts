/** The "Build customer features" choices, recorded in the Recipe (recipe.rfm). Definitions: rfm.ts and the README. */
export interface RfmSpec {
	customer: string;
	date: string;
	/** A column holding each line's amount, or null to use quantity × price. */
	amount: string | null;
	quantity: string | null;
	price: string | null;
	/** Distinct invoices make the frequency; without one, distinct timestamps do. */
	invoice: string | null;
	/** "YYYY-MM-DD"; null = the day after the last transaction in the file. */
	referenceDate: string | null;
	/** Invoices starting with this text are cancellations ("" = no prefix rule). */
	cancelPrefix: string;
	/** Lines with a negative quantity (or amount) are returns. */
	negativeIsReturn: boolean;
	/** exclude: cancellations and returns are left out; net: their negative amounts are subtracted from monetary. */
	returns: 'exclude' | 'net';
}

/** A description of what is wrong, or null when the spec is well formed. */
export function validateRfmSpec(value: unknown): string | null {
	if (!value || typeof value !== 'object') return 'must be null or an object';
	const s = value as RfmSpec;
	const name = (v: unknown) => typeof v === 'string' && v.length > 0;
	const opt = (v: unknown) => v === null || name(v);
	if (!name(s.customer) || !name(s.date)) return 'needs "customer" and "date" column names';
	if (!opt(s.amount) || !opt(s.quantity) || !opt(s.price) || !opt(s.invoice)) return 'column fields must be column names or null';
	if (s.amount === null && (s.quantity === null || s.price === null)) return 'needs an "amount" column, or both "quantity" and "price"';
	if (s.referenceDate !== null && !(typeof s.referenceDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.referenceDate))) return '"referenceDate" must be YYYY-MM-DD or null';
	if (typeof s.cancelPrefix !== 'string' || typeof s.negativeIsReturn !== 'boolean') return 'needs "cancelPrefix" (text) and "negativeIsReturn" (true/false)';
	if (s.returns !== 'exclude' && s.returns !== 'net') return '"returns" must be exclude or net';
	return null;
}

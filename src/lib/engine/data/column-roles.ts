/**
 * Column roles from a column's name and values, as a careful analyst reads a header: the rules are one table,
 * tried in order, the first that matches decides. A number is not always a measure: a running number or a
 * customer number is an identifier (kept for the export, never a feature); a small set of integer codes
 * (Channel 1–2, Region 1–3) is a category; a small count (children at home, visits) stays a number.
 * Every rule says why in words that the page shows beside the type, where the type menu overrides it.
 */
import type { Column, ColumnKind } from '../types';

/** The words of a column name: "NumWebPurchases" → num, web, purchases; "Customer ID" → customer, id. */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}

/** Words that make a column an identifier on their own. */
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'zip', 'zipcode', 'postcode', 'postal', 'phone', 'telephone', 'mobile', 'msisdn', 'sku', 'ean', 'upc', 'isbn', 'iban', 'invoice', 'invoiceno']);
/** Words that name an entity: an identifier when followed by no/num/number/code/key/ref (or alone). */
const ENTITY_WORDS = new Set(['customer', 'client', 'user', 'member', 'account', 'order', 'invoice', 'transaction', 'stock', 'product', 'item', 'cust', 'household', 'policy', 'contract', 'ticket', 'card']);
const ID_SUFFIX = new Set(['no', 'nr', 'num', 'number', 'code', 'key', 'ref', 'id']);
/** Words of a categorical code. */
const CODE_WORDS = new Set(['channel', 'region', 'type', 'group', 'class', 'status', 'code', 'category', 'categories', 'segment', 'cluster', 'gender', 'sex', 'zone', 'area', 'state', 'country', 'city', 'branch', 'department', 'dept', 'marital', 'kind', 'method', 'plan', 'brand', 'tier', 'race', 'ethnicity', 'occupation', 'industry', 'sector']);
/** Words of a count or a measure: the column stays numeric whatever its values look like. */
const COUNT_WORDS = new Set([
	'num', 'number', 'count', 'counts', 'qty', 'quantity', 'total', 'visits', 'visit', 'purchases', 'purchase', 'purchased', 'orders', 'transactions', 'trx', 'children', 'child', 'kids', 'kid', 'kidhome', 'teenhome', 'teens', 'teen', 'members', 'dependents', 'days', 'years', 'months', 'weeks', 'age', 'tenure', 'recency', 'frequency', 'times', 'calls', 'items', 'tickets', 'amount', 'spend', 'income', 'balance', 'score', 'rating', 'size', 'rooms', 'cars', 'pets', 'products', 'accounts'
]);

/** The facts a rule looks at, computed once per column. */
export interface RoleFacts {
	name: string;
	words: string[];
	/** Filled cells. */
	present: number;
	distinct: number;
	distinctExact: boolean;
	/** Every filled cell is a number (≥ 95%) and a whole number. */
	integer: boolean;
	min: number;
	max: number;
}

export interface RoleRule {
	id: string;
	kind: ColumnKind;
	/** Only for numeric columns (true) or for any column (false). */
	numericOnly: boolean;
	test: (f: RoleFacts) => boolean;
	reason: (f: RoleFacts) => string;
}

const has = (f: RoleFacts, set: Set<string>) => f.words.some((w) => set.has(w));
/** "CustomerID", "zip", "postal_code", "InvoiceNo", "StockCode", "Customer": not "InvoiceDate" or "num_orders". */
const idName = (f: RoleFacts) =>
	ID_WORDS.has(f.words[f.words.length - 1]) ||
	(ID_WORDS.has(f.words[0]) && f.words.slice(1).every((w) => ID_SUFFIX.has(w))) ||
	f.words.some((w, i) => ENTITY_WORDS.has(w) && (ID_SUFFIX.has(f.words[i + 1]) || f.words.length === 1)) ||
	/^(cust|client|user|member)_?(id|no|num)$/i.test(f.name.replace(/\s/g, ''));
const unique = (f: RoleFacts) => (f.distinctExact ? f.distinct >= f.present * 0.98 : true);
const nearlyUnique = (f: RoleFacts) => unique(f) && f.present > 20;
/** 1..m with every level used: how codes are written (a count starts at 0 and has gaps). */
const oneToM = (f: RoleFacts) => f.integer && f.min === 1 && f.max === f.distinct && f.distinct >= 2 && f.distinct <= 7 && f.present >= 5 * f.distinct;

/** The rules, in order; the first that matches decides. Unit tests: column-roles.test.ts. */
export const ROLE_RULES: RoleRule[] = [
	{
		id: 'id-name',
		kind: 'id',
		numericOnly: false,
		test: (f) => idName(f) && (unique(f) || f.distinct > 20),
		reason: (f) => `the name "${f.name}" marks an identifier (${f.distinctExact ? '' : 'at least '}${f.distinct.toLocaleString('en')} distinct values)`
	},
	{
		id: 'count-name',
		kind: 'numeric',
		numericOnly: true,
		test: (f) => has(f, COUNT_WORDS),
		reason: (f) => `the name "${f.name}" reads as a count or a measure`
	},
	{
		id: 'code-name',
		kind: 'categorical',
		numericOnly: true,
		test: (f) => f.integer && has(f, CODE_WORDS) && f.distinctExact && f.distinct <= 20,
		reason: (f) => `whole-number codes (${f.distinct} levels) and the name "${f.name}" names a category: one-hot encoded, not measured`
	},
	{
		id: 'code-values',
		kind: 'categorical',
		numericOnly: true,
		test: oneToM,
		reason: (f) => `values 1 to ${f.max}, every level used, like codes: treated as categories (choose numeric if they are a scale)`
	},
	{
		id: 'id-values',
		kind: 'id',
		numericOnly: true,
		test: (f) => f.integer && nearlyUnique(f) && f.max - f.min + 1 <= f.present * 2,
		reason: () => 'whole numbers, (nearly) all different and evenly spread like a running number'
	}
];

/** The facts of a column (numbers only where `numeric`). */
export function roleFacts(col: Column, present: number, numeric: boolean): RoleFacts {
	let min = Infinity, max = -Infinity, integer = numeric;
	if (numeric) {
		const x = col.numbers;
		for (let i = 0; i < x.length; i++) {
			const v = x[i];
			if (v !== v) continue;
			if (integer && !Number.isInteger(v)) integer = false;
			if (v < min) min = v;
			if (v > max) max = v;
		}
	}
	return { name: col.name, words: nameWords(col.name), present, distinct: col.distinct, distinctExact: col.distinctExact, integer, min, max };
}

/** The first rule that matches, or null (the column keeps the kind its values give). */
export function columnRole(f: RoleFacts, numeric: boolean): { kind: ColumnKind; reason: string; rule: string } | null {
	for (const r of ROLE_RULES) if ((numeric || !r.numericOnly) && r.test(f)) return { kind: r.kind, reason: r.reason(f), rule: r.id };
	return null;
}

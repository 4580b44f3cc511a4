import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { profileTable } from './profile';
import { columnRole, nameWords, ROLE_RULES, type RoleFacts } from './column-roles';

const facts = (name: string, o: Partial<RoleFacts> = {}): RoleFacts => ({ name, words: nameWords(name), present: 440, distinct: 3, distinctExact: true, integer: true, min: 1, max: 3, ...o });
const role = (name: string, o: Partial<RoleFacts> = {}, numeric = true) => columnRole(facts(name, o), numeric);

describe('column roles: the rules table', () => {
	it('splits names into words', () => {
		expect(nameWords('NumWebPurchases')).toEqual(['num', 'web', 'purchases']);
		expect(nameWords('Customer ID')).toEqual(['customer', 'id']);
		expect(nameWords('CUST_ID')).toEqual(['cust', 'id']);
		expect(nameWords('InvoiceNo')).toEqual(['invoice', 'no']);
		expect(nameWords('Detergents_Paper')).toEqual(['detergents', 'paper']);
	});

	it('ids by name: unique or many-valued columns named like an id, invoice, customer, zip, phone', () => {
		for (const n of ['CustomerID', 'Customer ID', 'CUST_ID', 'InvoiceNo', 'Invoice', 'StockCode', 'zip', 'postal_code', 'phone_number', 'order_id', 'Customer', 'user_no']) {
			expect(role(n, { distinct: 400, max: 99999, min: 10000 })?.kind, n).toBe('id');
		}
		// The same names with few levels are not ids (a zip column with 3 values is a category, below).
		expect(role('zip', { distinct: 3 })?.kind).not.toBe('id');
		// A tiny file's unique id column is still an id.
		expect(role('id', { present: 7, distinct: 7, max: 7 })?.kind).toBe('id');
		// Dates and counts that share a word are not ids.
		for (const n of ['InvoiceDate', 'num_orders', 'order_count', 'customer_support_tickets', 'account_age_days', 'Dt_Customer']) {
			expect(role(n, { distinct: 400, max: 5000 })?.kind, n).not.toBe('id');
		}
	});

	it('codes by name: integer columns named channel, region, type, group, class, status, code… with few levels', () => {
		for (const n of ['Channel', 'Region', 'customer_type', 'Group', 'class', 'Status', 'region code', 'home_ownership_status']) expect(role(n)?.kind, n).toBe('categorical');
		expect(role('Region', { integer: false, max: 3.5 })).toBeNull(); // not whole numbers: a measure
		expect(role('Region', { distinct: 40, max: 40 })?.kind).not.toBe('categorical');
	});

	it('codes by values: 1..m with every level used and few levels', () => {
		expect(role('x', { distinct: 4, max: 4 })?.kind).toBe('categorical');
		expect(role('x', { distinct: 4, min: 0, max: 3 })).toBeNull(); // a count starts at 0
		expect(role('x', { distinct: 3, max: 5 })).toBeNull(); // gaps: not codes
		expect(role('x', { distinct: 12, max: 12 })).toBeNull(); // too many levels
		expect(role('x', { distinct: 4, max: 4, present: 12 })).toBeNull(); // too few rows to tell
	});

	it('small counts stay numeric whatever their values', () => {
		for (const n of ['Kidhome', 'Teenhome', 'children_at_home', 'visits', 'NumWebPurchases', 'NumStorePurchases', 'product_categories_purchased', 'family_size']) {
			expect(role(n, { distinct: 3, max: 3 })?.kind, n).toBe('numeric');
		}
	});

	it('running numbers are ids; measures that happen to be distinct are not', () => {
		expect(role('x', { distinct: 440, min: 1, max: 440 })?.kind).toBe('id');
		expect(role('x', { distinct: 433, min: 3, max: 112151 })).toBeNull();
		expect(role('x', { distinct: 440, min: 1, max: 440, integer: false })).toBeNull();
	});

	it('every rule has a reason in words', () => {
		for (const r of ROLE_RULES) expect(r.reason(facts('Region')).length).toBeGreaterThan(10);
	});
});

describe('column roles on real files', () => {
	it('UCI Wholesale: Channel and Region are categories, the spend columns numbers', () => {
		const t = parseCsv(readFileSync('static/demo/wholesale.csv', 'utf8'), 'wholesale.csv');
		const p = profileTable(t);
		const kinds = Object.fromEntries(p.map((c) => [c.name, c.kind]));
		expect(kinds).toEqual({ Channel: 'categorical', Region: 'categorical', Fresh: 'numeric', Milk: 'numeric', Grocery: 'numeric', Frozen: 'numeric', Detergents_Paper: 'numeric', Delicassen: 'numeric' });
		expect(p[0].reason).toMatch(/names a category/);
		expect(p.filter((c) => c.suggestedFeature).map((c) => c.name)).toEqual(['Fresh', 'Milk', 'Grocery', 'Frozen', 'Detergents_Paper', 'Delicassen']);
	});

	it('the demo data: the id is an id, every measure stays numeric', () => {
		const p = profileTable(parseCsv(readFileSync('static/demo/customers.csv', 'utf8'), 'customers.csv'));
		expect(p.map((c) => c.kind)).toEqual(['id', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']);
	});
});

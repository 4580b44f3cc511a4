import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv';
import { profileTable } from '../data/profile';
import { describeBuild, detectTransactionLog } from './transaction-log';

const RETAIL = readFileSync('static/demo/online_retail_sample30k.csv', 'utf8');
const detect = (text: string) => {
	const t = parseCsv(text, 'log.csv');
	return { spec: detectTransactionLog(profileTable(t), t.rowCount), profiles: profileTable(t) };
};

describe('transaction-log detection', () => {
	it('Online Retail (and its II edition, "Invoice", "Price", "Customer ID"): a log; its id columns are ids', () => {
		const { spec, profiles } = detect(RETAIL);
		expect(spec).toMatchObject({ customer: 'CustomerID', date: 'InvoiceDate', amount: null, quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo' });
		expect(describeBuild(spec!, 3546, 30000)).toBe('built 3,546 customers from 30,000 transaction lines (customer CustomerID, date InvoiceDate, amount Quantity × UnitPrice, orders InvoiceNo)');
		const kinds = Object.fromEntries(profiles.map((p) => [p.name, p.kind]));
		expect(kinds).toMatchObject({ InvoiceNo: 'id', StockCode: 'id', CustomerID: 'id', InvoiceDate: 'datetime', Quantity: 'numeric', UnitPrice: 'numeric' });
		const ii = RETAIL.replace('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country', 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country');
		const second = detect(ii);
		expect(second.spec).toMatchObject({ customer: 'Customer ID', quantity: 'Quantity', price: 'Price', invoice: 'Invoice' });
		expect(second.profiles.filter((p) => p.suggestedFeature).map((p) => p.name)).toEqual(['Quantity', 'Price']);
		expect(second.profiles.find((p) => p.name === 'Invoice')!.kind).toBe('id');
		expect(second.profiles.find((p) => p.name === 'Customer ID')!.kind).toBe('id');
	});

	it('an amount column is enough; without an amount, or without a date, it is not a log to build from', () => {
		const rows = (head: string, f: (i: number) => string) => head + '\n' + Array.from({ length: 60 }, (_, i) => f(i)).join('\n') + '\n';
		expect(detect(rows('customer_id,order_date,amount', (i) => `c${i % 12},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${(i * 13) % 97}.5`)).spec).toMatchObject({ customer: 'customer_id', date: 'order_date', amount: 'amount' });
		expect(detect(rows('customer_id,order_date,colour', (i) => `c${i % 12},2024-01-${String(1 + (i % 28)).padStart(2, '0')},red`)).spec).toBeNull();
		expect(detect(rows('customer_id,amount', (i) => `c${i % 12},${i}.5`)).spec).toBeNull();
		// One row per customer (ids do not repeat): a customer table already, not a log.
		expect(detect(rows('customer_id,signup_date,amount', (i) => `c${i},2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i}.5`)).spec).toBeNull();
	});
});

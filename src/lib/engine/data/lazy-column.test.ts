import { describe, expect, it } from 'vitest';
import { cellTexts } from './cell-text';
import { parseCsv } from './csv';
import { describeTable } from './describe';
import { copyColumn, levelCounts, madeBytes } from './lazy-column';

function table() {
	const lines = ['id,orders,spend,region'];
	for (let i = 0; i < 2000; i++) lines.push(`C${String(i).padStart(6, '0')},${i % 7},${(i * 1.37).toFixed(2)},${['North', 'South', ''][i % 3]}`);
	return parseCsv(lines.join('\n') + '\n', 't.csv', { fastPath: false });
}

describe('lazy column arrays', () => {
	it('are not made by the load or the profile, and are what the parser would have kept when read', () => {
		const t = table();
		const [id, orders, spend, region] = t.columns;
		const profiles = describeTable(t).profiles;
		expect(profiles[1].top.slice(0, 2)).toEqual([{ value: '0', count: 286 }, { value: '1', count: 286 }]);
		expect(madeBytes(id)).toBe(2000 * 4); // a text column: its codes (2,000 levels), no numbers
		expect(Object.getOwnPropertyDescriptor(id, 'numbers')!.get).toBeDefined();
		expect(Object.getOwnPropertyDescriptor(orders, 'codes')!.get).toBeDefined();
		expect(madeBytes(spend)).toBe(2000 * 8); // plain numbers: the numbers, no codes
		expect(madeBytes(region)).toBe(2000 * 4);
		// Read: the arrays appear, exactly as eager ones.
		expect(Array.from(id.numbers).every(Number.isNaN)).toBe(true);
		expect(id.numbers.length).toBe(2000);
		expect(Array.from(orders.codes!.subarray(0, 9))).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1]);
		expect(orders.levels).toEqual(['0', '1', '2', '3', '4', '5', '6']);
		expect(Object.getOwnPropertyDescriptor(orders, 'codes')!.get).toBeUndefined();
		expect(cellTexts(t, 'orders', 3)).toEqual(['0', '1', '2']);
		expect(levelCounts(region)).toEqual(Int32Array.from([667, 667]));
	});

	it('copies share the array; assignment replaces it', () => {
		const t = table();
		const orders = t.columns[1];
		const copy = copyColumn(orders);
		expect(Object.getOwnPropertyDescriptor(copy, 'codes')!.get).toBeDefined();
		expect(copy.codes).toBe(orders.codes);
		const id = t.columns[0];
		id.numbers = new Float64Array(0);
		id.codes = null;
		expect(id.numbers.length).toBe(0);
		expect(id.codes).toBeNull();
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRunArgs } from './args';
import { autoCustomers, recipeFromArgs } from './main';
import { parseCsv } from '../lib/engine/data/csv';

const args = (...argv: string[]) => parseRunArgs(['--input', 'x.csv', ...argv]);

describe('segment-lab run: defaults', () => {
	const log = parseCsv(readFileSync('static/demo/online_retail_sample30k.csv', 'utf8'), 'online_retail_sample30k.csv');

	it('--rfm auto (default) builds customers from a transaction log and says so in one line; --rfm off does not', () => {
		const auto = autoCustomers(args(), log)!;
		expect(auto.line).toBe('online_retail_sample30k.csv: built 3,546 customers from 30,000 transaction lines (customer CustomerID, date InvoiceDate, amount Quantity × UnitPrice, orders InvoiceNo); the output has one row per customer (--rfm off clusters the lines as they are).');
		const recipe = recipeFromArgs(args(), auto.table, { table: log, spec: auto.spec });
		expect(recipe.rfm).toEqual(auto.spec);
		expect(recipe.features).toEqual(['recency_days', 'frequency', 'monetary']);
		expect(recipe.source.name).toBe('online_retail_sample30k.csv');
		expect(recipe.idColumn).toBe('customer_id');
		expect(recipe.prep.columns.monetary).toEqual({ log1p: true });
		expect(autoCustomers(args('--rfm', 'off'), log)).toBeNull();
		expect(autoCustomers(args('--columns', 'Quantity'), log)).toBeNull();
		expect(() => args('--rfm', 'maybe')).toThrow(/--rfm must be one of auto, off/);
	});

	it('a file that is not a log is left as it is', () => {
		const w = parseCsv(readFileSync('static/demo/wholesale.csv', 'utf8'), 'wholesale.csv');
		expect(autoCustomers(args(), w)).toBeNull();
	});

	it('--transforms none removes the default log1p; a k range the rows cannot support is refused in words', () => {
		const w = parseCsv(readFileSync('static/demo/wholesale.csv', 'utf8'), 'wholesale.csv');
		expect(Object.keys(recipeFromArgs(args(), w).prep.columns)).toHaveLength(6);
		expect(recipeFromArgs(args('--transforms', 'none'), w).prep.columns).toEqual({});
		const seven = parseCsv('a,b\n' + Array.from({ length: 7 }, (_, i) => `${i * 1.5},${(i * 3) % 5}`).join('\n') + '\n', 'seven.csv');
		expect(() => recipeFromArgs(args('--k-range', '2..5'), seven)).toThrow('7 rows support at most 2 segments (about 5 rows per segment or more); k = 5 would leave about 1.4 rows per segment.');
		expect(recipeFromArgs(args(), seven).kRange).toEqual([2, 2]);
	});
});

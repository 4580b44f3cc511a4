import type { Column } from '../types';
import { parseNumber } from './number';

/** Above this many distinct values a column keeps numbers only (no dictionary): ids and continuous measures. */
export const DICTIONARY_CAP = 5000;

/** Turns row-wise cells into typed columns: numbers for every cell plus dictionary codes where cheap. */
export function buildColumns(names: string[], cells: string[][]): Column[] {
	const n = cells.length;
	return names.map((name, j) => {
		const numbers = new Float64Array(n);
		let codes: Int32Array | null = new Int32Array(n);
		let dict: Map<string, number> | null = new Map();
		let levels: string[] | null = [];
		let missing = 0;
		let nonNumeric = 0;
		let overflowDistinct: Set<string> | null = null;
		for (let i = 0; i < n; i++) {
			const raw = cells[i][j] ?? '';
			const t = raw.trim();
			if (t === '') {
				numbers[i] = NaN;
				missing++;
				if (codes) codes[i] = -1;
				continue;
			}
			const v = parseNumber(t);
			numbers[i] = v;
			if (Number.isNaN(v)) nonNumeric++;
			if (dict && codes && levels) {
				let code = dict.get(t);
				if (code === undefined) {
					if (levels.length >= DICTIONARY_CAP) {
						overflowDistinct = new Set(levels);
						overflowDistinct.add(t);
						dict = null;
						codes = null;
						levels = null;
						continue;
					}
					code = levels.length;
					dict.set(t, code);
					levels.push(t);
				}
				codes[i] = code;
			} else if (overflowDistinct && overflowDistinct.size < 1_000_000) {
				overflowDistinct.add(t);
			}
		}
		const exact = levels !== null || (overflowDistinct !== null && overflowDistinct.size < 1_000_000);
		const distinct = levels ? levels.length : (overflowDistinct?.size ?? 0);
		return { name, numbers, codes, levels, missing, nonNumeric, distinct, distinctExact: exact };
	});
}

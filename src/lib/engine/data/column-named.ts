/**
 * A table's column by name through a Map built once per columns array, so code that looks up every feature stays
 * linear in the columns (a `find` per feature was quadratic: about a second of a 10,000-column run).
 */
import type { Column, Table } from '../types';

const indexes = new WeakMap<Column[], Map<string, Column>>();

export function columnNamed(table: Pick<Table, 'columns'>, name: string): Column | undefined {
	let index = indexes.get(table.columns);
	if (!index || index.size !== table.columns.length) {
		index = new Map();
		// The first of equal names, as `find` returned (uniqueHeaders keeps names distinct anyway).
		for (const c of table.columns) if (!index.has(c.name)) index.set(c.name, c);
		indexes.set(table.columns, index);
	}
	return index.get(name);
}

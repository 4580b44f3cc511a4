/**
 * JSON (an array of objects, or an object holding one such array) and NDJSON (one object per line) → rows. The
 * columns are the union of the objects' keys in order of first appearance; a missing key is a blank cell and
 * nested values are kept as JSON text.
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import type { Table } from '../types';
import { tableFromRecords } from './records-table';
import { countLines } from './tokenizer';

export function parseJson(text: string, name: string, control: RunControl = {}): Table {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (err) {
		throw new EngineError('not-delimited', `"${name}" is not valid JSON: ${(err as Error).message}.`, 'Check that the file is complete (an export cut short is a common cause), or save it as CSV.');
	}
	if (data && typeof data === 'object' && !Array.isArray(data)) {
		const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v));
		if (arrays.length === 1) data = arrays[0][1];
	}
	if (!Array.isArray(data)) {
		throw new EngineError('not-delimited', `"${name}" is JSON but not a list of records.`, 'Segment Lab reads an array of objects ([{"id": 1, "spend": 20}, …]) or one object per line (NDJSON).');
	}
	const notes: string[] = [];
	const objects = data.filter((x) => x && typeof x === 'object' && !Array.isArray(x)) as Record<string, unknown>[];
	if (objects.length < data.length) notes.push(`${(data.length - objects.length).toLocaleString('en')} item(s) of "${name}" were not objects and were skipped.`);
	return fromObjects(objects, name, 'json', control, notes);
}

export function parseNdjson(text: string, name: string, control: RunControl = {}): Table {
	const objects: Record<string, unknown>[] = [];
	const bad: number[] = [];
	let badCount = 0;
	let lineNo = 0;
	for (const line of text.split(/\r\n|\n|\r/)) {
		lineNo++;
		const t = line.trim();
		if (t === '') continue;
		try {
			const v = JSON.parse(t);
			if (v && typeof v === 'object' && !Array.isArray(v)) {
				objects.push(v as Record<string, unknown>);
				continue;
			}
		} catch {
			// counted below
		}
		badCount++;
		if (bad.length < 5) bad.push(lineNo);
	}
	const notes = badCount
		? [`Skipped ${badCount.toLocaleString('en')} line(s) of "${name}" that are not JSON objects (first at line${bad.length > 1 ? 's' : ''} ${bad.join(', ')}), out of ${countLines(text).toLocaleString('en')}.`]
		: [];
	return fromObjects(objects, name, 'ndjson', control, notes);
}

function fromObjects(objects: Record<string, unknown>[], name: string, kind: 'json' | 'ndjson', control: RunControl, notes: string[]): Table {
	if (objects.length === 0) throw new EngineError('empty-file', `"${name}" holds no records.`, 'Choose a file with at least one object of data.');
	const index = new Map<string, number>();
	for (const o of objects) for (const k of Object.keys(o)) if (!index.has(k)) index.set(k, index.size);
	const names = [...index.keys()];
	const rows = objects.map((o) => {
		const row = new Array<unknown>(names.length).fill(null);
		for (const k in o) row[index.get(k)!] = o[k];
		return row;
	});
	return tableFromRecords(name, names, rows, { kind, encoding: 'utf-8' }, control, notes);
}

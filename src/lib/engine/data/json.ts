/**
 * JSON (an array of objects, or an object holding one such array) and NDJSON (one object per line) → rows. The
 * columns are the union of the objects' keys in order of first appearance; a missing key is a blank cell and
 * nested values are kept as JSON text. Like delimited text, every input is accounted for: each NDJSON line is a
 * row, blank or skipped (with a reason); each item of a JSON array is a row or skipped.
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import type { Table } from '../types';
import { checkJsonDepth } from './limits';
import { tableFromRecords } from './records-table';
import { SkipLog, skipNotes } from './skipped';

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function parseJson(text: string, name: string, control: RunControl = {}): Table {
	if (text.length > 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	checkJsonDepth(text, name);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (err) {
		throw new EngineError('not-delimited', `"${name}" is not valid JSON${where(text, (err as Error).message)}: ${(err as Error).message}.`, 'Check that the file is complete (an export cut short is a common cause), or save it as CSV.');
	}
	let topLevel = true;
	if (isRecord(data)) {
		const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v));
		if (arrays.length === 1) {
			data = arrays[0][1];
			topLevel = false;
		}
	}
	if (!Array.isArray(data)) {
		throw new EngineError('not-delimited', `"${name}" is JSON but not a list of records.`, 'Segment Lab reads an array of objects ([{"id": 1, "spend": 20}, …]) or one object per line (NDJSON).');
	}
	// Item start lines are known for a top-level array; inside a wrapper object items are numbered instead.
	const lines = topLevel ? itemLines(text) : null;
	const byLine = lines !== null && lines.length === data.length;
	const objects: Record<string, unknown>[] = [];
	const log = new SkipLog();
	const texts: string[] = [];
	for (let i = 0; i < data.length; i++) {
		const v = data[i];
		if (isRecord(v)) objects.push(v);
		else {
			log.add(0, 0, byLine ? lines![i] : i + 1, 1, 'not-an-object');
			texts.push(JSON.stringify(v) ?? String(v));
		}
	}
	const skipped = log.finish({ unit: 'items', total: data.length, header: 0, rows: objects.length, blank: 0, skipped: log.count }, { texts, lineUnit: byLine ? 'line' : 'item' });
	return fromObjects(objects, name, 'json', control, skipNotes(skipped, name), skipped);
}

export function parseNdjson(text: string, name: string, control: RunControl = {}): Table {
	if (text.length > 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	checkJsonDepth(text, name);
	const objects: Record<string, unknown>[] = [];
	const log = new SkipLog();
	const texts: string[] = [];
	const onProgress = throttle(control.onProgress, 100);
	let blank = 0, total = 0;
	const n = text.length;
	let pos = 0;
	// Lines end at LF, CRLF or a lone CR, as in delimited text; a last line without a line break still counts.
	while (pos < n) {
		let end = pos;
		while (end < n) {
			const c = text.charCodeAt(end);
			if (c === 10 || c === 13) break;
			end++;
		}
		const next = end < n ? end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1) : n;
		total++;
		const line = text.slice(pos, end);
		const t = line.trim();
		if (t === '') blank++;
		else {
			let v: unknown;
			let ok = true;
			try {
				v = JSON.parse(t);
			} catch {
				ok = false;
			}
			if (ok && isRecord(v)) objects.push(v);
			else {
				log.add(pos, end, total, 1, ok ? 'not-an-object' : 'not-json');
				texts.push(line);
			}
		}
		pos = next;
		if ((total & 0x3fff) === 0) {
			throwIfAborted(control.signal);
			onProgress?.({ stage: `Reading ${name}: ${objects.length.toLocaleString('en')} rows`, fraction: (0.5 * pos) / n });
		}
	}
	const skipped = log.finish({ unit: 'lines', total, header: 0, rows: objects.length, blank, skipped: log.count }, { texts });
	return fromObjects(objects, name, 'ndjson', control, skipNotes(skipped, name), skipped);
}

function fromObjects(objects: Record<string, unknown>[], name: string, kind: 'json' | 'ndjson', control: RunControl, notes: string[], skipped: Table['skipped']): Table {
	if (objects.length === 0) {
		const bad = skipped?.count ?? 0;
		throw new EngineError(
			'empty-file',
			bad > 0 ? `"${name}" holds no records: none of its ${bad.toLocaleString('en')} ${kind === 'json' ? 'item(s)' : 'line(s)'} is an object of named fields (first at ${skipped!.lineUnit === 'item' ? 'item' : 'line'} ${skipped!.line[0]}).` : `"${name}" holds no records.`,
			kind === 'json' ? 'Segment Lab reads an array of objects ([{"id": 1, "spend": 20}, …]); check the file was exported as records.' : 'Segment Lab reads one JSON object per line ({"id": 1, "spend": 20}); check the file was exported as records.'
		);
	}
	const index = new Map<string, number>();
	for (const o of objects) for (const k of Object.keys(o)) if (!index.has(k)) index.set(k, index.size);
	const names = [...index.keys()];
	const rows = objects.map((o) => {
		const row = new Array<unknown>(names.length).fill(null);
		for (const k in o) row[index.get(k)!] = o[k];
		return row;
	});
	const table = tableFromRecords(name, names, rows, { kind, encoding: 'utf-8' }, control, notes);
	if (skipped) table.skipped = skipped;
	return table;
}

/** 1-based start line of each top-level array item (a scan that follows strings and nesting), or null if not an array. */
export function itemLines(text: string): number[] | null {
	const out: number[] = [];
	let depth = 0, line = 1, inString = false, expectItem = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
		if (inString) {
			if (c === 92) i++; // a backslash escapes the next character (never a line break in valid JSON)
			else if (c === 34) inString = false;
			continue;
		}
		if (c === 32 || c === 9 || c === 10 || c === 13) continue;
		if (depth === 0 && c !== 91) return null;
		if (expectItem && c !== 93) {
			out.push(line);
			expectItem = false;
		}
		if (c === 34) inString = true;
		else if (c === 91 || c === 123) {
			depth++;
			if (depth === 1) expectItem = true;
		} else if (c === 93 || c === 125) {
			depth--;
			expectItem = false;
		} else if (c === 44 && depth === 1) expectItem = true;
	}
	return out;
}

/** " (line 3, column 7)" from the parser's "at position N", when it gives one. */
function where(text: string, message: string): string {
	if (/line \d+/.test(message)) return '';
	const m = /position (\d+)/.exec(message);
	if (!m) return '';
	const pos = Math.min(Number(m[1]), text.length);
	let line = 1, col = 1;
	for (let i = 0; i < pos; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			col = 1;
		} else col++;
	}
	return ` (line ${line}, column ${col})`;
}

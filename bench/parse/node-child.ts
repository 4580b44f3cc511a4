/**
 * One Node process per measurement: loads the file 3 times the way the command line does (fileSource +
 * loadSource: a large clean numeric file is parsed in chunks from disk), or with the general path on the whole
 * decoded text, then reports the times and the peak RSS above the baseline (process.resourceUsage().maxRSS).
 * Usage: npx tsx bench/parse/node-child.ts <file> [general]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileSource } from '../../src/cli/file-source';
import { parseCsv } from '../../src/lib/engine/data/csv';
import { decodeText } from '../../src/lib/engine/data/decode';
import { loadSource } from '../../src/lib/engine/data/load';
import type { Table } from '../../src/lib/engine/types';

const [file, mode] = process.argv.slice(2);
const base = process.memoryUsage().rss;
const ms: number[] = [];
let fastPath: boolean | undefined;
let tableBytes = 0;
let keepsText = false;
let peak = 0;
for (let r = 0; r < 3; r++) {
	const t0 = performance.now();
	let table: Table | null;
	if (mode === 'general') {
		const text = decodeText(new Uint8Array(readFileSync(file))).text;
		table = parseCsv(text, basename(file), { fastPath: false });
	} else {
		table = await loadSource(fileSource(file), basename(file));
	}
	ms.push(performance.now() - t0);
	fastPath = table.format?.fastPath;
	// The text counts only when the table holds it (a data property), not when it is read from the file on demand.
	const held = Object.getOwnPropertyDescriptor(table.source, 'text')?.value as string | undefined;
	keepsText = held !== undefined;
	tableBytes = (held?.length ?? 0) + table.columns.reduce((s, c) => s + c.numbers.byteLength + (c.codes?.byteLength ?? 0), 0) + table.source.rowStart.byteLength * 2;
	table = null;
	// Peak of the first run only: later runs would also count the previous table until it is collected.
	if (r === 0) peak = process.resourceUsage().maxRSS * 1024;
}
console.log(JSON.stringify({ ms, peakMB: (peak - base) / 1e6, fastPath, keepsText, tableMB: tableBytes / 1e6 }));

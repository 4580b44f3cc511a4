/**
 * Load + profile of the journey bench's 1,000,000-row customer file (bench/journey-data.ts: an id, eight skewed
 * numeric columns, two categorical, 0.5% missing in two) in Node, phase by phase, as the page's engine worker does
 * it: loadSource (the general parser: the file has text columns) → describeTable (profiles + correlations) →
 * fingerprint. Also the table's memory: its typed arrays by kind and the heap after a collection, against the file.
 * Each round runs in this process after a full collection (--expose-gc is switched on at run time).
 * Run: npx tsx bench/load-profile.bench.ts [rows] [rounds] [--chromium]   (or npm run bench -- load-profile)
 * --chromium: also the page's path, the same phases in a Chromium worker from a File (bench/parse/chromium.ts).
 * A CPU profile: npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/load-profile.bench.ts 1000000 1
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileSource } from '../src/cli/file-source';
import { describeTable } from '../src/lib/engine/data/describe';
import { fingerprint } from '../src/lib/engine/data/fingerprint';
import { madeBytes } from '../src/lib/engine/data/lazy-column';
import { loadSource } from '../src/lib/engine/data/load';
import type { Table } from '../src/lib/engine/types';
import { writeCustomers } from './journey-data';
import { chromiumParse } from './parse/chromium';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const chromium = process.argv.includes('--chromium');
const [rowsArg, roundsArg] = args;
const rows = Number(rowsArg ?? 1_000_000);
const rounds = Number(roundsArg ?? 3);
const dir = join(process.cwd(), 'bench', '.data');
mkdirSync(dir, { recursive: true });
const file = join(dir, `journey-${rows}.csv`);
if (!existsSync(file)) {
	await writeCustomers(file + '.tmp', rows);
	renameSync(file + '.tmp', file);
}
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (b: number) => (b / 2 ** 20).toFixed(1);
const size = statSync(file).size;
console.log(`${file}: ${mb(size)} MB, ${rows.toLocaleString('en')} rows; load average ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);

/** Bytes of the table's typed arrays made so far (numbers and codes; a lazy one not yet read is 0) and row offsets. */
function tableBytes(t: Table): Record<string, number> {
	let columns = 0;
	for (const c of t.columns) columns += madeBytes(c);
	return { 'columns (numbers + codes)': columns, offsets: t.source.rowStart.byteLength + t.source.rowEnd.byteLength };
}

const times: Record<string, number[]> = { load: [], profile: [], fingerprint: [], total: [], 'total CPU': [] };
let summary = '';
let held = 0;
let peak = 0;
const rss0 = process.memoryUsage().rss;
for (let r = 0; r < rounds; r++) {
	gc();
	const heap0 = process.memoryUsage();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	let table: Table | null = await loadSource(fileSource(file), 'customers.csv');
	const t1 = performance.now();
	const { profiles } = describeTable(table);
	const t2 = performance.now();
	const fp = fingerprint(table);
	const t3 = performance.now();
	times.load.push(t1 - t0);
	times.profile.push(t2 - t1);
	times.fingerprint.push(t3 - t2);
	times.total.push(t3 - t0);
	const cpu = process.cpuUsage(cpu0);
	times['total CPU'].push((cpu.user + cpu.system) / 1000);
	gc();
	const heap1 = process.memoryUsage();
	// Round 1 only: in later rounds the previous table was sometimes still held at the start (the baseline).
	if (r === 0) peak = process.resourceUsage().maxRSS * 1024 - rss0;
	if (r === 0) held = heap1.heapUsed + heap1.arrayBuffers - heap0.heapUsed - heap0.arrayBuffers;
	const parts = tableBytes(table);
	summary = `table: ${Object.entries(parts).map(([k, v]) => `${k} ${mb(v)} MB`).join(', ')}; heap + array buffers held by the table after a collection (round 1) ${mb(held)} MB (${(held / size).toFixed(2)}× the file); peak RSS above the start, round 1, ${mb(peak)} MB; fast path ${table.format?.fastPath}; hash ${fp.hash}; kinds ${profiles.map((p) => `${p.name}:${p.kind}:${p.distinct}${p.distinctExact ? '' : '+'}`).join(' ')}`;
	console.log(`round ${r + 1}: load ${(t1 - t0).toFixed(0)} ms, profile ${(t2 - t1).toFixed(0)} ms, fingerprint ${(t3 - t2).toFixed(0)} ms, total ${(t3 - t0).toFixed(0)} ms (CPU ${times['total CPU'][r].toFixed(0)} ms)`);
	table = null;
}
const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
console.log(`median of ${rounds}: ${Object.entries(times).map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`).join(', ')}`);
console.log(summary);
console.log(`load average after: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);

if (chromium && rows === 1_000_000) {
	// The page's path: the same engine code in a Chromium worker, from a File (read-file.ts's loadBlob).
	const c = await chromiumParse(file, 'journey-worker-entry.ts', rounds);
	const phase = (k: string) => median(c.phases.map((p) => p[k])).toFixed(0);
	console.log(`Chromium ${c.version} worker, median of ${rounds}: load ${phase('load')} ms, profile ${phase('profile')} ms, fingerprint ${phase('fingerprint')} ms, total ${median(c.ms).toFixed(0)} ms (runs ${c.ms.map((m) => m.toFixed(0)).join(', ')}); renderer peak above baseline ${c.peakMB.toFixed(0)} MB; load average ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
}

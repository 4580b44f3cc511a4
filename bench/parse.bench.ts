/**
 * Parse throughput and peak memory for a generated 1,000,000 × 10 numeric CSV (about 84 MB), in Node and in
 * Chromium's worker, next to pandas.read_csv on the same file in the same run. Each side runs in its own process
 * so peak resident memory (maxRSS, or the renderer's RSS sampled from /proc) is its own. Medians of 3 runs.
 * Run: npm run bench -- parse   (or: npx tsx bench/parse.bench.ts)
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Rng } from '../src/lib/engine/random';
import { chromiumParse } from './parse/chromium';

const dir = join(process.cwd(), 'bench', '.data');
mkdirSync(dir, { recursive: true });
const ROWS = 1_000_000, COLS = 10;
const file = join(dir, `numeric_${ROWS}x${COLS}.csv`);

async function generate(): Promise<void> {
	if (existsSync(file)) return;
	const rng = new Rng(1);
	const out = createWriteStream(file);
	out.write(Array.from({ length: COLS }, (_, j) => `x${j}`).join(',') + '\n');
	const line = new Array<string>(COLS);
	let buf = '';
	for (let i = 0; i < ROWS; i++) {
		for (let j = 0; j < COLS; j++) line[j] = (100 + 30 * rng.normal()).toFixed(4);
		buf += line.join(',') + '\n';
		if (buf.length > 1 << 20) {
			if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
			buf = '';
		}
	}
	out.write(buf);
	await new Promise<void>((r) => out.end(r));
}

interface Measure {
	label: string;
	ms: number[];
	peakMB: number;
	extra?: string;
}

function json(cmd: string, args: string[]): Record<string, unknown> {
	const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
	return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];

await generate();
const size = statSync(file).size;
const sizeMB = size / 1e6;
console.log(`file: ${file} (${sizeMB.toFixed(1)} MB, ${ROWS.toLocaleString('en')} rows × ${COLS} numeric columns)`);

const results: Measure[] = [];
const py = json('/usr/bin/python3', [join('bench', 'parse', 'pandas_read.py'), file]);
results.push({ label: `pandas ${py.version} read_csv`, ms: py.ms as number[], peakMB: py.peakMB as number });
const node = json('npx', ['tsx', join('bench', 'parse', 'node-child.ts'), file]);
results.push({ label: 'Segment Lab, Node (file → Table, as the CLI)', ms: node.ms as number[], peakMB: node.peakMB as number, extra: `fast path: ${node.fastPath}; text kept in memory: ${node.keepsText}; table holds ${(node.tableMB as number).toFixed(0)} MB (${node.keepsText ? 'text + ' : ''}columns + row offsets)` });
const general = json('npx', ['tsx', join('bench', 'parse', 'node-child.ts'), file, 'general']);
results.push({ label: 'Segment Lab, Node, general path only', ms: general.ms as number[], peakMB: general.peakMB as number });
try {
	const c = await chromiumParse(file);
	results.push({ label: `Segment Lab, Chromium ${c.version} worker (File → Table)`, ms: c.ms, peakMB: c.peakMB, extra: 'peak = renderer process RSS above its baseline, sampled every 10 ms' });
} catch (err) {
	console.log(`Chromium run skipped: ${(err as Error).message}`);
}

const pandasMs = median(results[0].ms);
console.log('\n| parser | median time | throughput | vs pandas | peak memory above baseline | peak / file size |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
	const ms = median(r.ms);
	console.log(`| ${r.label} | ${ms.toFixed(0)} ms | ${(sizeMB / (ms / 1000)).toFixed(0)} MB/s | ${(pandasMs / ms).toFixed(2)}× | ${r.peakMB.toFixed(0)} MB | ${(r.peakMB / sizeMB).toFixed(2)}× |`);
}
for (const r of results) if (r.extra) console.log(`- ${r.label}: ${r.extra}; runs ${r.ms.map((m) => m.toFixed(0)).join(', ')} ms`);
console.log('Throughput = file size (10^6 bytes) / median time of 3 runs, each from the file on disk (page cache) to a parsed table.');

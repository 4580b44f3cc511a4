/**
 * Parse throughput and peak memory for a generated 1,000,000 × 10 numeric CSV (about 84 MB), in Node and in
 * Chromium's worker, next to pandas.read_csv on the same file in the same run. Each side runs in its own process
 * so peak resident memory (maxRSS, or the renderer's RSS sampled from /proc) is its own. Three rounds of every
 * parser; ratios to pandas are taken within a round (the shared machine's load drifts), then the median of rounds.
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

// Three rounds, each running every parser once (3 timed loads each, in its own process): on a shared machine the
// load changes from minute to minute, so the ratio to pandas is taken within each round, then the median of rounds.
const ROUNDS = 3;
const results = new Map<string, Measure & { rounds: number[]; peaks: number[] }>();
const add = (label: string, ms: number[], peakMB: number, extra?: string) => {
	const r = results.get(label) ?? { label, ms: [], peakMB: 0, rounds: [], peaks: [], extra };
	r.ms.push(...ms);
	r.rounds.push(median(ms));
	r.peaks.push(peakMB);
	results.set(label, r);
};
let pandasLabel = '';
for (let round = 0; round < ROUNDS; round++) {
	const py = json('/usr/bin/python3', [join('bench', 'parse', 'pandas_read.py'), file]);
	pandasLabel = `pandas ${py.version} read_csv`;
	add(pandasLabel, py.ms as number[], py.peakMB as number);
	const node = json('npx', ['tsx', join('bench', 'parse', 'node-child.ts'), file]);
	add('Segment Lab, Node (file → Table, as the CLI)', node.ms as number[], node.peakMB as number, `fast path: ${node.fastPath}; text kept in memory: ${node.keepsText}; table holds ${(node.tableMB as number).toFixed(0)} MB (${node.keepsText ? 'text + ' : ''}columns + row offsets)`);
	try {
		const c = await chromiumParse(file);
		add(`Segment Lab, Chromium ${c.version} worker (File → Table)`, c.ms, c.peakMB, 'peak = the renderer process peak RSS (kernel high-water mark, reset before the run) above its RSS before the run');
	} catch (err) {
		if (round === 0) console.log(`Chromium run skipped: ${(err as Error).message}`);
	}
	if (round === 0) {
		const general = json('npx', ['tsx', join('bench', 'parse', 'node-child.ts'), file, 'general']);
		add('Segment Lab, Node, general path only (1 round)', general.ms as number[], general.peakMB as number);
	}
}

const pandas = results.get(pandasLabel)!;
console.log('\n| parser | median time | throughput | vs pandas (median of per-round ratios) | peak memory above baseline (median of rounds) | peak / file size |');
console.log('|---|---|---|---|---|---|');
for (const r of results.values()) {
	const ms = median(r.ms);
	const ratios = r.rounds.map((m, k) => pandas.rounds[k] / m);
	const peak = median(r.peaks);
	console.log(`| ${r.label} | ${ms.toFixed(0)} ms | ${(sizeMB / (ms / 1000)).toFixed(0)} MB/s | ${median(ratios).toFixed(2)}× (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')}) | ${peak.toFixed(0)} MB (${r.peaks.map((x) => x.toFixed(0)).join(', ')}) | ${(peak / sizeMB).toFixed(2)}× |`);
}
for (const r of results.values()) if (r.extra) console.log(`- ${r.label}: ${r.extra}; runs ${r.ms.map((m) => m.toFixed(0)).join(', ')} ms`);
console.log('Throughput = file size (10^6 bytes) / median time of all runs (3 per round), each from the file on disk (page cache) to a parsed table.');

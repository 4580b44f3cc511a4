/**
 * The command line on a 1 GB file (issue #18): 22.4M rows × (an id and three numbers, 45 bytes a row), clustered
 * with `segment-lab run --k 4 --out`, through the built bundle. Prints the wall time, the peak resident memory
 * (/usr/bin/time's maximum RSS) against the file's size, and checks the labelled file has every row.
 * Run: npm run bench -- large-output   (ROWS=2240000 for a 90 MB try; the file is cached in bench/.data/).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const ROWS = Number(process.env.ROWS ?? 22_400_000);
const dataDir = join(ROOT, 'bench/.data');
mkdirSync(dataDir, { recursive: true });
const file = join(dataDir, `customers-${ROWS}.csv`);
const out = join(dataDir, `customers-${ROWS}-labelled.csv`);

if (!existsSync(file)) {
	console.log(`writing ${file} …`);
	const w = createWriteStream(file);
	let s = 1;
	const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
	w.write('customer_id,recency,frequency,monetary\n');
	let buf: string[] = [];
	for (let i = 0; i < ROWS; i++) {
		const c = i % 4;
		buf.push(`${10000000 + i},${(c * 90 + rnd() * 60).toFixed(6)},${(1 + c * 3 + rnd() * 4).toFixed(7)},${(20 + c * 150 + rnd() * 100).toFixed(6)}\n`);
		if (buf.length === 100_000) {
			if (!w.write(buf.join(''))) await new Promise<void>((r) => w.once('drain', () => r()));
			buf = [];
		}
	}
	w.end(buf.join(''));
	await new Promise<void>((r) => w.once('finish', () => r()));
}
const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const size = statSync(file).size;
const t0 = Date.now();
const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, join(ROOT, 'bin/segment-lab.mjs'), 'run', '--input', file, '--k', '4', '--out', out], { encoding: 'utf8', maxBuffer: 1 << 26 });
const seconds = (Date.now() - t0) / 1000;
const peakKb = Number(r.stderr.trim().split('\n').at(-1));
console.log(r.stdout.split('\n')[0]);
if (r.status !== 0) {
	console.log(`exit ${r.status}\n${r.stderr}`);
	process.exit(1);
}
let lines = 0;
for await (const chunk of createReadStream(out)) for (const b of chunk as Buffer) if (b === 10) lines++;
console.log(`| file | rows | wall | peak RSS | peak ÷ file | labelled rows |`);
console.log(`|---|---|---|---|---|---|`);
console.log(`| ${(size / 1e9).toFixed(2)} GB | ${ROWS.toLocaleString('en')} | ${seconds.toFixed(0)} s | ${((peakKb * 1024) / 1e9).toFixed(2)} GB | ${((peakKb * 1024) / size).toFixed(2)}× | ${(lines - 1).toLocaleString('en')} |`);
rmSync(out, { force: true });

/**
 * Command-line start-up (issue #19): median wall time of `segment-lab --help` and of a full `run` on a 150-row file,
 * through bin/segment-lab.mjs and the built bundle, beside the same commands through the TypeScript sources and tsx
 * (how the command ran before it was built: 1.2–1.6 s for --help when #19 was filed).
 * Run: npm run bench -- cli   (rebuilds the bundle first). Targets: ≤ 0.25 s and ≤ 0.5 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const bin = join(ROOT, 'bin/segment-lab.mjs');
// The bundle as the sources are now (a few seconds).
const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0 || !existsSync(join(ROOT, 'dist/cli/segment-lab.mjs'))) process.exit(1);
const dir = mkdtempSync(join(tmpdir(), 'segment-lab-bench-cli-'));
const file = join(dir, 'c150.csv');
writeFileSync(file, readFileSync(join(ROOT, 'static/demo/customers.csv'), 'utf8').split('\n').slice(0, 151).join('\n') + '\n');
const viaTsx = `import { register } from 'tsx/esm/api'; register(); const { main } = await import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
}

/** Median wall time, and median CPU time (user + system, from /usr/bin/time): on a busy machine the second says more. */
function time(args: string[]): { median: number; cpu: number } {
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < ROUNDS; i++) {
		const t0 = process.hrtime.bigint();
		const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
		wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
		if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
		const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr)!;
		cpu.push(Number(m[1]) + Number(m[2]));
	}
	return { median: median(wall), cpu: median(cpu) };
}

const runArgs = ['run', '--input', file, '--out', join(dir, 'out.csv')];
const cases = [
	{ what: 'segment-lab --help', target: 0.25, built: time([bin, '--help']), tsx: time(['--input-type=module', '-e', viaTsx, '--help']) },
	{ what: 'segment-lab run (150 rows, k 2..10, --out)', target: 0.5, built: time([bin, ...runArgs]), tsx: time(['--input-type=module', '-e', viaTsx, ...runArgs]) }
];
const node = time(['-e', '']);
const s = (x: number) => `${x.toFixed(3)} s`;
console.log(`${ROUNDS} rounds each; medians (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; \`node -e ""\` alone: ${s(node.median)} wall, ${s(node.cpu)} CPU)\n`);
console.log('| command | built bundle: wall (CPU) | target | met | tsx on the sources, before: wall (CPU) |');
console.log('|---|---|---|---|---|');
for (const c of cases) console.log(`| ${c.what} | ${s(c.built.median)} (${s(c.built.cpu)}) | ≤ ${c.target} s | ${c.built.median <= c.target ? 'yes' : 'no'} | ${s(c.tsx.median)} (${s(c.tsx.cpu)}) |`);
console.log('\nbefore, as measured when #19 was filed: --help 1.2–1.6 s; a refused model file about 1 s.');
rmSync(dir, { recursive: true, force: true });

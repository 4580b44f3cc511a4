/**
 * One k-means run on 1,000,000 × 8 split across threads sharing memory (engine/cluster/kmeans-team.ts) against
 * the same run on one thread: the same data, seed and starting centres, alternating 1 and 2 threads so that the
 * machine's load hits both alike; checks that labels, centres and inertia are identical and prints the ratio.
 * Three cases: Lloyd from fixed starting centres, and a whole run with k-means++ starts and 3 restarts, with and
 * without the Hartigan moves (the seeding's passes, the moves' bounds, means and sums of squares are split too).
 * A fourth case is the journey's sweep (bench/journey-matrix.ts: the journey bench's 1,000,000 customers under the
 * default preparation), k = 2..10 with SWEEP_RESTARTS k-means++ restarts and the Hartigan moves, on two threads,
 * with the WebAssembly kernel's Hamerly bounds and without them (kmeans-lloyd-bounds.ts): the same results, and the
 * times of both.
 * Run: npm run bench -- kmeans-workers   (or: npx tsx bench/kmeans-workers.bench.ts [rows] [sweep restarts])
 */
import { loadavg } from 'node:os';
import { blobs, cached } from './engine-bench-util';
import { kmeans, setKernelBounds, type KMeansOptions } from '../src/lib/engine/cluster/kmeans';
import { journeyMatrix } from './journey-matrix';
import { kmeansPlusPlus } from '../src/lib/engine/cluster/kmeans-init';
import { Rng } from '../src/lib/engine/random';
import { startNodeTeam } from '../src/cli/kmeans-threads';
import type { KMeansResult } from '../src/lib/engine/types';

const rows = Number(process.argv[2] ?? 1_000_000);
const SWEEP_RESTARTS = Number(process.argv[3] ?? 1);
const cols = 8, k = 8;
const { X } = cached(`kmeans-workers-${rows}x${cols}.f64`, () => blobs(rows, cols, 12, 0x5eed, 0, 3));
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');
console.log(`k-means ${rows.toLocaleString('en')} × ${cols}, k = ${k}; load average before: ${load()}`);

const nt = await startNodeTeam(2);
if (!nt) {
	console.log('No shared WebAssembly memory in this runtime: nothing to compare.');
	process.exit(1);
}

const identical = (a: KMeansResult, b: KMeansResult) =>
	a.inertia === b.inertia && a.labels.every((v, i) => v === b.labels[i]) && a.centers.every((v, i) => v === b.centers[i]);

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

function compare(name: string, options: KMeansOptions, reps: number): number {
	const t1: number[] = [], t2: number[] = [];
	let cpu1 = 0, cpu2 = 0;
	let same = true;
	let iterations = 0;
	const helped0 = nt!.team.helped, taken0 = nt!.team.takenOver;
	const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
	for (let r = 0; r < reps; r++) {
		let t = performance.now();
		let c = process.cpuUsage();
		const one = kmeans(X, rows, cols, k, options, { seed: 42, team: null });
		t1.push(performance.now() - t);
		cpu1 += cpuMs(process.cpuUsage(c));
		t = performance.now();
		c = process.cpuUsage();
		const two = kmeans(X, rows, cols, k, options, { seed: 42, team: nt!.team });
		t2.push(performance.now() - t);
		cpu2 += cpuMs(process.cpuUsage(c));
		same &&= identical(one, two);
		iterations = one.iterations;
	}
	const ratio = median(t1) / median(t2);
	console.log(`${name} (${iterations} iterations of the best run): 1 thread ${median(t1).toFixed(0)} ms, 2 threads ${median(t2).toFixed(0)} ms ` +
		`(medians of ${reps}; all 1-thread ${t1.map((v) => v.toFixed(0)).join('/')}, 2-thread ${t2.map((v) => v.toFixed(0)).join('/')}); ` +
		`speed-up ${ratio.toFixed(2)}×; identical labels, centres and inertia: ${same ? 'yes' : 'NO'}; ` +
		`CPU time of the process (all threads) ${(cpu1 / reps).toFixed(0)} ms on 1 thread, ${(cpu2 / reps).toFixed(0)} ms on 2; the helper ran ${nt!.team.helped - helped0} blocks` +
		`${nt!.team.takenOver > taken0 ? ` (${nt!.team.takenOver - taken0} taken over from it after a stall)` : ''}. ` +
		`(Wall time well above CPU time means the machine is busy: then 2 threads cannot show their speed-up.)`);
	return ratio;
}

const init = kmeansPlusPlus(X, rows, cols, k, new Rng(7));
const lloyd = compare('Lloyd from fixed centres', { init, maxIter: 40, tol: 0 }, 5);
const whole = compare('Whole run (k-means++, 3 restarts, Hartigan moves)', { nInit: 3, refine: 'hartigan' }, 5);
compare('Whole run without the Hartigan moves', { nInit: 3, refine: 'none' }, 5);
/** The journey's sweep on two threads, with and without the kernel's bounds (alternating per k), checked identical. */
async function sweep(): Promise<void> {
	const J = await journeyMatrix();
	const options: KMeansOptions = { nInit: SWEEP_RESTARTS, refine: 'hartigan' };
	const ms = { plain: 0, bounds: 0 }, cpu = { plain: 0, bounds: 0 };
	const perK: string[] = [];
	let same = true;
	for (let k = 2; k <= 10; k++) {
		const out: Partial<Record<'plain' | 'bounds', KMeansResult>> = {};
		const t: Record<string, number> = {};
		for (const mode of k % 2 ? (['plain', 'bounds'] as const) : (['bounds', 'plain'] as const)) {
			setKernelBounds(mode === 'plain' ? null : 2);
			const c = process.cpuUsage(), t0 = performance.now();
			out[mode] = kmeans(J.X, J.rows, J.cols, k, options, { seed: J.seed + k, team: nt!.team });
			t[mode] = performance.now() - t0;
			const u = process.cpuUsage(c);
			ms[mode] += t[mode];
			cpu[mode] += (u.user + u.system) / 1000;
		}
		same &&= identical(out.plain!, out.bounds!) && out.plain!.iterations === out.bounds!.iterations;
		perK.push(`k=${k} ${(t.plain / 1000).toFixed(2)}→${(t.bounds / 1000).toFixed(2)} s (${out.plain!.iterations} it.)`);
	}
	setKernelBounds(2);
	const s = (v: number) => (v / 1000).toFixed(1);
	console.log(`Journey sweep ${J.rows.toLocaleString('en')} × ${J.cols}, k = 2..10, ${SWEEP_RESTARTS} restart(s) each + Hartigan moves, 2 threads: ` +
		`without bounds ${s(ms.plain)} s (CPU ${s(cpu.plain)} s), with the kernel's bounds ${s(ms.bounds)} s (CPU ${s(cpu.bounds)} s): ${(ms.plain / ms.bounds).toFixed(2)}× ` +
		`(CPU ${(cpu.plain / cpu.bounds).toFixed(2)}×); identical labels, centres, inertia and iterations: ${same ? 'yes' : 'NO'}. Per k (iterations of the best restart): ${perK.join(', ')}. Load average: ${load()}`);
}
await sweep();

console.log(`Target ≥ 1.7× on two threads: Lloyd ${lloyd >= 1.7 ? 'met' : 'not met'} (${lloyd.toFixed(2)}×), whole run ${whole >= 1.7 ? 'met' : 'not met'} (${whole.toFixed(2)}×). Load average after: ${load()}`);
const mem = process.memoryUsage();
console.log(`Process memory: RSS ${(mem.rss / 2 ** 20).toFixed(0)} MB (data ${(X.byteLength / 2 ** 20).toFixed(0)} MB, shared team memory included).`);
await nt.close();

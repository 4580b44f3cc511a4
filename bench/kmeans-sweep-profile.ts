/**
 * Where the time of the page's k-means sweep goes on the journey's prepared matrix: k-means++ seeding, Lloyd
 * iterations (count, early vs late per-iteration time), inertia, and the Hartigan moves after the best restart.
 * Mirrors kmeans() (kmeans.ts) step by step with timers.
 * Run: npx tsx bench/kmeans-sweep-profile.ts [threads=2] [kFrom=2] [kTo=10] [restarts=10]
 * (HARTIGAN=none: no Hartigan moves, as the default recipe on more than 200,000 rows; SHARE=0.03: the bounds start once
 * at most that share of the rows changed cluster, default 0.01)
 */
import { loadavg } from 'node:os';
import { journeyMatrix } from './journey-matrix';
import { accelerateFrom, arenaBytes, setKernelBounds } from '../src/lib/engine/cluster/kmeans';
import { centredPadded, columnMeans } from '../src/lib/engine/cluster/kmeans-kernels';
import { LloydRun, scaledTolerance } from '../src/lib/engine/cluster/kmeans-lloyd';
import { blockedStart } from '../src/lib/engine/cluster/kmeans-seed-blocks';
import { hartiganRefine } from '../src/lib/engine/cluster/kmeans-hartigan';
import { kernelArena } from '../src/lib/engine/cluster/kmeans-wasm';
import { Rng, deriveSeed } from '../src/lib/engine/random';
import { startNodeTeam } from '../src/cli/kmeans-threads';

const [threads, kFrom, kTo, restarts] = [2, 2, 10, 10].map((d, i) => Number(process.argv[2 + i] ?? d));
const { X, rows, cols, seed } = await journeyMatrix();
const from = process.env.BOUNDS_FROM;
// BOUNDS_FROM=none: the plain kernel; a number: the first iteration the bounds may start (they start once ≤ 1% of rows change).
setKernelBounds(from === 'none' ? null : Number(from ?? 2), 50_000, Number(process.env.SHARE ?? 0.01));
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');
console.log(`bounds from ${from ?? 2}: journey matrix ${rows} × ${cols}, threads ${threads}, k ${kFrom}..${kTo}, ${restarts} restarts; load ${load()}`);
const nt = threads > 1 ? await startNodeTeam(threads) : null;
const tot = { seed: 0, lloyd: 0, iters: 0, hart: 0, inertia: 0, early: 0, earlyN: 0, late: 0, lateN: 0, plain: 0, plainN: 0, setup: 0, setupN: 0, bounded: 0, boundedN: 0 };
const HART = process.env.HARTIGAN !== 'none';
const t0 = performance.now();
const cpu0 = process.cpuUsage();
for (let k = kFrom; k <= kTo; k++) {
	const mean = columnMeans(X, rows, cols);
	const bytes = arenaBytes(rows, cols, k);
	const arena = (nt ? nt.team.openArena(bytes) : null) ?? kernelArena(bytes)!;
	const { data, stride } = centredPadded(X, rows, cols, arena, mean);
	const tolScaled = scaledTolerance(data, rows, stride, cols, 1e-4);
	const perK = deriveSeed(seed, k);
	let best: { inertia: number; labels: Int32Array } | null = null;
	const row = { seed: 0, lloyd: 0, iters: [] as number[], hart: 0, inertia: 0 };
	for (let r = 0; r < restarts; r++) {
		const mark = arena.mark();
		const rng = new Rng(deriveSeed(perK, r));
		let t = performance.now();
		const start = blockedStart(data, rows, stride, k, rng);
		row.seed += performance.now() - t;
		t = performance.now();
		const run = new LloydRun(data, rows, stride, k, start, 300, tolScaled, accelerateFrom(rows, arena, stride));
		while (!run.done) {
			const ti = performance.now();
			// Which pass this step makes: plain, the bounds' set-up (their first pass), or bounded.
			const had = (run as unknown as { kernelBounds: unknown }).kernelBounds !== null;
			run.step();
			const dt = performance.now() - ti;
			const has = (run as unknown as { kernelBounds: unknown }).kernelBounds !== null;
			if (!has) { tot.plain += dt; tot.plainN++; } else if (!had) { tot.setup += dt; tot.setupN++; } else { tot.bounded += dt; tot.boundedN++; }
			if (run.iteration <= 3) { tot.early += dt; tot.earlyN++; } else { tot.late += dt; tot.lateN++; }
		}
		row.lloyd += performance.now() - t;
		row.iters.push(run.iteration);
		t = performance.now();
		const inertia = run.inertia();
		row.inertia += performance.now() - t;
		if (best === null || inertia < best.inertia) best = { inertia, labels: run.labels.slice() };
		arena.reset(mark);
	}
	let t = performance.now();
	const h = HART ? hartiganRefine(data, rows, stride, cols, k, best!.labels) : { moves: 0, inertia: best!.inertia };
	row.hart = performance.now() - t;
	arena.close();
	console.log(`k=${k}: seeding ${(row.seed / 1000).toFixed(2)} s, Lloyd ${(row.lloyd / 1000).toFixed(2)} s (${row.iters.join('/')} iterations), inertia ${(row.inertia / 1000).toFixed(2)} s, Hartigan ${(row.hart / 1000).toFixed(2)} s (${h.moves} moves, inertia ${best!.inertia.toPrecision(8)} → ${h.inertia.toPrecision(8)}, ${(100 * (h.inertia / best!.inertia - 1)).toFixed(4)}%); load ${load()}`);
	tot.seed += row.seed; tot.lloyd += row.lloyd; tot.hart += row.hart; tot.inertia += row.inertia; tot.iters += row.iters.reduce((a, b) => a + b, 0);
}
const all = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(`total ${(all / 1000).toFixed(2)} s (CPU time of all threads ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s): seeding ${(tot.seed / 1000).toFixed(2)}, Lloyd ${(tot.lloyd / 1000).toFixed(2)} (${tot.iters} iterations, ${(tot.lloyd / tot.iters).toFixed(1)} ms each; iterations 1-3 ${(tot.early / tot.earlyN).toFixed(1)} ms, later ${(tot.late / tot.lateN).toFixed(1)} ms; plain passes ${tot.plainN} ${(tot.plain / 1000).toFixed(2)} s, bounds' set-up ${tot.setupN} ${(tot.setup / 1000).toFixed(2)} s, bounded ${tot.boundedN} ${(tot.bounded / 1000).toFixed(2)} s), inertia ${(tot.inertia / 1000).toFixed(2)}, Hartigan ${(tot.hart / 1000).toFixed(2)}; load ${load()}`);
await nt?.close();

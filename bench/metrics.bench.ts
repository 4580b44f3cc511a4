/**
 * Cluster-quality metrics against scikit-learn 1.2 in the same run (issue 5): exact silhouette of 20,000 × 8
 * (one thread and two worker threads), sampled silhouette on 1,000,000 rows (5 × 5,000, as the app does), DB + CH
 * on 100,000 rows; in Chromium (Debian's, a module worker): exact silhouette of 50,000 × 8, and the whole sweep
 * k = 2..10 with every metric except gap on 100,000 × 8 through the built site. Prints figures and ratios only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { kmeans } from '../src/lib/engine/cluster/kmeans';
import { calinskiHarabasz } from '../src/lib/engine/metrics/calinski-harabasz';
import { daviesBouldin } from '../src/lib/engine/metrics/davies-bouldin';
import { silhouetteEstimate } from '../src/lib/engine/metrics/silhouette-ci';
import { silhouetteInput, silhouetteScore } from '../src/lib/engine/metrics/silhouette';
import { silhouetteFromSums, splitRows } from '../src/lib/engine/metrics/silhouette-kernel';
import { blobs, cached, dataDir } from './engine-bench-util';

const COLS = 8;
function labelled(n: number): { xPath: string; lPath: string; X: Float64Array; L: Int32Array } {
	const { path: xPath, X } = cached(`metrics-${n}x${COLS}.f64`, () => blobs(n, COLS, 6, 5 + n));
	const L = kmeans(X, n, COLS, 6, { nInit: 1, maxIter: 50 }, { seed: 1 }).labels;
	const lPath = join(dataDir, `metrics-${n}.i32`);
	writeFileSync(lPath, Buffer.from(L.buffer));
	return { xPath, lPath, X, L };
}
function sk(task: string, d: { xPath: string; lPath: string }, ...extra: number[]): { ms: number; value: number } {
	const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
	const r = spawnSync('/usr/bin/python3', ['bench/sklearn_metrics.py', task, d.xPath, d.lPath, String(COLS), ...extra.map(String)], { env, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(r.stderr);
	return JSON.parse(r.stdout.trim().split('\n').pop()!);
}
const time = <T>(f: () => T) => { const t = performance.now(); const out = f(); return { ms: performance.now() - t, out }; };
const show = (what: string, ms: number, refMs?: number, note = '') =>
	console.log(`${what.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms${refMs !== undefined ? `   scikit-learn ${refMs.toFixed(0).padStart(7)} ms   ratio ${(ms / refMs).toFixed(2)}` : ''}${note ? `   ${note}` : ''}`);

/** The worker script is TypeScript: bundled once to plain JavaScript with esbuild (tsx's own dependency). */
function workerScript(): string {
	const out = join(dataDir, 'silhouette-worker.mjs');
	buildSync({ entryPoints: [fileURLToPath(new URL('./silhouette-worker.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: out });
	return out;
}

async function twoWorkers(X: Float64Array, n: number, L: Int32Array): Promise<number> {
	const { input } = silhouetteInput(X, n, COLS, L, 6);
	const share = <T extends Float64Array | Int32Array>(a: T): ArrayBufferLike => {
		const sab = new SharedArrayBuffer(a.byteLength);
		new (a.constructor as { new (b: SharedArrayBuffer): T })(sab).set(a);
		return sab;
	};
	const Y = share(input.Y), lab = share(input.lab), start = share(input.start);
	const parts = await Promise.all(splitRows(input.m, 2).map((rows) => new Promise<Float64Array>((resolve, reject) => {
		const w = new Worker(workerScript(), { workerData: { Y, m: input.m, stride: input.stride, lab, nLabels: input.nLabels, start, rows } });
		w.once('message', (s) => { resolve(s); w.terminate(); });
		w.once('error', reject);
	})));
	const sums = parts[0];
	for (let i = 0; i < sums.length; i++) sums[i] += parts[1][i];
	const v = silhouetteFromSums(sums, input);
	let s = 0;
	for (const x of v) s += x;
	return s / v.length;
}

async function main() {
	const d20 = labelled(20_000);
	const ref20 = sk('silhouette', d20);
	const one = time(() => silhouetteScore(d20.X, 20_000, COLS, d20.L, 6));
	show('exact silhouette 20,000 × 8, one thread', one.ms, ref20.ms, `|Δ| ${Math.abs(one.out - ref20.value).toExponential(1)}`);
	const t2 = performance.now();
	const two = await twoWorkers(d20.X, 20_000, d20.L);
	const ms2 = performance.now() - t2;
	show('exact silhouette 20,000 × 8, two worker threads', ms2, ref20.ms, `(target ratio ≤ 0.40) |Δ| ${Math.abs(two - ref20.value).toExponential(1)}`);

	const d1m = labelled(1_000_000);
	const refS = sk('sampled', d1m, 5000, 5);
	const samp = time(() => silhouetteEstimate(d1m.X, 1_000_000, COLS, d1m.L, 6, { exactMax: 10_000, sampleSize: 5000, repeats: 5, seed: 3 }));
	show('sampled silhouette 1,000,000 rows (5 × 5,000)', samp.ms, refS.ms, `(target ≤ 3000 ms) mean ${samp.out.mean.toFixed(4)} CI ±${((samp.out.ci![1] - samp.out.ci![0]) / 2).toFixed(4)}, sklearn ${refS.value.toFixed(4)}`);

	const d100 = labelled(100_000);
	const refDC = sk('dbch', d100);
	const dc = time(() => daviesBouldin(d100.X, 100_000, COLS, d100.L, 6) + calinskiHarabasz(d100.X, 100_000, COLS, d100.L, 6));
	show('Davies–Bouldin + Calinski–Harabasz, 100,000 × 8', dc.ms, refDC.ms);

	const r = spawnSync('npx', ['tsx', 'bench/metrics-browser.ts'], { stdio: 'inherit' });
	if (r.status !== 0) console.log('browser part failed (is build/ there? npm run build)');
}
await main();

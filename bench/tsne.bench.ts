/**
 * t-SNE (ours, Barnes–Hut θ = 0.5, 1,000 iterations, two threads and one) against scikit-learn 1.2's Barnes–Hut TSNE with two
 * OpenMP threads, on the same 8-dimensional blobs in the same run: 5,000 and 20,000 rows. Prints the times,
 * their ratio and the KL divergence of both embeddings (same P, our Barnes–Hut estimate) as a quality check.
 * Run: npx tsx bench/tsne.bench.ts [sizes…]   (or npm run bench -- tsne)
 */
import { spawnSync } from 'node:child_process';
import { Rng } from '../src/lib/engine/random';
import { tsne, tsneAffinities } from '../src/lib/engine/project/tsne';
import { klDivergence } from '../src/lib/engine/project/tsne-gradient';
import { withRepulsionHelper } from '../src/cli/tsne-threads';
import { blobs, cached, readF64 } from './engine-bench-util';

const cols = 8;
const iters = 1000;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [5_000, 20_000]) {
	const { path, X } = cached(`tsne_${n}x${cols}.f64`, () => blobs(n, cols, 10, 21, 0.02, 1.5));
	// Two threads: this one and a worker_threads helper for half of the repulsion (the helper starts before the clock).
	let t0 = 0;
	const Y = await withRepulsionHelper(n, (shared) => {
		t0 = performance.now();
		return tsne(X, n, cols, { nIter: iters }, { seed: 0, shared }).slice();
	});
	const ours = (performance.now() - t0) / 1000;
	const t1 = performance.now();
	const Y1 = tsne(X, n, cols, { nIter: iters }, { seed: 0 });
	const one = (performance.now() - t1) / 1000;
	const same = Y.every((v, i) => v === Y1[i]);
	const py = spawnSync('/usr/bin/python3', ['bench/sklearn_tsne.py', path, String(cols), String(iters)], {
		encoding: 'utf8',
		env: { ...process.env, OMP_NUM_THREADS: '2', OPENBLAS_NUM_THREADS: '1' }
	});
	if (py.status !== 0) throw new Error(`sklearn_tsne.py failed: ${py.stderr}`);
	const ref = JSON.parse(py.stdout.trim().split('\n').at(-1)!);
	const P = tsneAffinities(X, n, cols, 30, new Rng(0));
	const klOurs = klDivergence(P, Y), klSk = klDivergence(P, readF64(path + '.sk_tsne'));
	console.log(
		`t-SNE ${n} × ${cols}, ${iters} iterations: ours ${ours.toFixed(2)} s (2 threads; 1 thread ${one.toFixed(2)} s, ${same ? 'identical' : 'DIFFERENT'} positions), scikit-learn ${ref.sklearn} ${ref.seconds.toFixed(2)} s ` +
			`(2 threads, ${ref.nIter} iterations); ratio ${(ours / ref.seconds).toFixed(2)}; KL ours ${klOurs.toFixed(3)}, sklearn ${klSk.toFixed(3)}`
	);
}

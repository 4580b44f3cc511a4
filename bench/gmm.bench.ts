/**
 * Gaussian mixture, full covariances, 100,000 × 8, k = 8, exactly 100 EM iterations (tol = 0) from the same
 * initial weights / means / precisions, against scikit-learn 1.2's GaussianMixture (single thread) on the same
 * file in the same run. sklearn is run with init_params='random_from_data' so that its discarded initialisation
 * costs one M-step rather than a k-means fit.
 * Run: npx tsx bench/gmm.bench.ts   (or npm run bench)
 */
import { writeFileSync } from 'node:fs';
import { gmmFromInitialParams } from '../src/lib/engine/cluster/gmm';
import { blobs, cached, interleaved, line, python } from './engine-bench-util';

const n = 100_000;
const cols = 8;
const k = 8;
const iters = 100;
const { path, X } = cached(`gmm_${n}x${cols}.f64`, () => blobs(n, cols, k, 23, 0, 3));
// Start: equal weights, the first k rows as means, identity precisions.
const weights = new Float64Array(k).fill(1 / k);
const means = X.slice(0, k * cols);
const precisions = new Float64Array(k * cols * cols);
for (let c = 0; c < k; c++) for (let j = 0; j < cols; j++) precisions[c * cols * cols + j * cols + j] = 1;
const init = new Float64Array(k + k * cols + k * cols * cols);
init.set(weights, 0);
init.set(means, k);
init.set(precisions, k + k * cols);
writeFileSync(path + '.init', Buffer.from(init.buffer));

const { ours, ref } = interleaved(2,
	() => gmmFromInitialParams(X, n, cols, { weights, means, precisions }, { covarianceType: 'full', maxIter: iters, tol: 0 }),
	() => python('gmm', path, cols, k, iters, 1));
const r = ours.out;
console.log(`GMM full ${n} × ${cols}, k = ${k}: ${r.iterations} iterations (sklearn ${ref.nIter}); lower bound ${r.lowerBound.toFixed(6)} ` +
	`(sklearn ${ref.lowerBound.toFixed(6)}), relative difference ${Math.abs((r.lowerBound - ref.lowerBound) / ref.lowerBound).toExponential(2)}`);
console.log(line(`GMM full ${n} × ${cols}, k = ${k}, ${iters} iterations (scikit-learn ${ref.sklearn})`, ours.ms, ref.ms, 1.5));

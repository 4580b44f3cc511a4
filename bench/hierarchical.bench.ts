/**
 * Ward linkage on 10,000 × 8 (10 blobs) against `scipy.cluster.hierarchy.linkage(X, 'ward')` (pdist + nn_chain,
 * single thread) on the same file in the same run; also compares the merge heights.
 * Run: npx tsx bench/hierarchical.bench.ts   (or npm run bench)
 */
import { linkage } from '../src/lib/engine/cluster/hierarchical';
import { blobs, cached, interleaved, line, python, readF64 } from './engine-bench-util';

const n = 10_000;
const cols = 8;
const { path, X } = cached(`ward_${n}x${cols}.f64`, () => blobs(n, cols, 10, 7, 0, 2));
const { ours, ref } = interleaved(2, () => linkage(X, n, cols, 'ward'), () => python('ward', path, cols, 1));
const Z = readF64(path + '.scipy_Z');
let worst = 0;
for (let r = 0; r < n - 1; r++) worst = Math.max(worst, Math.abs(ours.out[r * 4 + 2] - Z[r * 4 + 2]) / Math.max(Z[r * 4 + 2], 1e-300));
console.log(`Ward ${n} × ${cols}: largest relative height difference from SciPy ${worst.toExponential(2)}`);
console.log(line(`Ward linkage ${n} × ${cols} (SciPy ${ref.scipy})`, ours.ms, ref.ms, 2));

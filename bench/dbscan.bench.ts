/**
 * DBSCAN on 100,000 × 4 (10 blobs + 5% uniform noise, eps 0.5, minPts 10) against scikit-learn 1.2's
 * DBSCAN (k-d tree, single thread) on the same file in the same run; also checks the labels are identical.
 * Run: npx tsx bench/dbscan.bench.ts   (or npm run bench)
 */
import { dbscan } from '../src/lib/engine/cluster/dbscan';
import { blobs, cached, interleaved, line, python, readI32 } from './engine-bench-util';

const n = 100_000;
const cols = 4;
const eps = 0.5;
const minPts = 10;
const { path, X } = cached(`dbscan_${n}x${cols}.f64`, () => blobs(n, cols, 10, 11, 0.05));
const { ours, ref } = interleaved(3, () => dbscan(X, n, cols, eps, minPts), () => python('dbscan', path, cols, eps, minPts, 1));
const sk = readI32(path + '.sk_labels');
let same = 0;
for (let i = 0; i < n; i++) if (sk[i] === ours.out.labels[i]) same++;
console.log(`DBSCAN ${n} × ${cols}, eps ${eps}, minPts ${minPts}: ${ours.out.nClusters} clusters, ${ours.out.noise} noise; ` +
	`sklearn ${ref.clusters} clusters, ${ref.noise} noise; identical labels on ${same} of ${n} rows`);
console.log(line(`DBSCAN ${n} × ${cols} (scikit-learn ${ref.sklearn})`, ours.ms, ref.ms, 2));

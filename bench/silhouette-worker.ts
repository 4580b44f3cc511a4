// worker_threads side of the two-worker exact silhouette in bench/metrics.bench.ts: one row range of the pair loop.
import { parentPort, workerData } from 'node:worker_threads';
import { clusterDistanceSums } from '../src/lib/engine/metrics/silhouette-kernel';

const { Y, m, stride, lab, nLabels, start, rows } = workerData;
const sums = clusterDistanceSums({ Y: new Float64Array(Y), m, stride, lab: new Int32Array(lab), nLabels, start: new Int32Array(start) }, { rows });
parentPort!.postMessage(sums, [sums.buffer as ArrayBuffer]);

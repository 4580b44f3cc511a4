// The worker_threads entry of tsne-threads.ts: loads the TypeScript engine through tsx, signals it is ready,
// then serves repulsion until stopped.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { runRepulsionHelper } = await import('../lib/engine/project/tsne-shared.ts');
parentPort.postMessage('ready');
runRepulsionHelper(workerData.buffer, workerData.n);

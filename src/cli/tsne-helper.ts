// The t-SNE repulsion helper thread as bundled for the built command line (dist/cli/tsne-helper-entry.mjs); in
// the source tree tsne-helper-entry.mjs loads the same function through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { runRepulsionHelper } from '../lib/engine/project/tsne-shared';

parentPort!.postMessage('ready');
runRepulsionHelper(workerData.buffer, workerData.n);

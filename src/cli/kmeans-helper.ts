// The k-means helper thread as bundled for the built command line (dist/cli/kmeans-helper-entry.mjs); in the source
// tree kmeans-helper-entry.mjs loads the same function through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { runTeamHelper } from '../lib/engine/cluster/kmeans-team';

runTeamHelper(workerData, () => parentPort!.postMessage('ready'));

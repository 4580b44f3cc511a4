// The worker_threads entry of kmeans-threads.ts: loads the TypeScript engine through tsx, signals it is ready,
// then runs blocks of k-means passes until the team stops.
import { register } from 'tsx/esm/api';
import { parentPort, workerData } from 'node:worker_threads';

register();
const { runTeamHelper } = await import('../lib/engine/cluster/kmeans-team.ts');
runTeamHelper(workerData, () => parentPort.postMessage('ready'));

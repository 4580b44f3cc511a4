// A helper thread of the engine worker's k-means team (engine/cluster/kmeans-team.ts), started by
// kmeans-team-client.ts when the page is cross-origin isolated. It blocks in Atomics.wait between passes.
import { runTeamHelper, type TeamInit } from '../engine/cluster/kmeans-team';

self.onmessage = (e: MessageEvent<TeamInit>) => runTeamHelper(e.data, () => self.postMessage('ready'));

// A second thread for t-SNE's repulsion (engine/project/tsne-shared.ts), started by the projection worker when
// the page is cross-origin isolated (shared memory available). It blocks in Atomics.wait between iterations.
import { runRepulsionHelper } from '../engine/project/tsne-shared';

self.onmessage = (e: MessageEvent<{ buffer: SharedArrayBuffer; n: number }>) => {
	self.postMessage('ready');
	runRepulsionHelper(e.data.buffer, e.data.n);
};

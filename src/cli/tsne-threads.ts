/**
 * Node side of two-thread t-SNE: a worker_threads helper running runRepulsionHelper on shared memory
 * (engine/project/tsne-shared.ts). Used by the command line and the bench. The helper file sits beside this module:
 * in the built bundle it is dist/cli/tsne-helper-entry.mjs (bundled from tsne-helper.ts), in the source tree
 * src/cli/tsne-helper-entry.mjs (through tsx, for tests and benches).
 */
import { Worker } from 'node:worker_threads';
import { SharedRepulsion, sharedTsneMemory } from '../lib/engine/project/tsne-shared';

export async function withRepulsionHelper<T>(n: number, run: (shared: SharedRepulsion) => T): Promise<T> {
	const mem = sharedTsneMemory(n);
	const worker = new Worker(new URL('./tsne-helper-entry.mjs', import.meta.url), { workerData: { buffer: mem.buffer, n } });
	await new Promise<void>((resolve, reject) => {
		worker.once('message', () => resolve());
		worker.once('error', reject);
	});
	const shared = new SharedRepulsion(mem);
	try {
		return run(shared);
	} finally {
		shared.stop();
		await worker.terminate();
	}
}

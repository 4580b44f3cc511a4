/**
 * Node side of multi-thread k-means: worker_threads helpers running runTeamHelper on the team's shared memory
 * (engine/cluster/kmeans-team.ts). Used by the command line, the tests and the bench. The helper file sits beside
 * this module: in the built bundle dist/cli/kmeans-helper-entry.mjs (bundled from kmeans-helper.ts), in the source
 * tree src/cli/kmeans-helper-entry.mjs (through tsx).
 */
import { Worker } from 'node:worker_threads';
import { RowTeam } from '../lib/engine/cluster/kmeans-team';

export interface NodeTeam {
	team: RowTeam;
	close(): Promise<void>;
}

/** A team of `threads` threads (this one and threads − 1 helpers), or null without shared WebAssembly memory. */
export async function startNodeTeam(threads: number): Promise<NodeTeam | null> {
	const team = threads > 1 ? RowTeam.create(threads - 1) : null;
	if (!team) return null;
	const workers = Array.from({ length: threads - 1 }, (_, i) => new Worker(new URL('./kmeans-helper-entry.mjs', import.meta.url), { workerData: team.init(i) }));
	try {
		await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
			w.once('message', () => resolve());
			w.once('error', reject);
		})));
	} catch (err) {
		await Promise.all(workers.map((w) => w.terminate()));
		throw err;
	}
	// Helpers block in Atomics.wait between jobs; they must not keep the process alive.
	for (const w of workers) w.unref();
	return {
		team,
		async close() {
			team.stop();
			await Promise.all(workers.map((w) => w.terminate()));
		}
	};
}

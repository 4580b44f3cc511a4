/**
 * Node side of multi-thread k-means: worker_threads helpers running runTeamHelper on the team's shared memory
 * (engine/cluster/kmeans-team.ts). Used by the command line, the tests and the bench. The helper file sits beside
 * this module: in the built bundle dist/cli/kmeans-helper-entry.mjs (bundled from kmeans-helper.ts), in the source
 * tree src/cli/kmeans-helper-entry.mjs (through tsx).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { installRowTeam, RowTeam, TEAM_MIN_ROWS } from '../lib/engine/cluster/kmeans-team';

export interface NodeTeam {
	team: RowTeam;
	close(): Promise<void>;
}

/**
 * A team of `threads` threads (this one and threads − 1 helpers), or null without shared WebAssembly memory.
 * `test.stallMs` makes every helper sleep after claiming a block (tests of the take-over).
 */
export async function startNodeTeam(threads: number, test: { stallMs?: number } = {}): Promise<NodeTeam | null> {
	const team = threads > 1 ? RowTeam.create(threads - 1) : null;
	if (!team) return null;
	const workers = Array.from({ length: threads - 1 }, (_, i) => new Worker(new URL('./kmeans-helper-entry.mjs', import.meta.url), { workerData: team.init(i, test.stallMs) }));
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

/**
 * For a run on `rows` rows: from TEAM_MIN_ROWS, a team of one thread per core installed for the engine's k-means
 * (closing it uninstalls it); below, nothing.
 */
export async function teamForRun(rows: number): Promise<NodeTeam | null> {
	const cores = availableParallelism();
	if (rows < TEAM_MIN_ROWS || cores < 2) return null;
	const nt = await startNodeTeam(cores).catch(() => null);
	installRowTeam(nt?.team ?? null, cores);
	if (!nt) return null;
	return {
		team: nt.team,
		async close() {
			installRowTeam(null, 1);
			await nt.close();
		}
	};
}

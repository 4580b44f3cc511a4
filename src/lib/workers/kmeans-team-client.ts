/**
 * The engine worker's k-means team: one helper thread per further core, sharing the run's memory, so that one
 * k-means run uses every core (engine/cluster/kmeans-team.ts). Started on the first large run (TEAM_MIN_ROWS
 * rows), once per engine worker; helpers are nested workers, so Cancel (which terminates the engine worker) ends
 * them too. Without cross-origin isolation (no SharedArrayBuffer) the run stays on this thread with the same labels.
 */
import { installRowTeam, RowTeam, TEAM_MIN_ROWS } from '../engine/cluster/kmeans-team';

let started: Promise<void> | null = null;
/** How long the first large run waits for the helpers to start before it goes ahead without them. */
const START_WAIT_MS = 1000;

function cores(): number {
	return (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0) || 1;
}

async function start(): Promise<void> {
	const n = cores();
	installRowTeam(null, n);
	const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
	if (!isolated || n < 2) return;
	const team = RowTeam.create(n - 1);
	if (!team) return;
	const workers: Worker[] = [];
	const ready = Promise.all(Array.from({ length: n - 1 }, (_, i) => new Promise<void>((resolve, reject) => {
		const w = new Worker(new URL('./kmeans-helper.worker.ts', import.meta.url), { type: 'module', name: `segment-lab-kmeans-helper-${i + 1}` });
		workers.push(w);
		w.onmessage = () => resolve();
		w.onerror = (e) => reject(e);
		w.postMessage(team.init(i));
	})));
	// A helper that is slow to start (a loaded machine) must not hold up the run: after a second the team is used
	// anyway, and the helpers join the passes once they are up (until then this thread computes every block).
	const outcome = await Promise.race([ready.then(() => 'ready'), new Promise<string>((r) => setTimeout(() => r('late'), START_WAIT_MS))]).catch(() => 'failed');
	if (outcome === 'failed') {
		// A helper that cannot start leaves the run on one thread (same labels), never a half team.
		team.stop();
		for (const w of workers) w.terminate();
		return;
	}
	ready.catch(() => console.warn('A k-means helper thread failed after the run started; this thread computes its blocks.'));
	team.onTakeOver = (blocks) => console.warn(`k-means: ${blocks} block(s) of a pass taken over from a helper thread that did not finish in time.`);
	installRowTeam(team, n);
}

/** Makes sure the team is running (or known to be unavailable) before a run on `rows` rows. */
export function teamFor(rows: number): Promise<void> | void {
	if (rows < TEAM_MIN_ROWS) return;
	started ??= start();
	return started;
}

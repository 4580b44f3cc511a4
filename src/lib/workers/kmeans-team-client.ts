/**
 * The engine worker's k-means team: one helper thread per further core, sharing the run's memory, so that one
 * k-means run uses every core (engine/cluster/kmeans-team.ts). Started on the first large run (TEAM_MIN_ROWS
 * rows), once per engine worker; helpers are nested workers, so Cancel (which terminates the engine worker) ends
 * them too. Without cross-origin isolation (no SharedArrayBuffer) the run stays on this thread with the same labels.
 */
import { installRowTeam, RowTeam, TEAM_MIN_ROWS } from '../engine/cluster/kmeans-team';

let started: Promise<void> | null = null;

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
	try {
		await Promise.all(Array.from({ length: n - 1 }, (_, i) => new Promise<void>((resolve, reject) => {
			const w = new Worker(new URL('./kmeans-helper.worker.ts', import.meta.url), { type: 'module', name: `segment-lab-kmeans-helper-${i + 1}` });
			workers.push(w);
			const timer = setTimeout(() => reject(new Error('helper did not start')), 15_000);
			w.onmessage = () => {
				clearTimeout(timer);
				resolve();
			};
			w.onerror = (e) => {
				clearTimeout(timer);
				reject(e);
			};
			w.postMessage(team.init(i));
		})));
		installRowTeam(team, n);
	} catch {
		// A helper that cannot start leaves the run on one thread (same labels), never a half team.
		team.stop();
		for (const w of workers) w.terminate();
	}
}

/** Makes sure the team is running (or known to be unavailable) before a run on `rows` rows. */
export function teamFor(rows: number): Promise<void> | void {
	if (rows < TEAM_MIN_ROWS) return;
	started ??= start();
	return started;
}

/**
 * The engine worker's k-means team: one helper thread per further core, sharing the run's memory, so that one
 * k-means run uses every core (engine/cluster/kmeans-team.ts). Started on the first large run (TEAM_MIN_ROWS
 * rows) and ended when the run or sweep is over (releaseTeam): a WebAssembly memory never shrinks, so the team's
 * (the centred copy of the matrix, its bounds and scratch: about 100 MB at 1,000,000 × 8) would otherwise stay for
 * the rest of the session; the next large run starts a new one. Helpers are nested workers, so Cancel (which
 * terminates the engine worker) ends them too. Without cross-origin isolation (no SharedArrayBuffer) the run stays
 * on this thread with the same labels.
 */
import { installRowTeam, RowTeam, TEAM_MIN_ROWS } from '../engine/cluster/kmeans-team';

/** The team being started or running, with its helper threads; null when there is none. */
interface Running {
	started: Promise<void>;
	team: RowTeam | null;
	workers: Worker[];
}
let current: Running | null = null;
/** How long the first large run waits for the helpers to start before it goes ahead without them. */
const START_WAIT_MS = 1000;

function cores(): number {
	return (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0) || 1;
}

function end(team: RowTeam | null, workers: Worker[]): void {
	team?.stop();
	for (const w of workers) w.terminate();
}

async function start(me: Running): Promise<void> {
	const n = cores();
	installRowTeam(null, n);
	const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
	if (!isolated || n < 2) return;
	const team = RowTeam.create(n - 1);
	if (!team) return;
	me.team = team;
	const workers = me.workers;
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
	// Released while starting: this team is ended already (releaseTeam), and must not be installed.
	if (current !== me) return;
	if (outcome === 'failed') {
		// A helper that cannot start leaves the run on one thread (same labels), never a half team.
		end(team, workers);
		me.team = null;
		me.workers = [];
		return;
	}
	ready.catch(() => console.warn('A k-means helper thread failed after the run started; this thread computes its blocks.'));
	team.onTakeOver = (blocks) => console.warn(`k-means: ${blocks} block(s) of a pass taken over from a helper thread that did not finish in time.`);
	installRowTeam(team, n);
}

/** Makes sure the team is running (or known to be unavailable) before a run on `rows` rows. */
export function teamFor(rows: number): Promise<void> | void {
	if (rows < TEAM_MIN_ROWS) return;
	if (!current) {
		const me: Running = { started: Promise.resolve(), team: null, workers: [] };
		current = me;
		me.started = start(me);
	}
	return current.started;
}

/**
 * Ends the team and its helper threads, so that its memory can be freed (once this thread's collector runs), and
 * the run's results stay as they are: call when a run or a sweep is over. The next large run starts a new team.
 */
export function releaseTeam(): void {
	const c = current;
	if (!c) return;
	current = null;
	installRowTeam(null, cores());
	end(c.team, c.workers);
	c.team = null;
	c.workers = [];
}

/** Bytes of shared memory the current team holds (0 when there is none): for tests. */
export function teamHeldBytes(): number {
	return current?.team?.heldBytes ?? 0;
}

/**
 * The engine worker's k-means team is ended when a run is over (releaseTeam): its shared memory (the centred copy
 * of the matrix, bounds, scratch) is no longer held, its helper threads are stopped, and the next large run starts
 * a new team that gives the same labels, centres and inertia. The browser's Worker is stood in for by Node's
 * worker_threads running the same helper loop (src/cli/kmeans-helper-entry.mjs), so the team really runs on two
 * threads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Worker as NodeWorker } from 'node:worker_threads';
import { kmeans } from '../engine/cluster/kmeans';
import { installedRowTeam, TEAM_MIN_ROWS } from '../engine/cluster/kmeans-team';
import { Rng } from '../engine/random';
import { releaseTeam, teamFor, teamHeldBytes } from './kmeans-team-client';

const entry = new URL('../../cli/kmeans-helper-entry.mjs', import.meta.url);
let started = 0, ended = 0;

/** A browser-like Worker whose thread runs runTeamHelper on the posted TeamInit. */
class HelperWorker {
	onmessage: ((e: { data: unknown }) => void) | null = null;
	onerror: ((e: unknown) => void) | null = null;
	private thread: NodeWorker | null = null;
	postMessage(init: unknown): void {
		started++;
		const t = new NodeWorker(entry, { workerData: init });
		t.once('message', (data) => this.onmessage?.({ data }));
		t.once('error', (e) => this.onerror?.(e));
		t.unref();
		this.thread = t;
	}
	terminate(): void {
		ended++;
		void this.thread?.terminate();
	}
}

function data(rows: number, cols: number): Float64Array {
	const rng = new Rng(7);
	return Float64Array.from({ length: rows * cols }, (_, i) => rng.normal() + (Math.floor(i / cols) % 5) * 1.5 * ((i % cols) % 2 ? 1 : -1));
}

describe('the k-means team of the engine worker', () => {
	beforeEach(() => {
		vi.stubGlobal('Worker', HelperWorker);
		vi.stubGlobal('crossOriginIsolated', true);
		vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
	});
	afterEach(() => {
		releaseTeam();
		vi.unstubAllGlobals();
	});

	it('holds no memory once a run is over, and a new team gives the same results', async () => {
		const rows = TEAM_MIN_ROWS + 4_000, cols = 8;
		const X = data(rows, cols);
		const run = () => kmeans(X, rows, cols, 4, { nInit: 1, maxIter: 30 }, { seed: 3 });

		await teamFor(rows);
		const team = installedRowTeam().team;
		expect(team?.size).toBe(2);
		const first = run();
		// The centred copy alone is rows × 8 doubles.
		expect(teamHeldBytes()).toBeGreaterThan(rows * cols * 8);

		releaseTeam();
		expect(teamHeldBytes()).toBe(0);
		expect(team!.heldBytes).toBe(0);
		expect(installedRowTeam().team).toBeNull();
		expect(ended).toBe(started);

		// The next run starts another team (new helper threads), with identical results.
		await teamFor(rows);
		const again = installedRowTeam().team;
		expect(again).not.toBeNull();
		expect(again).not.toBe(team);
		const second = run();
		expect(second.inertia).toBe(first.inertia);
		expect(Array.from(second.centers)).toEqual(Array.from(first.centers));
		expect(Array.from(second.labels)).toEqual(Array.from(first.labels));
		// And the same as one thread with no team at all.
		releaseTeam();
		const alone = kmeans(X, rows, cols, 4, { nInit: 1, maxIter: 30 }, { seed: 3, team: null });
		expect(Array.from(alone.labels)).toEqual(Array.from(first.labels));
		expect(alone.inertia).toBe(first.inertia);
	}, 60_000);

	it('a release while the team is starting leaves no team installed and no thread running', async () => {
		const pending = teamFor(TEAM_MIN_ROWS);
		releaseTeam();
		await pending;
		expect(installedRowTeam().team).toBeNull();
		expect(teamHeldBytes()).toBe(0);
		expect(ended).toBe(started);
	});
});

/**
 * Parallel runs behind one progress bar and one Cancel. A sweep over k is split into independent jobs (the
 * k-independent base — preparation and projection — and one job per k); each worker loads the data once and
 * keeps it. Jobs are seeded by (seed, k), so the result does not depend on how many workers ran them or in what
 * order. Cancel terminates every worker and keeps the k values already finished.
 */
import { assembleResult, type AnalysisResult, type KPart, type RunBase } from '../engine/analyse';
import type { Progress } from '../engine/progress';
import type { Recipe } from '../engine/recipe';
import { EngineCallError, EngineClient, type CallOptions } from './pool';
import { TEAM_MIN_ROWS } from '../engine/cluster/kmeans-team';

/** Workers for parallel jobs: one per core, less one for the page itself, at least one. */
export function poolSize(): number {
	const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
	return Math.max(1, cores - 1);
}

export interface SweepOptions extends CallOptions {
	/**
	 * Rows of the loaded table. From TEAM_MIN_ROWS rows on a cross-origin-isolated page each k runs on every core
	 * through the primary worker's team (engine/cluster/kmeans-team.ts), so the helpers, which would each hold
	 * another copy of the data, stay idle.
	 */
	rows?: number;
	/** Called with the assembled result each time another k finishes (charts fill in as the sweep goes). */
	onPartial?: (result: AnalysisResult) => void;
}

export interface SweepOutcome {
	result: AnalysisResult | null;
	/** True when the sweep was cancelled; `result` then holds the k values that had finished. */
	cancelled: boolean;
}

/** Relative cost of clustering one k (k-means work grows about linearly in k). */
const cost = (k: number) => k + 1;

export async function sweep(primary: EngineClient, helpers: EngineClient[], recipe: Recipe, ks: number[], opts: SweepOptions = {}): Promise<SweepOutcome> {
	const { signal, onProgress, onPartial } = opts;
	// A hierarchical run builds one tree and cuts it at every k: one worker builds it once, where every helper
	// would build the same tree again (up to a minute at 20,000 rows) to save a cheap cut each.
	// On a cross-origin-isolated page a large k-means run uses every core through the primary's team; without
	// isolation there is no team, and the helpers still take k values (each with its own copy of the data).
	const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
	const teamRun = isolated && (opts.rows ?? 0) >= TEAM_MIN_ROWS;
	const clients = recipe.algorithm.name === 'hierarchical' || teamRun ? [primary] : [primary, ...helpers];
	// Largest k first: the longest jobs start early, so the workers finish together.
	const queue = [...ks].sort((a, b) => b - a);
	const total = 1 + ks.reduce((s, k) => s + cost(k), 0);
	const doneWeight = { value: 0 };
	const running = new Map<EngineClient, { weight: number; fraction: number; stage: string }>();
	const report = () => {
		let f = doneWeight.value;
		let stage = '';
		for (const r of running.values()) {
			f += r.weight * r.fraction;
			stage ||= r.stage;
		}
		// The k values whose results are in (the running count also holds the primary's preparation, which is no k:
		// counting from the queue gave "-1 of 9" while it ran).
		const finished = parts.length;
		onProgress?.({ stage: `${stage || 'Working'} (${finished} of ${ks.length} values of k done)`, fraction: Math.min(1, f / total) } satisfies Progress);
	};
	const track = (client: EngineClient, weight: number) => {
		running.set(client, { weight, fraction: 0, stage: '' });
		return (p: Progress) => {
			const r = running.get(client);
			if (!r) return;
			r.fraction = p.fraction;
			r.stage = p.stage;
			report();
		};
	};
	let base: RunBase | null = null;
	const parts: KPart[] = [];
	const partial = () => {
		if (base && parts.length) onPartial?.(assembleResult(recipe, base, parts));
	};
	const worker = async (client: EngineClient, first: boolean) => {
		if (first) {
			base = await client.runBase(recipe, { signal, onProgress: track(client, 1) });
			running.delete(client);
			doneWeight.value += 1;
			partial();
		}
		for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
			const part = await client.clusterK(recipe, k, { signal, onProgress: track(client, cost(k)) });
			running.delete(client);
			doneWeight.value += cost(k);
			parts.push(part);
			partial();
			report();
		}
	};
	try {
		await Promise.all(clients.map((c, i) => worker(c, i === 0)));
		// The k-means team's memory (about 100 MB at 1,000,000 × 8) is not needed by the steps that follow.
		if (teamRun) primary.releaseRunMemory();
	} catch (err) {
		if (err instanceof EngineCallError && err.info.code === 'cancelled') {
			for (const c of clients) c.terminate();
			return { result: base && parts.length ? assembleResult(recipe, base, parts) : null, cancelled: true };
		}
		for (const c of clients) c.terminate();
		throw err;
	}
	return { result: assembleResult(recipe, base!, parts), cancelled: false };
}

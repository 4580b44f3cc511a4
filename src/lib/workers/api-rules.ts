/**
 * The engine worker's part of the rules view (engine/explain): the IMM tree and its ExKMC expansion for the shown
 * k, kept here so moving the k′ control asks for one rule set, not a new expansion. Spread into api.ts.
 */
import * as Comlink from 'comlink';
import { toErrorInfo, type ErrorInfo } from '../engine/errors';
import { explainSteps, rulesAt, rulesAtSteps, type Explanation, type RuleSet } from '../engine/explain/rules';
import { subProgress, type ProgressFn } from '../engine/progress';
import { finish } from '../engine/steps';
import { jobControl, runSteps, type JobControl } from './job-control';
import { rulesJson, rulesSql, segmentWhere } from '../engine/explain/rules-export';
import type { Recipe } from '../engine/recipe';
import type { FeatureMatrix, Table } from '../engine/types';

type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** What the page shows of one rule set: everything but the tree, plus each segment's WHERE clause. */
export type RuleSetView = Omit<RuleSet, 'tree'> & { where: string[]; /** Each row's rule segment, 1-based (0 for noise), as the results CSV's segment_by_rules: made here, not in a 1,000,000-row loop on the page's thread. */ column: Float64Array };

export interface RulesOverview {
	k: number;
	maxLeaves: number;
	tradeoff: Explanation['tradeoff'];
}

async function attempt<T>(fn: () => T | Promise<T>): Promise<Result<T>> {
	try {
		return { ok: true, value: await fn() };
	} catch (err) {
		return { ok: false, error: toErrorInfo(err) };
	}
}

/** Which run and k the held explanation belongs to. */
function keyOf(recipe: Recipe, centers: number[][]): string {
	return JSON.stringify([recipe, centers]);
}

export function rulesApi(requireTable: () => Table, preparedFor: (recipe: Recipe) => { matrix: FeatureMatrix }) {
	let held: { key: string; e: Explanation } | null = null;
	/**
	 * The explanation of this k of this run, computed once (a respawned worker computes it again). With a job
	 * control, in steps the page can cancel (the worker and what it holds stay); a cancelled one is not kept.
	 */
	const explained = async (recipe: Recipe, labels: Int32Array, centers: number[][], ctl?: JobControl, onProgress?: ProgressFn): Promise<Explanation> => {
		const key = keyOf(recipe, centers);
		if (held?.key !== key) {
			held = null;
			onProgress?.({ stage: 'Finding rules: preparing the features', fraction: 0 });
			const { matrix } = preparedFor(recipe);
			const steps = explainSteps(requireTable(), matrix, labels, centers.length, Float64Array.from(centers.flat()), 4 * centers.length, recipe.seed);
			held = { key, e: ctl ? await runSteps(steps, ctl, subProgress(onProgress, 0, 0.8)) : finish(steps) };
		}
		return held.e;
	};
	return {
		/**
		 * IMM with k leaves and ExKMC up to 4k for one k of a run (its labels and centres in the clustered space),
		 * and the rule set with `leaves` leaves.
		 */
		async rulesAt(recipe: Recipe, labels: Int32Array, centers: number[][], leaves: number, onProgress?: ProgressFn, job?: number): Promise<Result<{ overview: RulesOverview; set: RuleSetView }>> {
			const ctl = jobControl(job);
			const out = await attempt(async () => {
				onProgress?.({ stage: 'Finding rules', fraction: 0 });
				const fresh = held?.key !== keyOf(recipe, centers);
				const e = await explained(recipe, labels, centers, ctl, onProgress);
				const { tree, ...r } = await runSteps(rulesAtSteps(e, leaves), ctl, subProgress(onProgress, fresh ? 0.8 : 0, 1));
				const column = new Float64Array(r.labels.length);
				for (let i = 0; i < column.length; i++) column[i] = r.labels[i] + 1;
				const set = { ...r, where: r.segments.map((_, s) => segmentWhere({ ...r, tree }, s)), column };
				return { overview: { k: e.k, maxLeaves: e.maxLeaves, tradeoff: e.tradeoff }, set };
			});
			ctl.done();
			return out.ok ? Comlink.transfer(out, [out.value.set.labels.buffer as ArrayBuffer, out.value.set.column.buffer as ArrayBuffer]) : out;
		},

		/** The JSON and SQL files of one rule set. */
		async rulesFiles(recipe: Recipe, labels: Int32Array, centers: number[][], leaves: number, names: string[]): Promise<Result<{ json: string; sql: string }>> {
			return attempt(async () => {
				const e = await explained(recipe, labels, centers);
				const r = rulesAt(e, leaves);
				return { json: JSON.stringify(rulesJson(e, r, names, e.X.rowIndex), null, 2) + '\n', sql: rulesSql(r, names) };
			});
		}
	};
}

/** The Segments step's state: segment names, the rules view and "profile by any column" (in the worker), and what they add to the report and the results CSV. */
import type { Recipe } from '$lib/engine/recipe';
import { EngineClient, type CallOptions } from '$lib/workers/pool';
import { segmentNamesFor } from '$lib/engine/profile/naming';
import type { ReportExtras } from '$lib/engine/export/report-extras';
import type { ColumnBySegment } from '$lib/engine/profile/by-column';
import { ClusterState } from '$lib/components/cluster/cluster-state.svelte';

export class SegmentsState extends ClusterState {
	/** The names of the shown segments: the user's where given, else the automatic ones (profile/naming.ts). */
	readonly segmentNames: string[] = $derived.by(() => {
		const cur = this.current;
		if (!cur) return [];
		return segmentNamesFor(cur.sizes, cur.profile?.personas, this.customNames, cur.k);
	});

	/** Renames segment s of the shown k; an empty name goes back to the automatic one. */
	renameSegment(s: number, name: string): void {
		const cur = this.current;
		if (!cur) return;
		const key = String(cur.k);
		const list = [...(this.customNames[key] ?? new Array<string>(cur.sizes.length).fill(''))];
		while (list.length < cur.sizes.length) list.push('');
		list[s] = name.trim().slice(0, 200);
		const next = { ...this.customNames, [key]: list };
		if (list.every((x) => !x)) delete next[key];
		this.customNames = next;
		if (this.draft) this.draft.segmentNames = Object.keys(next).length ? $state.snapshot(next) : undefined;
	}

	/** What the rules view and "profile by any column" show, for the HTML report (export/report-extras.ts). */
	reportRules = $state.raw<ReportExtras['rules']>(null);
	reportOutcome = $state.raw<ColumnBySegment | null>(null);

	/** The rule set on show in the rules view (for the labels it was made from): segment_by_rules in the results CSV. */
	ruleColumn = $state.raw<{ labels: Int32Array; values: Float64Array } | null>(null);

	/** The rules of the shown k with this many leaves (engine/explain, in the worker), or their JSON and SQL files. */
	rules(leaves: number, opts?: CallOptions): ReturnType<EngineClient['rulesAt']>;
	rules(leaves: number, names: string[]): ReturnType<EngineClient['rulesFiles']>;
	rules(leaves: number, how?: string[] | CallOptions) {
		const r = this.result, labels = this.labels, centers = this.current?.modelCenters;
		if (!this.client || !r || !labels || !centers) return Promise.reject(new Error('No result is on show.'));
		const args = [$state.snapshot(r.recipe) as Recipe, labels.slice(), $state.snapshot(centers)] as const;
		return Array.isArray(how) ? this.client.rulesFiles(...args, leaves, how) : this.client.rulesAt(...args, leaves, how);
	}

	/** Any column of the table by segment of the shown k (engine/profile/by-column.ts, in the worker). */
	profileColumn(column: string) {
		const r = this.result, labels = this.labels, cur = this.current;
		if (!this.client || !r || !labels || !cur) return Promise.reject(new Error('No result is on show.'));
		return this.client.profileByColumn(column, r.rowIndex.slice(), labels.slice(), cur.k);
	}
}

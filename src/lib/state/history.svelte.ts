/**
 * The runs of this dataset: the last few results, each with its settings and key numbers (engine/run-summary.ts)
 * and a short label saying what changed from the run before. The history list brings one back; "Compare two
 * solutions" compares any two.
 */
import type { AnalysisResult } from '$lib/engine/analyse';
import { runChange, runSummary, type RunSummary } from '$lib/engine/run-summary';

export interface RunEntry {
	id: number;
	/** "Run 3 (algorithm Gaussian mixture)" */
	label: string;
	/** What changed from the run before ("first run", "k 2–6", "same recipe"). */
	change: string;
	summary: RunSummary;
	result: AnalysisResult;
	/** Segment names typed on this run's result while it was on show (per k). */
	names: Record<string, string[]>;
}

/** Each run keeps every k's labels: a handful is plenty, and memory on a large file is the limit. */
export const HISTORY_SIZE = 5;

export class RunHistory {
	entries = $state.raw<RunEntry[]>([]);
	/** Two solutions ("run:k" keys) the history list asked "Compare two solutions" to show. */
	pair = $state<[string, string] | null>(null);
	private next = 1;

	add(result: AnalysisResult, ms: number | null = null): void {
		const prev = this.entries[this.entries.length - 1];
		if (prev?.result === result) return;
		const id = this.next++;
		const change = runChange(prev?.result.recipe ?? null, result.recipe);
		const entry: RunEntry = { id, label: `Run ${id} (${change})`, change, summary: runSummary(result, ms), result, names: { ...(result.recipe.segmentNames ?? {}) } };
		this.entries = [...this.entries, entry].slice(-HISTORY_SIZE);
	}

	/** The entry of this result, if it is still kept. */
	of(result: AnalysisResult | null): RunEntry | undefined {
		return result ? this.entries.find((e) => e.result === result) : undefined;
	}

	/** Remembers the names typed on a run's result, so bringing it back later brings them too. */
	keepNames(result: AnalysisResult | null, names: Record<string, string[]>): void {
		const e = this.of(result);
		if (e) e.names = names;
	}

	clear(): void {
		this.entries = [];
	}
}

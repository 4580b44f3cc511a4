/**
 * A small history of runs for "Compare two solutions": the last few results of this dataset, each with a short
 * label saying what changed from the run before (algorithm, preparation, k range, seed).
 */
import type { AnalysisResult } from '$lib/engine/analyse';

export interface RunEntry {
	id: number;
	label: string;
	result: AnalysisResult;
}

export const HISTORY_SIZE = 5;

export class RunHistory {
	entries = $state.raw<RunEntry[]>([]);
	private next = 1;

	add(result: AnalysisResult): void {
		const prev = this.entries[this.entries.length - 1];
		if (prev?.result === result) return;
		const id = this.next++;
		const change = prev ? describeChange(prev.result, result) : 'first run';
		this.entries = [...this.entries, { id, label: `Run ${id} (${change})`, result }].slice(-HISTORY_SIZE);
	}

	clear(): void {
		this.entries = [];
	}
}

function describeChange(a: AnalysisResult, b: AnalysisResult): string {
	const ra = a.recipe, rb = b.recipe;
	const out: string[] = [];
	if (JSON.stringify(ra.features) !== JSON.stringify(rb.features)) out.push('features changed');
	if (JSON.stringify(ra.prep) !== JSON.stringify(rb.prep) || JSON.stringify(ra.rfm) !== JSON.stringify(rb.rfm)) out.push('preparation changed');
	if (JSON.stringify(ra.algorithm) !== JSON.stringify(rb.algorithm)) out.push(`algorithm ${rb.algorithm.name}`);
	if (ra.seed !== rb.seed) out.push(`seed ${rb.seed}`);
	if (ra.kRange.join() !== rb.kRange.join()) out.push(`k ${rb.kRange[0]}–${rb.kRange[1]}`);
	return out.length ? out.join(', ') : 'same recipe';
}

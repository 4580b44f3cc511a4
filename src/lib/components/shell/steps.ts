/**
 * The workspace's steps, in order, and what the step rail says about each: done, out of date (the Recipe changed
 * since the shown run, in the words of engine/recipe-changes.ts), running, or waiting for an earlier step.
 */
export const STEPS = [
	{ id: 'data', label: 'Data' },
	{ id: 'prepare', label: 'Prepare' },
	{ id: 'cluster', label: 'Cluster' },
	{ id: 'how-many', label: 'How many' },
	{ id: 'segments', label: 'Segments' },
	{ id: 'map', label: 'Map' },
	{ id: 'export', label: 'Export' },
	{ id: 'score', label: 'Score' }
] as const;

export type StepId = (typeof STEPS)[number]['id'];

/** The step a `?step=` value names, or Data for anything else (a missing or mistyped value opens the first step). */
export function parseStep(value: string | null | undefined): StepId {
	return STEPS.find((s) => s.id === value)?.id ?? 'data';
}

export function stepLabel(id: StepId): string {
	return STEPS.find((s) => s.id === id)!.label;
}

export type StepState = 'todo' | 'done' | 'stale' | 'running' | 'waiting';

export interface StepStatus {
	state: StepState;
	/** One line the rail shows under the step's name (and the view shows when the step waits). */
	note: string;
	/** For a waiting step: the step to do first. */
	waitsFor?: StepId;
}

export interface WorkspaceFacts {
	hasData: boolean;
	hasResult: boolean;
	running: boolean;
	/** What changed since the shown run (Workspace.stale): 'data', 'features', 'preparation', 'algorithm', … */
	stale: readonly string[];
}

/** The changes that make each step's own settings differ from the run's. */
const OWN_CHANGES: Partial<Record<StepId, readonly string[]>> = {
	data: ['data', 'rows left out', 'a loaded recipe'],
	prepare: ['features', 'preparation', 'a loaded recipe'],
	cluster: ['algorithm', 'k range', 'seed', 'evidence', 'a loaded recipe']
};

const RESULT_STEPS: readonly StepId[] = ['how-many', 'segments', 'map', 'export'];

export function stepStatus(id: StepId, f: WorkspaceFacts): StepStatus {
	if (id === 'score') return { state: 'todo', note: 'uses a saved model' };
	if (id !== 'data' && !f.hasData) return { state: 'waiting', note: 'waits for Data', waitsFor: 'data' };
	if (id === 'cluster' && f.running) return { state: 'running', note: 'running' };
	if (RESULT_STEPS.includes(id)) {
		if (!f.hasResult) return { state: 'waiting', note: f.running ? 'waits for the run' : 'waits for Cluster', waitsFor: 'cluster' };
		return f.stale.length ? { state: 'stale', note: 'out of date' } : { state: 'done', note: 'done' };
	}
	const own = OWN_CHANGES[id] ?? [];
	if (f.hasResult && f.stale.some((c) => own.includes(c))) return { state: 'stale', note: 'changed since the run' };
	if (id === 'data') return f.hasData ? { state: 'done', note: 'done' } : { state: 'todo', note: 'start here' };
	return f.hasResult ? { state: 'done', note: 'done' } : { state: 'todo', note: '' };
}

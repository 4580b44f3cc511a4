/**
 * The workspace: one object the page and every component use, made of each step's state (one class on top of the
 * other, each beside its step's components): core (state/workspace-core.svelte.ts) → data → prepare → cluster →
 * segments → map → export (files, then sessions) → score.
 */
import { ScoreState } from '$lib/components/score/score-state.svelte';

export type { Phase } from './workspace-core.svelte';

export class Workspace extends ScoreState {}

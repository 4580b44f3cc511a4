/**
 * "Bring back" a run from the history: its result goes back on screen with the Recipe that made it (so nothing is
 * out of date), the names typed on it and its k. The draft being edited is replaced: it is one Undo away.
 */
import { entriesOf, nameRecord } from '$lib/engine/names';
import type { Recipe } from '$lib/engine/recipe';
import type { Workspace } from './workspace.svelte';
import type { RunEntry } from './history.svelte';

export function bringBack(ws: Workspace, entry: RunEntry): void {
	if (ws.phase === 'running' || ws.phase === 'loading') return;
	ws.history.keepNames(ws.result, $state.snapshot(ws.customNames));
	ws.undo.label(`bring back run ${entry.id}`);
	const names = { ...entry.names };
	const { segmentNames: _s, ...copy } = structuredClone(entry.result.recipe) as Recipe;
	// A copy, with the name-keyed records rebuilt without a prototype (engine/names.ts): the kept result stays as it was.
	const recipe = { ...copy, columnTypes: nameRecord(entriesOf(copy.columnTypes)), prep: { ...copy.prep, columns: nameRecord(entriesOf(copy.prep.columns)) } };
	ws.draft = Object.keys(names).length ? { ...recipe, segmentNames: names } : recipe;
	ws.customNames = names;
	ws.result = entry.result;
	ws.selectedK = entry.result.chosenK;
	ws.recipeLoaded = false;
	ws.error = null;
	ws.phase = 'done';
	ws.notice = `Run ${entry.id} is back on screen with its settings (${entry.summary.algorithm}, k ${entry.summary.kRange}). Undo puts the settings you had back.`;
}

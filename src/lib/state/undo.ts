/**
 * A plain undo stack of snapshots: `present` is the state now; each entry of `past` is a state before an edit,
 * with the edit's label; `future` holds what Undo stepped back over, for Redo. Edits of the same field within
 * COALESCE_MS of each other are one step (typing a name letter by letter undoes in one go), and only the last
 * UNDO_LIMIT steps are kept. No DOM, no Svelte: state/recipe-undo.svelte.ts feeds it the workspace's Recipe.
 */
export const COALESCE_MS = 800;
export const UNDO_LIMIT = 100;

interface Step<T> {
	state: T;
	key: string;
	label: string;
	/** When the edit was made (ms): later edits of the same key within COALESCE_MS join it. */
	at: number;
}

export class UndoStack<T> {
	private past: Step<T>[] = [];
	private future: Step<T>[] = [];

	constructor(
		public present: T,
		private readonly limit = UNDO_LIMIT,
		private readonly coalesceMs = COALESCE_MS
	) {}

	get canUndo(): boolean {
		return this.past.length > 0;
	}
	get canRedo(): boolean {
		return this.future.length > 0;
	}
	/** The label of the edit Undo would take back, or null. */
	get undoLabel(): string | null {
		return this.past.at(-1)?.label ?? null;
	}
	get redoLabel(): string | null {
		return this.future.at(-1)?.label ?? null;
	}
	get depth(): { undo: number; redo: number } {
		return { undo: this.past.length, redo: this.future.length };
	}

	/** A new state reached by an edit: one more step (or the last one extended), and nothing left to redo. */
	record(next: T, edit: { key: string; label: string }, now: number): void {
		const top = this.past.at(-1);
		if (top && this.future.length === 0 && top.key === edit.key && now - top.at < this.coalesceMs) {
			top.at = now;
			top.label = edit.label;
		} else {
			this.past.push({ state: this.present, key: edit.key, label: edit.label, at: now });
			if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
		}
		this.present = next;
		this.future = [];
	}

	/** The state changed, but not by an edit the user would undo (a run settling the k on show): no new step. */
	absorb(next: T): void {
		this.present = next;
	}

	/** The state before the last edit (which becomes the present), or null when there is nothing to undo. */
	undo(): T | null {
		const step = this.past.pop();
		if (!step) return null;
		this.future.push({ ...step, state: this.present });
		this.present = step.state;
		return this.present;
	}

	redo(): T | null {
		const step = this.future.pop();
		if (!step) return null;
		// -Infinity: a redone step never swallows the next edit.
		this.past.push({ ...step, state: this.present, at: -Infinity });
		this.present = step.state;
		return this.present;
	}

	/** Forget every step (a new dataset). */
	reset(present: T): void {
		this.past = [];
		this.future = [];
		this.present = present;
	}
}

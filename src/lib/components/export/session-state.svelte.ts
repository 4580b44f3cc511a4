/** Sessions and shared recipes: autosave, restore on the next visit (recent sessions), a shared link's recipe waiting for its file, and a recipe loaded from a file. */
import { validateRecipe, type Recipe } from '$lib/engine/recipe';
import { loadSession, recipeFromLink, saveSession, SESSION_MAX_ROWS, type SavedSession } from '$lib/state/session';
import { ExportState } from '$lib/components/export/export-state.svelte';

export class SessionState extends ExportState {
	/** Sessions saved since the page opened: the recent-sessions list reads the store again when it changes. */
	sessionsSaved = $state(0);
	/** The user agreed to keep the data file itself on this device with the session. */
	keepFile = $state(false);

	/** On page load: a shared link's recipe, else the last session (with its file, when the user agreed to keep it). */
	async restore(hash: string): Promise<void> {
		try {
			const r = recipeFromLink(hash);
			if (r) {
				this.pendingRecipe = r;
				this.notice = `This link carries a recipe for “${r.source.name}” (no data). Load that file to apply it.`;
				return;
			}
		} catch (err) {
			this.fail(err, this.phase);
			return;
		}
		const s = await loadSession();
		if (s) await this.resumeSession(s, 'last');
	}

	/** Opens a saved session: at once when its file is loaded (or kept with it), else when that file is loaded. */
	async resumeSession(s: SavedSession, which: 'last' | 'chosen' = 'chosen'): Promise<void> {
		this.pendingSession = s;
		this.pendingWhich = which;
		this.keepFile = !!s.file;
		const here = this.dataset?.derivedFrom?.source ?? this.dataset?.source;
		if (here?.hash === s.recipe.source.hash && !this.review) await this.resume();
		else if (s.file) await this.loadFile(s.file, s.fileName);
		else this.notice = `Your ${which === 'last' ? 'last ' : ''}session on “${s.fileName}” (saved ${s.savedAt.slice(0, 16).replace('T', ' ')} UTC) is restored when you load that file again.`;
	}

	/** After a load: apply the waiting shared recipe, or bring back the saved session when this is its file. */
	protected async resume(): Promise<boolean> {
		const source = this.dataset?.derivedFrom?.source ?? this.dataset?.source;
		if (this.pendingRecipe) {
			const r = this.pendingRecipe;
			this.pendingRecipe = null;
			await this.applyRecipe(r);
			return true;
		}
		const s = this.pendingSession;
		if (!s || !source) return false;
		this.pendingSession = null;
		if (s.recipe.rfm) await this.buildCustomers(s.recipe.rfm);
		const now = this.dataset?.derivedFrom?.source ?? this.dataset?.source;
		if (!now || now.hash !== s.recipe.source.hash) return false;
		this.draft = this.withAccepted(s.recipe);
		this.customNames = s.customNames;
		if (s.result) {
			this.result = s.result;
			this.selectedK = s.selectedK;
			this.phase = 'done';
		}
		this.notice = `Restored your ${this.pendingWhich === 'last' ? 'last session' : `session on “${s.fileName}”`} (saved ${s.savedAt.slice(0, 16).replace('T', ' ')} UTC).`;
		return true;
	}

	/** Saves the Recipe and results (and the file, with consent) for the next visit. */
	async persist(): Promise<void> {
		const r = this.result;
		if (!r || !this.lastFile) return;
		const recipe = this.resultRecipe()!;
		await saveSession({
			savedAt: new Date().toISOString(),
			recipe: $state.snapshot(recipe) as Recipe,
			result: r.rowCount <= SESSION_MAX_ROWS ? r : null,
			selectedK: this.selectedK,
			customNames: $state.snapshot(this.customNames),
			fileName: this.lastFile.name,
			fileHash: r.source.hash,
			file: this.keepFile ? this.lastFile.file : null
		});
		this.sessionsSaved++;
	}

	async applyRecipe(value: unknown): Promise<void> {
		try {
			const recipe = validateRecipe(value);
			if (!this.dataset) throw new Error('Load the data file first, then the recipe.');
			// A recipe made on customer features rebuilds them from this transaction log first (and vice versa).
			const current = this.dataset.derivedFrom?.spec ?? null;
			if (JSON.stringify(recipe.rfm) !== JSON.stringify(current)) {
				if (recipe.rfm) await this.buildCustomers(recipe.rfm);
				else await this.useLoaded();
				if (this.error || !this.dataset) return;
			}
			const missing = recipe.features.filter((f) => !this.dataset!.profiles.some((p) => p.name === f));
			if (missing.length) {
				this.error = { code: 'recipe-mismatch', message: `The recipe uses column(s) this file does not have: ${missing.join(', ')}.`, hint: 'Load the file the recipe was made for.' };
				return;
			}
			const source = this.dataset.derivedFrom?.source ?? this.dataset.source;
			this.undo.label(`apply the recipe made on “${recipe.source.name}”`);
			this.draft = this.withAccepted({ ...recipe, source });
			if (this.result) this.recipeLoaded = true;
			this.notice = recipe.source.hash === source.hash ? 'Recipe applied.' : `Recipe applied. It was made on "${recipe.source.name}", whose contents differ from this file.`;
		} catch (err) {
			this.fail(err, this.phase);
		}
	}
}

/**
 * The list of recent sessions kept in this browser: one small summary per dataset (name, when, rows, k), newest
 * first, at most RECENT_SESSIONS. Saving a session on a dataset already listed replaces that one; the oldest
 * falls off the end. Pure: session.ts stores the list and the sessions themselves in IndexedDB.
 */
import type { SavedSession } from './session';

export const RECENT_SESSIONS = 5;

export interface SessionSummary {
	/** One per dataset: the file's content hash (+ "rfm" when the customers were built from it). */
	id: string;
	fileName: string;
	savedAt: string;
	/** Rows of the analysed table. */
	rows: number;
	/** The k on show when it was saved (null: no run kept). */
	k: number | null;
	algorithm: string;
	/** The data file itself is kept too (opening the session needs no file). */
	hasFile: boolean;
}

export function sessionId(s: Pick<SavedSession, 'fileHash' | 'recipe'>): string {
	return s.recipe.rfm ? `${s.fileHash}+rfm` : s.fileHash;
}

export function summarise(s: SavedSession, id = sessionId(s)): SessionSummary {
	return {
		id,
		fileName: s.fileName,
		savedAt: s.savedAt,
		rows: s.result?.rowCount ?? s.recipe.source.rows,
		k: s.selectedK ?? s.result?.chosenK ?? s.recipe.k,
		algorithm: s.recipe.algorithm.name,
		hasFile: !!s.file
	};
}

/** The list with this session first (replacing one of the same id) and the ids that fell off the end. */
export function withSession(list: readonly SessionSummary[], entry: SessionSummary, cap = RECENT_SESSIONS): { list: SessionSummary[]; dropped: string[] } {
	const all = [entry, ...list.filter((e) => e.id !== entry.id)];
	return { list: all.slice(0, cap), dropped: all.slice(cap).map((e) => e.id) };
}

export function withoutSession(list: readonly SessionSummary[], id: string): SessionSummary[] {
	return list.filter((e) => e.id !== id);
}

/** "6 Dec 2026, 16:20 UTC": the same words in every browser and time zone (the tests read them). */
export function savedWhen(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
	return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${iso.slice(11, 16)} UTC`;
}

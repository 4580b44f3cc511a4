/**
 * The saved sessions: the Recipe and the results of the last run of each of the last few datasets, kept in this
 * browser's IndexedDB so a reload brings the newest back and the others can be opened from the list. The data
 * file itself is stored only when the user ticks "keep the data file on this device". Nothing here leaves the device.
 */
import type { AnalysisResult } from '$lib/engine/analyse';
import { EngineError } from '$lib/engine/errors';
import { validateRecipe, type Recipe } from '$lib/engine/recipe';
import { sessionId, summarise, withSession, withoutSession, type SessionSummary } from './session-index';

export interface SavedSession {
	savedAt: string;
	recipe: Recipe;
	/** Null when the run was too large to keep (SESSION_MAX_ROWS). */
	result: AnalysisResult | null;
	selectedK: number | null;
	customNames: Record<string, string[]>;
	/** The name and content hash of the analysed file, to recognise it when it is loaded again. */
	fileName: string;
	fileHash: string;
	/** The raw file, only with the user's consent. */
	file: Blob | null;
}

/** Above this many rows only the Recipe is kept: the labels of every k and the projection would take room, and
 * IndexedDB clones the value on the page's thread (a 200,000-row result is a task well over 100 ms). */
export const SESSION_MAX_ROWS = 50_000;

const DB = 'segment-lab';
const STORE = 'session';
/** Where versions before the recent-sessions list kept their one session: still read, moved on the next save. */
const LEGACY = 'last';
/** The recent-sessions list (session-index.ts); each session itself is stored under `session:<id>`. */
const INDEX = 'index';
const keyOf = (id: string) => (id === LEGACY ? LEGACY : `session:${id}`);

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

/**
 * One transaction: `fn` reads what it needs with get() (each read's value comes back through a callback, inside the
 * transaction) and may write; resolves with `fn`'s answer when the transaction completes.
 */
async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore, done: (value: T) => void) => void): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const t = db.transaction(STORE, mode);
			let out: T;
			fn(t.objectStore(STORE), (v) => (out = v));
			t.oncomplete = () => resolve(out);
			t.onerror = () => reject(t.error);
			t.onabort = () => reject(t.error);
		});
	} finally {
		db.close();
	}
}

/** Reads the list (with an older version's single session on it, when there is one) and hands it on. */
function readList(st: IDBObjectStore, then: (list: SessionSummary[], legacy: SavedSession | undefined) => void): void {
	const idx = st.get(INDEX);
	idx.onsuccess = () => {
		const old = st.get(LEGACY);
		old.onsuccess = () => {
			const legacy = old.result as SavedSession | undefined;
			let list = (idx.result as SessionSummary[] | undefined) ?? [];
			if (legacy && !list.some((e) => e.id === sessionId(legacy))) list = [...list, summarise(legacy, LEGACY)];
			then(list, legacy);
		};
	};
}

/** Saves the session first on the recent list; a session of the same dataset is replaced, the oldest beyond RECENT_SESSIONS dropped. */
export async function saveSession(s: SavedSession): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await tx<void>('readwrite', (st) =>
		readList(st, (list, legacy) => {
			const id = sessionId(s);
			// An older version's session moves to its own key, under the list, so nothing saved is lost.
			if (legacy) {
				const legacyId = sessionId(legacy);
				if (list.some((e) => e.id === LEGACY) && legacyId !== id) st.put(legacy, keyOf(legacyId));
				list = list.map((e) => (e.id === LEGACY ? { ...e, id: legacyId } : e));
				st.delete(LEGACY);
			}
			const next = withSession(list, summarise(s, id));
			st.put(s, keyOf(id));
			st.put(next.list, INDEX);
			for (const gone of next.dropped) st.delete(keyOf(gone));
		})
	);
}

/** The recent sessions, newest first (summaries only: the sessions themselves stay on disk until opened). */
export async function listSessions(): Promise<SessionSummary[]> {
	if (typeof indexedDB === 'undefined') return [];
	try {
		return await tx<SessionSummary[]>('readonly', (st, done) => readList(st, (list) => done(list)));
	} catch {
		return [];
	}
}

export async function openSession(id: string): Promise<SavedSession | null> {
	if (typeof indexedDB === 'undefined') return null;
	try {
		return await tx<SavedSession | null>('readonly', (st, done) => {
			const req = st.get(keyOf(id));
			req.onsuccess = () => done((req.result as SavedSession | undefined) ?? null);
		});
	} catch {
		return null;
	}
}

/** The newest session, restored on page load. */
export async function loadSession(): Promise<SavedSession | null> {
	const [newest] = await listSessions();
	return newest ? openSession(newest.id) : null;
}

export async function deleteSession(id: string): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await tx<void>('readwrite', (st) =>
		readList(st, (list) => {
			st.delete(keyOf(id));
			st.put(withoutSession(list.filter((e) => e.id !== LEGACY), id), INDEX);
		})
	);
}

/** Forgets every saved session. */
export async function clearSession(): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await tx<void>('readwrite', (st) => void st.clear());
}

/** The shareable link's fragment: the Recipe only (never data), base64url of its UTF-8 JSON. */
export function recipeToHash(recipe: Recipe): string {
	const bytes = new TextEncoder().encode(JSON.stringify(recipe));
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return '#recipe=' + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The recipe in a shared link's fragment, or null when the fragment carries none. A fragment that starts like a
 * recipe but cannot be read (cut short, edited, not base64url, not JSON, not a valid recipe) is a damaged link and
 * says so, naming what is wrong, instead of showing a raw parser error.
 */
export function recipeFromHash(hash: string): unknown | null {
	if (!hash.startsWith('#recipe=')) return null;
	const m = /^#recipe=([A-Za-z0-9_-]+)$/.exec(hash);
	if (!m) throw damagedLink('its recipe part holds characters a Segment Lab link never has');
	const b64 = m[1].replace(/-/g, '+').replace(/_/g, '/');
	let text: string;
	try {
		const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
		text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
	} catch {
		throw damagedLink('its recipe part is not valid base64url text');
	}
	try {
		return JSON.parse(text);
	} catch {
		throw damagedLink('its recipe part is cut short or altered (it is not valid JSON)');
	}
}

/** The shared link's recipe, checked field by field; null when the link carries none. */
export function recipeFromLink(hash: string): Recipe | null {
	const raw = recipeFromHash(hash);
	if (raw === null) return null;
	try {
		return validateRecipe(raw);
	} catch (err) {
		if (err instanceof EngineError) throw damagedLink(err.message.replace(/^The recipe is not valid: /, 'its recipe is not valid: ').replace(/\.$/, ''));
		throw err;
	}
}

function damagedLink(why: string): EngineError {
	return new EngineError('bad-recipe', `This link is damaged: ${why}.`, 'Ask for the link again and copy it whole: a link cut short or edited is the usual cause. The page works without it: load a file to start.');
}

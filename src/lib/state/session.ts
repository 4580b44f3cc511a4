/**
 * The saved session: the Recipe and the results of the last run, kept in this browser's IndexedDB so a reload
 * brings them back. The data file itself is stored only when the user ticks "keep the data file on this device".
 * Nothing here leaves the device.
 */
import type { AnalysisResult } from '$lib/engine/analyse';
import { EngineError } from '$lib/engine/errors';
import { validateRecipe, type Recipe } from '$lib/engine/recipe';

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
const KEY = 'last';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const t = db.transaction(STORE, mode);
			const req = fn(t.objectStore(STORE));
			t.oncomplete = () => resolve(req.result);
			t.onerror = () => reject(t.error);
			t.onabort = () => reject(t.error);
		});
	} finally {
		db.close();
	}
}

export async function saveSession(s: SavedSession): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await tx('readwrite', (st) => st.put(s, KEY));
}

export async function loadSession(): Promise<SavedSession | null> {
	if (typeof indexedDB === 'undefined') return null;
	try {
		return ((await tx('readonly', (st) => st.get(KEY))) as SavedSession | undefined) ?? null;
	} catch {
		return null;
	}
}

export async function clearSession(): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await tx('readwrite', (st) => st.delete(KEY));
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

import { describe, expect, it } from 'vitest';
import { savedWhen, sessionId, summarise, withSession, withoutSession, type SessionSummary } from './session-index';
import { defaultRecipe, type Recipe } from '$lib/engine/recipe';
import type { SavedSession } from './session';

const entry = (id: string, savedAt = '2026-12-06T10:00:00.000Z'): SessionSummary => ({ id, fileName: `${id}.csv`, savedAt, rows: 10, k: 3, algorithm: 'kmeans', hasFile: false });

describe('recent sessions list', () => {
	it('puts the newest first, replaces the same dataset, and drops the oldest beyond the cap', () => {
		let list: SessionSummary[] = [];
		for (const id of ['a', 'b', 'c']) list = withSession(list, entry(id), 3).list;
		expect(list.map((e) => e.id)).toEqual(['c', 'b', 'a']);
		const again = withSession(list, { ...entry('a'), k: 5 }, 3);
		expect(again.list.map((e) => [e.id, e.k])).toEqual([['a', 5], ['c', 3], ['b', 3]]);
		expect(again.dropped).toEqual([]);
		const more = withSession(again.list, entry('d'), 3);
		expect(more.list.map((e) => e.id)).toEqual(['d', 'a', 'c']);
		expect(more.dropped).toEqual(['b']);
		expect(withoutSession(more.list, 'a').map((e) => e.id)).toEqual(['d', 'c']);
	});

	it('summarises a saved session: name, when, rows of the run (else of the file), k on show', () => {
		const source = { name: 'shop.csv', bytes: 10, rows: 120, columns: ['x'], hash: 'H' } as Recipe['source'];
		const s: SavedSession = { savedAt: '2026-12-06T16:20:31.000Z', recipe: defaultRecipe(source, []), result: null, selectedK: 4, customNames: {}, fileName: 'shop.csv', fileHash: 'H', file: null };
		expect(summarise(s)).toEqual({ id: 'H', fileName: 'shop.csv', savedAt: s.savedAt, rows: 120, k: 4, algorithm: 'kmeans', hasFile: false });
		expect(sessionId({ ...s, recipe: { ...s.recipe, rfm: {} as Recipe['rfm'] } })).toBe('H+rfm');
	});

	it('says when in UTC words, whatever the time zone', () => {
		expect(savedWhen('2026-12-06T16:20:31.000Z')).toBe('6 Dec 2026, 16:20 UTC');
		expect(savedWhen('not a date')).toBe('not a date');
	});
});

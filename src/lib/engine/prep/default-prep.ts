/**
 * The preparation a new analysis starts from, decided once here for the page and the command line alike (both
 * build their default Recipe through recipe.ts's defaultRecipe, which calls this):
 * - log1p on every numeric column that is never negative and has skewness > 2 (profile.ts's HEAVY_SKEW): a few
 *   big customers would otherwise decide the segments (one segment of 99.6% and one of 0.4% on raw spend);
 * - near-constant columns (one value in ≥ 99% of filled cells) are not features (profile.ts's suggestedFeature).
 * Every default is recorded in the Recipe (prep.columns[name].log1p), so it is visible, undoable with one click
 * (or `--transforms none`) and reproduced by a saved recipe.
 */
import type { ColumnPrep } from '../recipe';
import { entriesOf, nameRecord, own } from '../names';
import type { ColumnProfile } from '../types';

export function defaultColumnPrep(profiles: ColumnProfile[]): Record<string, ColumnPrep> {
	// A null-prototype record (names.ts): a column named "__proto__" or "constructor" stays a column.
	return nameRecord(profiles.filter((p) => p.kind === 'numeric' && p.suggestLog1p).map((p) => [p.name, { log1p: true } as ColumnPrep]));
}

/** One line per default that changed something, for the command line and the report. */
export function defaultNotes(profiles: ColumnProfile[], features: string[], columns: Record<string, ColumnPrep>): string[] {
	const used = new Set(features);
	const notes: string[] = [];
	const logged = profiles.filter((p) => used.has(p.name) && own(columns, p.name)?.log1p && p.stats);
	if (logged.length) {
		const list = logged.map((p) => `${p.name} (skew ${p.stats!.skewness.toFixed(1)} → ${p.skewAfterLog1p?.toFixed(1) ?? '?'})`).join(', ');
		notes.push(`log1p applied by default to ${logged.length} heavily skewed column(s): ${list}. Undo with --transforms none (the page: "Apply no transforms").`);
	}
	const flat = profiles.filter((p) => (p.kind === 'numeric' || p.kind === 'boolean') && !p.suggestedFeature && (p.dominantShare ?? 0) >= 0.99 && !used.has(p.name));
	if (flat.length) notes.push(`Left out as near-constant (one value in ≥ 99% of rows): ${flat.map((p) => `${p.name} (${((p.dominantShare ?? 1) * 100).toFixed(1)}% "${p.top[0]?.value ?? ''}")`).join(', ')}.`);
	const constant = profiles.filter((p) => p.kind === 'constant');
	if (constant.length) notes.push(`Left out as constant: ${constant.map((p) => p.name).join(', ')}.`);
	return notes;
}

/** The Recipe's column settings with every transform removed ("Apply no transforms" / --transforms none). */
export function withoutTransforms(columns: Record<string, ColumnPrep>): Record<string, ColumnPrep> {
	return nameRecord(
		entriesOf(columns)
			.map(([name, c]) => {
				const { log1p: _l, yeoJohnson: _y, ...rest } = c;
				return [name, rest] as const;
			})
			.filter(([, rest]) => Object.keys(rest).length > 0)
	);
}

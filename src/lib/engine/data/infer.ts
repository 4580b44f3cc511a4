import type { Column, ColumnKind } from '../types';
import { columnRole, roleFacts } from './column-roles';

const BOOLEAN_LEVELS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 't', 'f']);
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$/;

/** How confident a column must be to count as numeric: blank cells aside, this share must parse as numbers. */
export const NUMERIC_SHARE = 0.95;

/**
 * Infers what a column holds and says why. The reason is shown to the user next to the type so a wrong guess is
 * easy to spot and override.
 */
export function inferKind(col: Column, rowCount: number, sample: string[] | null = null): { kind: ColumnKind; reason: string } {
	const present = rowCount - col.missing;
	if (present === 0) return { kind: 'empty', reason: 'every cell is blank' };
	if (col.distinct === 1 && col.distinctExact) return { kind: 'constant', reason: `every filled cell holds the same value ("${col.levels?.[0] ?? ''}")` };
	const numericShare = (present - col.nonNumeric) / present;
	const allDistinct = col.distinctExact ? col.distinct === present : col.distinct >= present * 0.99;
	const numeric = numericShare >= NUMERIC_SHARE;
	const role = columnRole(roleFacts(col, present, numeric), numeric);
	if (role?.kind === 'id') return role;
	if (col.levels && col.distinct === 2 && col.levels.every((l) => BOOLEAN_LEVELS.has(l.toLowerCase()) || l === '0' || l === '1')) {
		return { kind: 'boolean', reason: `two values only (${col.levels.join(', ')})` };
	}
	if (numeric) {
		if (role?.kind === 'categorical') return role;
		const bad = col.nonNumeric > 0 ? `; ${col.nonNumeric} non-numeric cell(s) are treated as missing` : '';
		return { kind: 'numeric', reason: `${formatPct(numericShare)} of filled cells are numbers${bad}${col.formats ? `; ${col.formats}` : ''}${tokenPhrase(col)}` };
	}
	// Above the dictionary cap there are no levels: a sample of the cells (read back from the source) stands in.
	const texts = col.levels ?? sample?.filter((t) => t !== '') ?? null;
	if (texts && texts.length > 0 && sampleMatches(texts, DATE_LIKE) >= 0.95) {
		return { kind: 'datetime', reason: 'values look like dates' };
	}
	if (allDistinct && present > 20) return { kind: 'id', reason: 'text values that are all different, like identifiers' };
	return { kind: 'categorical', reason: `text values with ${col.distinctExact ? '' : 'at least '}${col.distinct.toLocaleString('en')} distinct levels` };
}

/** "; 7 cells written NA, 2 #N/A read as missing" (the profile lists every token). */
export function tokenPhrase(col: Pick<Column, 'missingTokens'>): string {
	const t = col.missingTokens;
	if (!t || t.length === 0) return '';
	const shown = t.slice(0, 3).map((x) => `${x.count.toLocaleString('en')} ${x.token}`).join(', ');
	return `; ${shown}${t.length > 3 ? ', …' : ''} cell(s) read as missing`;
}

function sampleMatches(levels: string[], re: RegExp): number {
	const m = Math.min(levels.length, 200);
	let hit = 0;
	for (let i = 0; i < m; i++) if (re.test(levels[i].trim())) hit++;
	return hit / m;
}

function formatPct(x: number): string {
	return `${(x * 100).toFixed(x === 1 ? 0 : 1)}%`;
}

/**
 * One leaf's path as a rule a CRM can run: conditions merged per feature ("120 < recency ≤ 180"), in words and as
 * a SQL condition. SQL reads the original columns; a missing cell takes the fill the preparation used
 * (COALESCE), so the SQL labels every row as the tree did. Identifiers are double-quoted, strings single-quoted.
 */
import type { ColumnUnits } from './original-units';

export interface RuleCondition {
	feature: string;
	op: '<=' | '>' | '=' | '!=';
	value: number | string;
}

export interface Rule {
	conditions: RuleCondition[];
	text: string;
	/** SQL condition (for a WHERE clause). */
	sql: string;
	/** Clustered rows the rule selects, those of them in its segment, and the segment's size. */
	rows: number;
	inSegment: number;
	/** Share of the segment the rule captures, and share of the rows it selects that are in the segment. */
	coverage: number;
	precision: number;
}

export function leafRules(units: ColumnUnits[], path: { column: number; left: boolean; value: number }[], rows: number, inSegment: number, segmentSize: number): Rule {
	const conditions = merge(units, path);
	return {
		conditions,
		text: conditions.length ? describe(conditions) : 'every row',
		sql: conditions.length ? conditions.map((c) => sqlCondition(c, units)).join(' AND ') : '1 = 1',
		rows,
		inSegment,
		coverage: segmentSize ? inSegment / segmentSize : 0,
		precision: rows ? inSegment / rows : 0
	};
}

/** The tightest bounds per numeric feature, the level (or the excluded levels) per categorical one; in path order. */
function merge(units: ColumnUnits[], path: { column: number; left: boolean; value: number }[]): RuleCondition[] {
	const byFeature = new Map<string, { lo: number; hi: number; is: string | null; not: string[] }>();
	for (const p of path) {
		const u = units[p.column];
		const f = byFeature.get(u.feature) ?? { lo: -Infinity, hi: Infinity, is: null, not: [] };
		byFeature.set(u.feature, f);
		if (u.kind === 'numeric') {
			if (p.left) f.hi = Math.min(f.hi, p.value);
			else f.lo = Math.max(f.lo, p.value);
		} else if (p.left) f.not.push(u.level!);
		else f.is = u.level!;
	}
	const out: RuleCondition[] = [];
	for (const [feature, f] of byFeature) {
		if (f.is !== null) out.push({ feature, op: '=', value: f.is });
		else for (const level of f.not) out.push({ feature, op: '!=', value: level });
		if (f.lo > -Infinity) out.push({ feature, op: '>', value: f.lo });
		if (f.hi < Infinity) out.push({ feature, op: '<=', value: f.hi });
	}
	return out;
}

function describe(cs: RuleCondition[]): string {
	const parts: string[] = [];
	for (let i = 0; i < cs.length; i++) {
		const c = cs[i], next = cs[i + 1];
		if (c.op === '>' && next && next.feature === c.feature && next.op === '<=') {
			parts.push(`${c.value} < ${c.feature} ≤ ${next.value}`);
			i++;
		} else if (c.op === '!=' && next?.feature === c.feature && next.op === '!=') {
			const levels: string[] = [];
			while (cs[i]?.feature === c.feature && cs[i].op === '!=') levels.push(String(cs[i++].value));
			i--;
			parts.push(`${c.feature} is none of ${levels.join(', ')}`);
		} else parts.push(`${c.feature} ${c.op === '<=' ? '≤' : c.op === '!=' ? '≠' : c.op} ${c.value}`);
	}
	return parts.join(' and ');
}

export function sqlIdentifier(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}

export function sqlString(text: string): string {
	return `'${text.replace(/'/g, "''")}'`;
}

function sqlCondition(c: RuleCondition, units: ColumnUnits[]): string {
	const u = units.find((x) => x.feature === c.feature)!;
	const col = sqlIdentifier(c.feature);
	if (typeof c.value === 'string') {
		const expr = u.fill === null ? col : `COALESCE(${col}, ${sqlString(String(u.fill))})`;
		return `${expr} ${c.op === '=' ? '=' : '<>'} ${sqlString(c.value)}`;
	}
	const expr = u.fill === null ? col : `COALESCE(${col}, ${String(u.fill)})`;
	return `${expr} ${c.op} ${String(c.value)}`;
}

/**
 * The rules as files: JSON (the tree, each segment's rules with coverage and precision, the rule-based label of
 * every clustered row in row order, the price of explainability) and SQL (one WHERE clause per segment and a CASE
 * expression giving segment_by_rules, 1 … k as in the results CSV).
 */
import type { Explanation, RuleSet } from './rules';
import { sqlIdentifier } from './rule-text';

export const RULES_FORMAT = 'segment-lab-rules';

/** The WHERE clause of one segment: its leaves' conditions OR'ed. */
export function segmentWhere(rules: RuleSet, s: number): string {
	const rs = rules.segments[s].rules;
	if (!rs.length) return '1 = 0';
	return rs.length === 1 ? rs[0].sql : rs.map((r) => `(${r.sql})`).join(' OR ');
}

export function rulesCase(rules: RuleSet): string {
	const whens = rules.segments.map((_, s) => `  WHEN ${segmentWhere(rules, s)} THEN ${s + 1}`);
	return `CASE\n${whens.join('\n')}\nEND`;
}

/** A SQL script: a comment per segment, its WHERE clause, then a query adding segment_by_rules to a table. */
export function rulesSql(rules: RuleSet, names: string[], table = 'customers'): string {
	const lines = [
		`-- Segment rules: ${rules.leaves} leaves for k = ${rules.k}; k-means cost ${rules.costRatio.toFixed(4)} × the clustering's.`,
		`-- Missing values are replaced by the fill the preparation used (COALESCE). Table name: ${table} (rename as needed).`,
		''
	];
	rules.segments.forEach((seg, s) => {
		lines.push(`-- Segment ${s + 1}: ${names[s] ?? ''} — coverage ${(seg.coverage * 100).toFixed(1)}%, precision ${(seg.precision * 100).toFixed(1)}%`);
		lines.push(`-- WHERE ${segmentWhere(rules, s)}`, '');
	});
	lines.push(`SELECT *, ${rulesCase(rules)} AS segment_by_rules`, `FROM ${sqlIdentifier(table)};`, '');
	return lines.join('\n');
}

export function rulesJson(e: Explanation, rules: RuleSet, names: string[], rowIndex: Int32Array): object {
	return {
		format: RULES_FORMAT,
		version: 1,
		k: rules.k,
		leaves: rules.leaves,
		costRatio: rules.costRatio,
		cost: rules.cost,
		clusteringCost: rules.baseCost,
		agreement: rules.agreement,
		/** When the tree was grown on a sample of the rows (the trade-off is measured on it; everything else on every row). */
		sample: rules.sample,
		tradeoff: e.tradeoff,
		tree: rules.tree,
		segments: rules.segments.map((seg, s) => ({
			segment: s + 1,
			name: names[s] ?? '',
			size: seg.size,
			coverage: seg.coverage,
			precision: seg.precision,
			where: segmentWhere(rules, s),
			rules: seg.rules
		})),
		sql: rulesCase(rules),
		/** 1-based table row of each clustered row, and its rule-based segment (1 … k). */
		rows: Array.from(rowIndex, (r) => r + 1),
		labels: Array.from(rules.labels, (s) => s + 1)
	};
}

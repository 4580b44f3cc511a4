/**
 * `run … --rules RULES.json [--rule-leaves K2] [--rules-sql RULES.sql]`: the IMM/ExKMC rules of the labelled k
 * (engine/explain), written as JSON and SQL, and the `segment_by_rules` column for the results CSV.
 */
import type { KSummary } from '../lib/engine/analyse';
import { EngineError } from '../lib/engine/errors';
import { explain, rulesAt } from '../lib/engine/explain/rules';
import { rulesJson, rulesSql } from '../lib/engine/explain/rules-export';
import type { FeatureMatrix, Table } from '../lib/engine/types';
import { say, writeOutput } from './io';

export interface RulesArgs {
	rules?: string;
	ruleLeaves?: number;
	rulesSql?: string;
}

/** Writes the requested rule files; returns the CSV column (1 … k per clustered row), or null when no rules were asked for. */
export async function writeRules(table: Table, prepared: () => FeatureMatrix, labels: Int32Array, summary: KSummary, names: string[], args: RulesArgs, seed = 0): Promise<{ name: string; values: Float64Array } | null> {
	if (!args.rules && !args.rulesSql && args.ruleLeaves === undefined) return null;
	const k = summary.k;
	const matrix = prepared();
	const leaves = args.ruleLeaves ?? k;
	if (leaves < k || leaves > 4 * k) throw new EngineError('bad-parameter', `--rule-leaves must be between k = ${k} and 4k = ${4 * k}, not ${leaves}.`, 'Leave it out for one leaf per segment (IMM).');
	const e = explain(table, matrix, labels, k, Float64Array.from(summary.modelCenters!.flat()), leaves, seed);
	const r = rulesAt(e, leaves);
	if (r.sample) say(`note: the rule tree was grown on a random sample of ${r.sample.size} of the ${r.sample.of} clustered rows (seed ${seed}); coverage, precision and the cost ratio are over every row.`);
	if (r.leaves < leaves) say(`note: the rules stop at ${r.leaves} leaves: no further split lowers the k-means cost.`);
	say(`rules: ${r.leaves} leaves; k-means cost of the rule labels ${r.costRatio.toFixed(4)} × the clustering's; ${(r.agreement * 100).toFixed(1)}% of rows in their own segment.`);
	r.segments.forEach((s, i) => say(`  ${i + 1}. ${names[i] ?? ''}: ${s.rules.map((x) => x.text).join('  OR  ') || '(no rule)'} — coverage ${(s.coverage * 100).toFixed(1)}%, precision ${(s.precision * 100).toFixed(1)}%`));
	if (args.rules) {
		await writeOutput(args.rules, [JSON.stringify(rulesJson(e, r, names, matrix.rowIndex), null, 2) + '\n']);
		say(`wrote ${args.rules}`);
	}
	if (args.rulesSql) {
		await writeOutput(args.rulesSql, [rulesSql(r, names)]);
		say(`wrote ${args.rulesSql}`);
	}
	return { name: 'segment_by_rules', values: Float64Array.from(r.labels, (s) => s + 1) };
}

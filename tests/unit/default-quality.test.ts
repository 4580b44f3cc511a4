/**
 * The default-quality suite (issue 13): what a new user gets by loading a real customer file and pressing Run
 * with no options — on the page and on the command line — is what a careful analyst would choose. For the demo,
 * UCI Wholesale, the Online Retail log and four public files of other kinds (tests/fixtures/default-quality/CREDITS.md):
 * - the page's default Recipe (recipeForTable, as state/workspace.svelte.ts builds it, after "Build customer
 *   features" when the file is a transaction log) equals the command line's with no options (recipeFromArgs after
 *   autoCustomers, --rfm auto) — so one run checks both;
 * - no id or code column is a feature, and every feature is a numeric measure;
 * - a transaction log becomes one row per customer, keyed by the customer id;
 * - no segment holds over 90% or under 1% of the rows unless the results say why (an extreme-segment card);
 * - the k shown is the recommended k, and every persona name and action agrees with the card's numbers.
 * A file with unreadable lines (a merge conflict) is refused by default with the lines named, and runs once they
 * are accepted (the page's "Keep the readable rows", --accept-skipped).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/lib/engine/analyse';
import { loadTable } from '../../src/lib/engine/data/load';
import { fingerprint } from '../../src/lib/engine/data/fingerprint';
import { profileTable } from '../../src/lib/engine/data/profile';
import { requireSkippedAccepted } from '../../src/lib/engine/data/skipped';
import { buildCustomerTable } from '../../src/lib/engine/prep/rfm-table';
import { detectTransactionLog } from '../../src/lib/engine/prep/transaction-log';
import { recipeForTable } from '../../src/lib/engine/recipe-for-table';
import type { Table } from '../../src/lib/engine/types';
import { parseRunArgs } from '../../src/cli/args';
import { autoCustomers, recipeFromArgs } from '../../src/cli/main';
import { personaContradictions } from './persona-check';

interface Case {
	file: string;
	/** Ids and codes (and columns that are not measures) that must never be clustered as numbers. */
	notFeatures: string[];
	/** A transaction log: how many customers it becomes. */
	customers?: number;
	/** Unreadable lines the default refuses. */
	skipped?: number;
}

const DEMO = 'static/demo/';
const FIX = 'tests/fixtures/default-quality/';
const CASES: Case[] = [
	{ file: `${DEMO}customers.csv`, notFeatures: ['customer_id'] },
	// The same bytes as ../shared/data/wholesale.csv and online_retail_sample30k.csv (the demo copies ship with the repo).
	{ file: `${DEMO}wholesale.csv`, notFeatures: ['Channel', 'Region'] },
	{ file: `${DEMO}online_retail_sample30k.csv`, notFeatures: ['InvoiceNo', 'StockCode', 'CustomerID', 'Quantity', 'UnitPrice', 'customer_id', 'r_score', 'f_score', 'm_score'], customers: 3546 },
	{ file: `${FIX}marketing_campaign.tsv`, notFeatures: ['ID', 'Z_CostContact', 'Z_Revenue', 'Complain', 'Dt_Customer'] },
	{ file: `${FIX}cc_general_head1500.csv`, notFeatures: ['CUST_ID', '#VALUE!'] },
	{ file: `${FIX}mall_customers_new.csv`, notFeatures: ['customer_id', 'segment', 'segment_origin'] },
	{ file: `${FIX}mall_customers_conflict.csv`, notFeatures: ['CustomerID'], skipped: 3 }
];

const nameOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);

async function load(file: string): Promise<Table> {
	return loadTable({ bytes: new Uint8Array(readFileSync(file)) }, nameOf(file));
}

describe('default quality on real customer files', () => {
	for (const c of CASES) {
		it(nameOf(c.file), async () => {
			const loaded = await load(c.file);
			const accepted = loaded.skipped?.count ?? 0;
			expect(accepted).toBe(c.skipped ?? 0);
			if (c.skipped) {
				// The default refuses, naming the lines; the page's "Keep the readable rows" (or --accept-skipped) goes on.
				expect(() => requireSkippedAccepted(loaded, undefined)).toThrow(/could not be read as rows[\s\S]*merge-conflict marker/);
			}

			// The page: a log leads with "Build customer features"; the default Recipe of what is then loaded.
			const spec = detectTransactionLog(profileTable(loaded), loaded.rowCount);
			expect(spec !== null).toBe(c.customers !== undefined);
			const table = spec ? buildCustomerTable(loaded, spec).table : loaded;
			const profiles = profileTable(table);
			const page = recipeForTable(fingerprint(loaded), profiles, spec);
			if (accepted) page.acceptSkipped = accepted;

			// The command line with no options (--accept-skipped only where the page needed its button).
			const args = parseRunArgs(['--input', c.file, ...(accepted ? ['--accept-skipped'] : [])]);
			const auto = autoCustomers(args, loaded);
			expect(auto !== null).toBe(c.customers !== undefined);
			const cli = recipeFromArgs(args, auto ? auto.table : loaded, auto ? { table: loaded, spec: auto.spec } : null);
			expect(JSON.parse(JSON.stringify(cli))).toEqual(JSON.parse(JSON.stringify(page)));

			// No id or code column clustered as a number; every feature a numeric measure.
			expect(page.features.length).toBeGreaterThan(0);
			for (const f of c.notFeatures) expect(page.features, `${f} is a feature`).not.toContain(f);
			for (const f of page.features) expect(profiles.find((p) => p.name === f)!.kind, f).toBe('numeric');

			// A transaction log becomes one row per customer, keyed by the customer id.
			if (c.customers !== undefined) {
				expect(table.rowCount).toBe(c.customers);
				expect(page.idColumn).toBe('customer_id');
				const ids = profiles.find((p) => p.name === 'customer_id')!;
				expect(ids.kind).toBe('id');
				expect(ids.distinct).toBe(table.rowCount);
			}

			const result = analyse(table, page);
			const shown = result.perK.find((s) => s.k === result.chosenK)!;
			// The k shown is the recommended one.
			expect(result.chosenK).toBe(result.recommendation.k);
			// No segment over 90% or under 1% of the rows unless the results say why.
			const total = shown.sizes.reduce((a, b) => a + b, 0);
			shown.sizes.forEach((n, s) => {
				if (n / total > 0.9 || n / total < 0.01) expect(shown.profile!.warnings.some((w) => w.startsWith(`Segment ${s + 1} holds`)), `segment ${s + 1}: ${n} of ${total}`).toBe(true);
			});
			// Every persona name and action agrees with the card's numbers.
			const bad = shown.profile!.personas.flatMap((_, s) => personaContradictions(shown.profile!, s).map((x) => `segment ${s + 1}: ${x}`));
			expect(bad).toEqual([]);
		});
	}
});

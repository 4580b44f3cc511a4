/**
 * `segment-lab run`: its flags, one entry each (see flag-table.ts). A new flag is one entry here plus its field in
 * RunArgs; parsing, checks, "does not apply to this algorithm" and --help follow from the entry.
 */
import { EMBED_MAX_ROWS } from '../lib/engine/project/stratified-sample';
import { MAX_K } from '../lib/engine/recipe';
import { ArgumentError, checkAlgorithm, checkRecipeFlags, parseFlags, type CommandSpec, type FlagSpec } from './flag-table';

export const ALGORITHMS = ['kmeans', 'minibatch', 'ward', 'complete', 'average', 'single', 'dbscan', 'gmm', 'hdbscan', 'pam', 'kprototypes'] as const;
/** Algorithms that are given a number of segments (DBSCAN and HDBSCAN find their own). */
const WITH_K = ALGORITHMS.filter((a) => a !== 'dbscan' && a !== 'hdbscan');
const FIND_OWN_K = 'DBSCAN and HDBSCAN find their own number of segments';
/** The gap statistic and stability recluster numeric resamples and reference data: not for the mixed-data algorithms. */
const RESAMPLED = WITH_K.filter((a) => a !== 'pam' && a !== 'kprototypes');
const NOT_RESAMPLED = 'the gap statistic and stability compare numbers of segments, and DBSCAN and HDBSCAN have only their own; PAM and k-prototypes compare categories, which the uniform reference data and numeric resamples these recluster do not keep';

function kRange(raw: string): [number, number] {
	const m = /^(\d+)\.\.(\d+)$/.exec(raw.trim());
	const from = m ? Number(m[1]) : NaN;
	const to = m ? Number(m[2]) : NaN;
	if (!m || from < 1 || to > MAX_K || from > to) throw new ArgumentError(`--k-range must look like 2..10 (from 1 to ${MAX_K}, the first no larger than the second), not "${raw}".`, 'run');
	return [from, to];
}

function gapDPower(raw: string): 1 | 2 {
	if (raw.trim() !== '1' && raw.trim() !== '2') throw new ArgumentError(`--gap-d-power must be 1 or 2, not "${raw}".`, 'run');
	return Number(raw.trim()) as 1 | 2;
}

/** Flags shared by run and project: the preparation of the features. */
export const PREP_FLAGS: FlagSpec[] = [
	{ name: 'columns', type: 'list', value: 'a,b,c', default: 'every numeric column that is not an id', help: 'feature columns', inRecipe: true },
	{ name: 'scale', type: 'choice', value: 'METHOD', choices: ['zscore', 'minmax', 'robust', 'none'], default: 'zscore', help: 'scaling of the features', inRecipe: true },
	{ name: 'missing', type: 'choice', value: 'STRATEGY', choices: ['median', 'mean', 'mode', 'drop'], default: 'median', help: 'what fills a missing value (drop: leave the row out)', inRecipe: true }
];

export const RUN_SPEC: CommandSpec = {
	name: 'run',
	summary: 'cluster a file and label every row with its segment; report every metric per k and the recommended k.',
	synopsis: ['--input FILE [options] [--out LABELLED.csv] [--report REPORT.json]', '--input FILE --recipe RECIPE.json [--out LABELLED.csv]'],
	flags: [
		{ name: 'input', type: 'path', value: 'FILE', required: true, help: 'the data: CSV/TSV in any common dialect and encoding, .xlsx, Parquet, JSON or NDJSON; "-" reads standard input' },
		...PREP_FLAGS,
		{ name: 'algorithm', type: 'choice', value: 'NAME', choices: ALGORITHMS, default: 'kmeans', inRecipe: true, help: 'ward, complete, average, single: agglomerative clustering with that linkage, one tree cut at every k (above 20,000 rows, 30,000 for single, it links 500 k-means micro-clusters and says so); dbscan and hdbscan find their own number of clusters, noise rows get segment -1; pam (k-medoids on Gower distances, as R cluster::pam(daisy(x, "gower")), up to 10,000 rows) and kprototypes (Huang 1998, any size) compare categorical columns as categories, and without --columns add the categorical columns of up to 50 levels to the numeric ones' },
		{ name: 'k', type: 'int', value: 'N', min: 1, max: MAX_K, default: 'the recommended k', inRecipe: true, algorithms: WITH_K, why: FIND_OWN_K, help: 'the number of segments to label the output with' },
		{ name: 'k-range', key: 'kRange', type: 'string', value: 'A..B', default: '2..10, or just --k', inRecipe: true, algorithms: WITH_K, why: FIND_OWN_K, parse: kRange, help: `the k values to try and report (up to ${MAX_K})` },
		{ name: 'metrics', type: 'choice', value: 'SET', choices: ['default', 'all'], default: 'default', algorithms: RESAMPLED, why: NOT_RESAMPLED, help: 'default: silhouette, Davies–Bouldin, Calinski–Harabasz; all adds the gap statistic and stability (B = 20 each unless --gap-b / --stability-b say otherwise)' },
		{ name: 'gap-b', type: 'int', value: 'N', min: 2, max: 500, default: 'off', algorithms: RESAMPLED, why: NOT_RESAMPLED, help: 'gap statistic with N uniform reference sets (Tibshirani et al. 2001; clusGap rule)' },
		{ name: 'gap-d-power', key: 'gapDPower', type: 'string', value: '1|2', default: '2', parse: gapDPower, algorithms: RESAMPLED, why: NOT_RESAMPLED, help: "the gap statistic's d.power as in R clusGap: 2 squared distances (the paper's W_k), 1 distances (clusGap's own default; up to 20,000 rows)" },
		{ name: 'stability-b', type: 'int', value: 'N', min: 0, max: 500, default: 'off', algorithms: RESAMPLED, why: NOT_RESAMPLED, help: 'stability with N bootstrap resamples (ARI and per-segment Jaccard, Hennig 2007)' },
		{ name: 'n-init', type: 'int', value: 'N', min: 1, max: 1000, default: 'kmeans 10, minibatch 3, gmm 1, kprototypes 10', inRecipe: true, algorithms: ['kmeans', 'minibatch', 'gmm', 'kprototypes'], why: 'only k-means, mini-batch k-means and Gaussian mixtures restart from random starts, and k-prototypes from random records (PAM is deterministic)', help: 'restarts per k; k-means without --n-init makes more on smaller data (as many as fit rows × features × restarts ≤ 4 million, at most 1,000), with it exactly N' },
		{ name: 'kmeans-refine', key: 'kmeansRefine', type: 'choice', value: 'R', choices: ['hartigan', 'hartigan-all', 'none'], default: 'hartigan', inRecipe: true, algorithms: ['kmeans'], why: 'Hartigan moves refine k-means partitions', help: 'hartigan: Hartigan–Wong single-row moves after Lloyd (lower inertia) on up to 200,000 rows, where they pay; hartigan-all: at any size; none: Lloyd only, as scikit-learn' },
		{ name: 'batch-size', type: 'int', value: 'N', min: 1, max: 10_000_000, default: '1024', inRecipe: true, algorithms: ['minibatch'], help: 'rows per mini-batch step' },
		{ name: 'covariance', type: 'choice', value: 'TYPE', choices: ['full', 'diag', 'spherical', 'tied'], default: 'full', inRecipe: true, algorithms: ['gmm'], help: 'the shape of each Gaussian mixture component' },
		{ name: 'eps', type: 'number', value: 'X', above: 0, default: 'the knee of the k-distance curve', inRecipe: true, algorithms: ['dbscan'], help: 'DBSCAN neighbourhood radius in prepared (scaled) units' },
		{ name: 'min-pts', type: 'int', value: 'N', min: 1, max: 100_000, default: '5', inRecipe: true, algorithms: ['dbscan'], help: 'DBSCAN points within eps for a core point, the point itself included' },
		{ name: 'min-cluster-size', type: 'int', value: 'N', min: 2, max: 10_000_000, default: '5', inRecipe: true, algorithms: ['hdbscan'], help: 'HDBSCAN fewest rows in a segment (HDBSCAN takes at most 200,000 rows with up to 8 features, 50,000 with more)' },
		{ name: 'min-samples', type: 'int', value: 'N', min: 1, max: 10_000_000, default: 'the minimum cluster size', inRecipe: true, algorithms: ['hdbscan'], help: "HDBSCAN neighbours, the row itself included, for a row's core distance" },
		{ name: 'gamma', type: 'number', value: 'X', min: 0, default: "Huang's rule: half the mean standard deviation of the prepared numeric columns (0.5 on z-scored columns)", inRecipe: true, algorithms: ['kprototypes'], help: 'k-prototypes weight of one differing category against squared differences of the numbers; larger = categories decide more' },
		{ name: 'seed', type: 'int', value: 'N', min: 0, max: 2 ** 32 - 1, default: '0', inRecipe: true, help: 'random seed' },
		{ name: 'rfm', type: 'choice', value: 'MODE', choices: ['auto', 'off'], default: 'auto', inRecipe: true, help: 'auto: a transaction log (a repeated customer id, a date, an amount or a quantity and a price) becomes one row per customer (recency, frequency, monetary) and the labelled output has one row per customer; off: cluster the rows as they are' },
		{ name: 'transforms', type: 'choice', value: 'MODE', choices: ['auto', 'none'], default: 'auto', inRecipe: true, help: 'auto: log1p on non-negative features with skewness above 2; none: no transforms' },
		{ name: 'accept-skipped', type: 'boolean', help: 'go on when lines of the input could not be read as rows (ragged rows, notes, conflict markers, …): keep the readable rows; recorded in the recipe as acceptSkipped. Without it (or a recipe that accepted as many), such a file is refused with the reasons' },
		{ name: 'skipped-out', type: 'path', value: 'FILE', help: 'write the skipped lines (line, reason, original text) as CSV' },
		{ name: 'recipe', type: 'path', value: 'FILE.json', help: 'take every choice from a recipe downloaded from the page or saved with --save-recipe' },
		{ name: 'save-recipe', type: 'path', value: 'FILE', help: 'write the recipe of this run' },
		{ name: 'out', type: 'path', value: 'FILE', help: 'labelled CSV: every input row, in order, plus segment, segment_name, status and per-row measures; "-" writes it to standard output (messages go to standard error)' },
		{ name: 'model', type: 'path', value: 'FILE', help: 'model file for scoring new customers with segment-lab score: recipe, fitted preparation, centres, names' },
		{ name: 'report', type: 'path', value: 'FILE', help: 'JSON report: per k every metric, sizes, centres in original units; the recommended k and its reasons' },
		{ name: 'json', type: 'boolean', help: 'print that JSON report to standard output instead of the table (messages go to standard error)' },
		{ name: 'rules', type: 'path', value: 'FILE', help: "segment rules as JSON (IMM threshold tree; ExKMC with --rule-leaves): the tree, each segment's rules with coverage and precision, the rule-based segment of every clustered row, the cost ratio; with --out, a segment_by_rules column is added" },
		{ name: 'rule-leaves', type: 'int', value: 'N', min: 2, max: 10_000, default: 'k (one rule per segment)', help: 'leaves of the rule tree, k … 4k: more rules, closer to the clusters' },
		{ name: 'rules-sql', type: 'path', value: 'FILE', help: 'the segment rules as SQL WHERE clauses and a CASE expression giving segment_by_rules' },
		{ name: 'python', type: 'path', value: 'FILE.py', help: "a scikit-learn script that redoes this run's preparation and clustering from its fitted start (python3 FILE.py INPUT.csv OUTPUT.csv)" },
		{ name: 'pyspark', type: 'path', value: 'FILE.py', help: 'a PySpark (pyspark.ml) script for the same analysis on data that outgrows one machine (spark-submit FILE.py INPUT.csv OUTPUT_DIR)' }
	],
	examples: ['segment-lab run --input customers.csv --out labelled.csv', 'cat customers.csv | segment-lab run --input - --k 4 --out - > labelled.csv', 'segment-lab run --input customers.csv --algorithm gmm --k-range 2..8 --report report.json', 'segment-lab run --input next-month.csv --recipe recipe.json --out labelled.csv'],
	notes: [`t-SNE and UMAP coordinates come from segment-lab project (at most ${EMBED_MAX_ROWS} rows embedded by default).`]
};

export interface RunArgs {
	input: string;
	columns?: string[];
	scale?: string;
	missing?: string;
	k?: number;
	kRange?: [number, number];
	nInit?: number;
	kmeansRefine?: 'hartigan' | 'hartigan-all' | 'none';
	algorithm?: string;
	eps?: number;
	minPts?: number;
	minClusterSize?: number;
	minSamples?: number;
	covariance?: string;
	gamma?: number;
	batchSize?: number;
	seed?: number;
	rfm?: 'auto' | 'off';
	transforms?: 'auto' | 'none';
	metrics?: string;
	metricsAll?: boolean;
	gapB?: number;
	gapDPower?: 1 | 2;
	stabilityB?: number;
	acceptSkipped?: boolean;
	skippedOut?: string;
	recipe?: string;
	saveRecipe?: string;
	out?: string;
	report?: string;
	model?: string;
	json?: boolean;
	rules?: string;
	ruleLeaves?: number;
	rulesSql?: string;
	python?: string;
	pyspark?: string;
}

export function parseRunArgs(argv: string[]): RunArgs {
	const values = parseFlags(RUN_SPEC, argv);
	if (values.recipe !== undefined) checkRecipeFlags(RUN_SPEC, values);
	else checkAlgorithm(RUN_SPEC, values, (values.algorithm as string | undefined) ?? 'kmeans');
	const args = { ...values } as unknown as RunArgs;
	args.metricsAll = values.metrics === 'all';
	if (args.json && args.out === '-') throw new ArgumentError('--json and --out - would both write to standard output: write the labelled file to a file, or leave out --json.', 'run');
	if (args.k !== undefined && args.kRange && (args.k < args.kRange[0] || args.k > args.kRange[1])) {
		throw new ArgumentError(`--k ${args.k} is outside --k-range ${args.kRange[0]}..${args.kRange[1]}.`, 'run');
	}
	return args;
}

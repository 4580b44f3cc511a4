import { parseArgs } from 'node:util';
import { EngineError } from '../lib/engine/errors';

export const USAGE = `Usage:
  segment-lab run --input FILE.csv [options] --out LABELLED.csv [--report REPORT.json]
  segment-lab run --input FILE.csv --recipe RECIPE.json --out LABELLED.csv

Options for run:
  --input FILE          CSV file to segment (required)
  --columns a,b,c       feature columns (default: every numeric column that is not an id)
  --scale METHOD        zscore (default) | minmax | robust | none
  --missing STRATEGY    median (default) | mean | mode | drop
  --k N                 the number of segments to label the output with
  --k-range A..B        the k values to try and report (default 2..10, up to 30; or just --k)
  --metrics LIST        default: silhouette, Davies–Bouldin, Calinski–Harabasz; "all" adds the gap
                        statistic and stability (B = 20 each unless --gap-b / --stability-b say otherwise)
  --gap-b N             gap statistic with N uniform reference sets (Tibshirani et al. 2001; clusGap rule)
  --stability-b N       stability with N bootstrap resamples (ARI and per-segment Jaccard, Hennig 2007)
  --algorithm NAME      kmeans (default) | minibatch | ward | complete | average | single | dbscan | gmm |
                        hdbscan
                        (ward … single: agglomerative clustering with that linkage, one tree cut at every k;
                        above 20,000 rows (30,000 for single) it links 500 k-means micro-clusters and says so)
  --n-init N            restarts per k: k-means (default 10), mini-batch (3), gmm (1)
  --eps X               DBSCAN neighbourhood radius in prepared (scaled) units (default: the knee of the
                        k-distance curve); DBSCAN finds its own number of clusters, noise rows get segment -1
  --min-pts N           DBSCAN points within eps for a core point, the point itself included (default 5)
  --min-cluster-size N  HDBSCAN fewest rows in a segment (default 5); HDBSCAN finds its own number of
                        clusters, noise rows get segment -1; at most 50,000 rows (its time grows with rows²)
  --min-samples N       HDBSCAN neighbours, the row itself included, for a row's core distance (default:
                        the minimum cluster size)
  --covariance TYPE     gmm: full (default) | diag | spherical | tied
  --batch-size N        minibatch: rows per step (default 1024)
  --seed N              random seed (default 0)
  --accept-skipped      go on when lines of the input could not be read as rows (ragged rows, notes,
                        conflict markers, …): keep the readable rows; recorded in the recipe as acceptSkipped.
                        Without it (or a recipe that accepted as many), such a file is refused with the reasons
  --skipped-out FILE    write the skipped lines (line, reason, original text) as CSV
  --recipe FILE.json    take every choice from a recipe downloaded from the page
  --save-recipe FILE    write the recipe of this run
  --out FILE            labelled CSV: every input row, in order, plus segment and status
  --model FILE          model file for scoring new customers (segment-lab score): Recipe, fitted preparation, centres, names
  --report FILE         JSON report: per k every metric, sizes, centres in original units; the recommended k and its reasons
  --rules FILE          segment rules as JSON (IMM threshold tree; ExKMC with --rule-leaves): the tree, each segment's
                        rules with coverage and precision, the rule-based segment of every clustered row, the cost
                        ratio; with --out, a segment_by_rules column is added to the CSV
  --rule-leaves N       leaves of the rule tree, k (default, one rule per segment) … 4k (more rules, closer to the clusters)
  --rules-sql FILE      the same rules as SQL WHERE clauses and a CASE expression giving segment_by_rules
  -h, --help            this text`;

export interface RunArgs {
	input: string;
	columns?: string[];
	scale?: string;
	missing?: string;
	k?: number;
	kRange?: [number, number];
	nInit?: number;
	algorithm?: string;
	eps?: number;
	minPts?: number;
	minClusterSize?: number;
	minSamples?: number;
	covariance?: string;
	batchSize?: number;
	seed?: number;
	metricsAll?: boolean;
	gapB?: number;
	stabilityB?: number;
	acceptSkipped?: boolean;
	skippedOut?: string;
	recipe?: string;
	saveRecipe?: string;
	out?: string;
	report?: string;
	model?: string;
	rules?: string;
	ruleLeaves?: number;
	rulesSql?: string;
}

function usageError(message: string): never {
	throw new EngineError('bad-parameter', message, 'Run `segment-lab --help` for the options.');
}

function int(name: string, v: string | undefined): number | undefined {
	if (v === undefined) return undefined;
	if (!/^\d+$/.test(v)) usageError(`--${name} must be a whole number, not "${v}".`);
	return Number(v);
}

export function parseRunArgs(argv: string[]): RunArgs {
	const { values } = parseArgs({
		args: argv,
		strict: true,
		options: {
			input: { type: 'string' },
			columns: { type: 'string' },
			scale: { type: 'string' },
			missing: { type: 'string' },
			k: { type: 'string' },
			'k-range': { type: 'string' },
			'n-init': { type: 'string' },
			algorithm: { type: 'string' },
			eps: { type: 'string' },
			'min-pts': { type: 'string' },
			'min-cluster-size': { type: 'string' },
			'min-samples': { type: 'string' },
			covariance: { type: 'string' },
			'batch-size': { type: 'string' },
			seed: { type: 'string' },
			metrics: { type: 'string' },
			'gap-b': { type: 'string' },
			'stability-b': { type: 'string' },
			'accept-skipped': { type: 'boolean' },
			'skipped-out': { type: 'string' },
			recipe: { type: 'string' },
			'save-recipe': { type: 'string' },
			out: { type: 'string' },
			report: { type: 'string' },
			model: { type: 'string' },
			rules: { type: 'string' },
			'rule-leaves': { type: 'string' },
			'rules-sql': { type: 'string' }
		}
	});
	if (!values.input) usageError('--input is required.');
	let kRange: [number, number] | undefined;
	if (values['k-range'] !== undefined) {
		const m = /^(\d+)\.\.(\d+)$/.exec(values['k-range']);
		if (!m) usageError(`--k-range must look like 2..10, not "${values['k-range']}".`);
		kRange = [Number(m[1]), Number(m[2])];
	}
	if (values.metrics !== undefined && values.metrics !== 'all' && values.metrics !== 'default') usageError(`--metrics must be "all" or "default", not "${values.metrics}".`);
	const flags = ['columns', 'scale', 'missing', 'k', 'k-range', 'n-init', 'seed', 'algorithm', 'eps', 'min-pts', 'min-cluster-size', 'min-samples', 'covariance', 'batch-size'] as const;
	const algorithms = ['kmeans', 'minibatch', 'ward', 'complete', 'average', 'single', 'dbscan', 'gmm', 'hdbscan'];
	if (values.algorithm !== undefined && !algorithms.includes(values.algorithm)) usageError(`--algorithm must be one of ${algorithms.join(', ')}, not "${values.algorithm}".`);
	if (values.covariance !== undefined && !['full', 'diag', 'spherical', 'tied'].includes(values.covariance)) usageError(`--covariance must be full, diag, spherical or tied, not "${values.covariance}".`);
	let eps: number | undefined;
	if (values.eps !== undefined) {
		eps = Number(values.eps);
		if (!(eps > 0) || !Number.isFinite(eps)) usageError(`--eps must be a number above 0, not "${values.eps}".`);
	}
	if (values.recipe && flags.some((f) => values[f] !== undefined)) {
		usageError(`--recipe replaces ${flags.map((f) => `--${f}`).join(', ')}: give one or the other.`);
	}
	return {
		input: values.input,
		columns: values.columns?.split(',').map((s) => s.trim()).filter(Boolean),
		scale: values.scale,
		missing: values.missing,
		k: int('k', values.k),
		kRange,
		nInit: int('n-init', values['n-init']),
		algorithm: values.algorithm,
		eps,
		minPts: int('min-pts', values['min-pts']),
		minClusterSize: int('min-cluster-size', values['min-cluster-size']),
		minSamples: int('min-samples', values['min-samples']),
		covariance: values.covariance,
		batchSize: int('batch-size', values['batch-size']),
		seed: int('seed', values.seed),
		metricsAll: values.metrics === 'all',
		gapB: int('gap-b', values['gap-b']),
		stabilityB: int('stability-b', values['stability-b']),
		acceptSkipped: values['accept-skipped'] === true,
		skippedOut: values['skipped-out'],
		recipe: values.recipe,
		saveRecipe: values['save-recipe'],
		out: values.out,
		report: values.report,
		model: values.model,
		rules: values.rules,
		ruleLeaves: int('rule-leaves', values['rule-leaves']),
		rulesSql: values['rules-sql']
	};
}

/**
 * The `segment-lab` command line: arguments and file I/O, then engine/analyse.ts — the same engine the page runs
 * in its worker, so a Recipe gives the same labels here as in the browser.
 */
import { collectGarbage, LARGE_RUN_ROWS, releaseUnusedColumns } from './memory';
import { analyse, prepareRun } from '../lib/engine/analyse';
import { prepare } from '../lib/engine/prep/prepare';
import { pcaFeatures } from '../lib/engine/project/pca-features';
import { fingerprint } from '../lib/engine/data/fingerprint';
import { profileTable } from '../lib/engine/data/profile';
import { EngineError, toErrorInfo } from '../lib/engine/errors';
import { resultsCsvChunks } from '../lib/engine/export/csv';
import { segmentNamesFor } from '../lib/engine/profile/naming';
import { buildCustomerTable, RFM_COLUMNS } from '../lib/engine/prep/rfm-table';
import { describeBuild, detectTransactionLog } from '../lib/engine/prep/transaction-log';
import { defaultNotes, withoutTransforms } from '../lib/engine/prep/default-prep';
import { recipeForTable } from '../lib/engine/recipe-for-table';
import { kRangeProblem, maxSupportedK } from '../lib/engine/k-limit';
import type { RfmSpec } from '../lib/engine/prep/rfm-spec';
import { runReport } from '../lib/engine/export/report';
import { withCategoricalFeatures } from '../lib/engine/mixed-features';
import { mixedAssignment } from '../lib/engine/export/model';
import { DEFAULT_ALGORITHMS, hasK, isMixedAlgorithm, sourceDifferences, validateRecipe, type AlgorithmSpec, type CovarianceKind, type Recipe } from '../lib/engine/recipe';
import { kDistance, suggestEps } from '../lib/engine/cluster/k-distance';
import { algorithmLines, algorithmReport } from '../lib/engine/algorithm-report';
import type { FeatureMatrix, Table } from '../lib/engine/types';
import { checkSkipped, readTable } from './input';
import { checkWritable, say, stdoutCarriesData, writeOutput } from './io';
import { parseRunArgs, RUN_SPEC, type RunArgs } from './args';
import { projectCommand } from './project';
import { scoreCommand } from './score';
import { ArgumentError, checkAlgorithm } from './flag-table';
import { COMMANDS, helpAnswer, version } from './help';
import { checkFeatures, checkK, readRecipe } from './run-checks';
import { buildModel } from '../lib/engine/export/model';
import { rowColumns } from '../lib/engine/export/row-metrics';
import { hdbscanColumns } from '../lib/engine/export/hdbscan-columns';
import { DEFAULT_B } from '../lib/engine/evidence';
import { gapDPowerLabel } from '../lib/engine/metrics/gap-within';
import type { AnalysisResult } from '../lib/engine/analyse';
import { writeRules } from './rules';
import { fittedStart, pysparkScript, pysparkStart, sklearnScript } from '../lib/engine/export/python';
import { trackCommand } from './track';
import { teamForRun } from './kmeans-threads';

/** Every metric per k, one line per k. */
export function metricsTable(result: AnalysisResult): string {
	const gap = result.perK.some((s) => s.gap);
	const stab = result.perK.some((s) => s.stability);
	const mixed = result.perK[0]?.mixed;
	const head = ['k', mixed ? 'cost' : 'inertia', mixed ? 'silhouette_gower' : 'silhouette', 'davies_bouldin', 'calinski_harabasz', ...(gap ? ['gap', 'gap_se'] : []), ...(stab ? ['stability_ari', 'segments_stable'] : [])];
	const rows = [head];
	if (result.gapK1) rows.push(['1', '', '', '', '', result.gapK1.gap.toFixed(4), result.gapK1.se.toFixed(4), ...(stab ? ['', ''] : [])]);
	for (const s of result.perK) {
		rows.push([
			String(s.k), s.inertia.toPrecision(6),
			s.silhouette.toFixed(4) + (s.silhouetteCi ? ` ±${((s.silhouetteCi[1] - s.silhouetteCi[0]) / 2).toFixed(4)}` : ''),
			Number.isNaN(s.daviesBouldin) ? 'n/a' : s.daviesBouldin.toFixed(4), Number.isNaN(s.calinskiHarabasz) ? 'n/a' : s.calinskiHarabasz.toPrecision(6),
			...(gap ? [s.gap ? s.gap.gap.toFixed(4) : '', s.gap ? s.gap.se.toFixed(4) : ''] : []),
			...(stab ? [s.stability ? s.stability.meanAri.toFixed(3) : '', s.stability ? `${s.stability.labels.filter((l) => l === 'stable').length}/${s.k}` : ''] : [])
		]);
	}
	const w = head.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
	const dPower = result.perK.find((s) => s.gap)?.gap?.dPower;
	const gapNote = dPower ? `\ngap: ${gapDPowerLabel(dPower)}, B = ${result.perK.find((s) => s.gap)!.gap!.B} (--gap-d-power 1|2)` : '';
	return rows.map((r) => r.map((c, j) => c.padStart(w[j])).join('  ')).join('\n') + gapNote;
}

/** Exit code 2 for everything the user can fix (arguments, input, files); 1 for a bug. */
export function reportError(err: unknown): number {
	const info = toErrorInfo(err);
	const fsCode = err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code) ? err.code : null;
	if (info.code !== 'internal') {
		console.error(`segment-lab: ${info.message}`);
		if (info.hint) console.error(info.hint);
		return 2;
	}
	if (fsCode) {
		// A file that cannot be opened, read or written (missing folder, no permission, disk full): the user's to fix.
		console.error(`segment-lab: ${(err as Error).message}`);
		return 2;
	}
	const detail = err instanceof Error ? err.message : String(err);
	console.error(`segment-lab: internal error: ${detail}`);
	console.error(`This is a bug in segment-lab ${version}. Please report it with the command you ran and, if you can, the file (or its first lines).`);
	if (process.env.SEGMENT_LAB_DEBUG && err instanceof Error && err.stack) console.error(err.stack);
	return 1;
}

export async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	stdoutCarriesData(false);
	try {
		const answer = helpAnswer(argv);
		if (answer) {
			(answer.toStderr ? console.error : console.log)(answer.text);
			return answer.code;
		}
		const spec = COMMANDS.find((s) => s.name === command);
		if (!spec) throw new ArgumentError(`unknown command "${command}": the commands are ${COMMANDS.map((c) => c.name).join(', ')}.`);
		if (command === 'run') return await run(parseRunArgs(rest));
		if (command === 'project') return await projectCommand(rest);
		if (command === 'track') return await trackCommand(rest);
		return await scoreCommand(rest);
	} catch (err) {
		return reportError(err);
	}
}

/** Each table is profiled once per run (the log check, the default recipe and its notes all read the profile). */
const profiles = new WeakMap<Table, ReturnType<typeof profileTable>>();
function profileOf(table: Table): ReturnType<typeof profileTable> {
	let p = profiles.get(table);
	if (!p) profiles.set(table, (p = profileTable(table)));
	return p;
}

/**
 * The default path on a transaction log (--rfm auto, no recipe): one row per customer, built as the page's
 * "Build customer features" builds it; null when the file is not a log, or --rfm off, or --columns name the log's own columns.
 */
export function autoCustomers(args: RunArgs, loaded: Table): { table: Table; spec: RfmSpec; line: string } | null {
	if (args.recipe || args.rfm === 'off') return null;
	const spec = detectTransactionLog(profileOf(loaded), loaded.rowCount);
	if (!spec) return null;
	if (args.columns && !args.columns.every((c) => RFM_COLUMNS.includes(c))) return null;
	const table = buildCustomerTable(loaded, spec).table;
	return { table, spec, line: `${loaded.name}: ${describeBuild(spec, table.rowCount, loaded.rowCount)}; the output has one row per customer (--rfm off clusters the lines as they are).` };
}

export function recipeFromArgs(args: RunArgs, table: Table, log: { table: Table; spec: RfmSpec } | null = null): Recipe {
	const source = fingerprint(log ? log.table : table);
	const skipped = (log ? log.table : table).skipped?.count ?? 0;
	const accepted = (r: Recipe): Recipe => (args.acceptSkipped && skipped > 0 ? { ...r, acceptSkipped: skipped } : r);
	// --metrics all / --gap-b / --stability-b: evidence on request (also on top of a recipe).
	const gapB = args.gapB ?? (args.metricsAll ? DEFAULT_B : undefined);
	const stabilityB = args.stabilityB ?? (args.metricsAll ? DEFAULT_B : undefined);
	const gapDPower = args.gapDPower;
	const withEvidence = (r: Recipe): Recipe =>
		gapB === undefined && stabilityB === undefined && gapDPower === undefined ? r : validateRecipe({ ...r, evidence: { ...r.evidence, ...(gapB !== undefined && { gapB }), ...(gapDPower !== undefined && { gapDPower }), ...(stabilityB !== undefined && { stabilityB }) } });
	if (args.recipe) {
		const recipe = readRecipe(args.recipe);
		// Flags given beside a recipe (--metrics, --gap-b, --stability-b) must still apply to its algorithm.
		checkAlgorithm(RUN_SPEC, args as unknown as Record<string, unknown>, recipe.algorithm.name === 'hierarchical' ? recipe.algorithm.linkage : recipe.algorithm.name);
		for (const d of sourceDifferences(recipe, source)) console.error(`segment-lab: note: ${d}.`);
		return withEvidence(accepted({ ...recipe, source }));
	}
	const recipe = accepted(recipeForTable(source, profileOf(table), log?.spec ?? null));
	if (args.transforms === 'none') recipe.prep.columns = withoutTransforms(recipe.prep.columns);
	if (args.columns) recipe.features = args.columns;
	if (args.scale) recipe.prep.scale = args.scale as Recipe['prep']['scale'];
	if (args.missing) recipe.prep.missing = args.missing as Recipe['prep']['missing'];
	recipe.algorithm = algorithmFromArgs(args, table, recipe);
	// PAM and k-prototypes are chosen for categories: without --columns they use the categorical columns too.
	if (isMixedAlgorithm(recipe.algorithm) && !args.columns) {
		const { features, added } = withCategoricalFeatures(profileOf(table), recipe.features, recipe.idColumn);
		recipe.features = features;
		if (added.length) say(`note: --algorithm ${recipe.algorithm.name} compares categories as categories, so the categorical column(s) ${added.join(', ')} join the numeric features (--columns chooses others).`);
	}
	checkFeatures(table, recipe);
	if (args.seed !== undefined) recipe.seed = args.seed;
	if (args.kRange) recipe.kRange = args.kRange;
	else if (args.k !== undefined) recipe.kRange = [args.k, args.k];
	if (args.k !== undefined) recipe.k = args.k;
	// Beyond rows − 1 run-checks.ts's checkK says why; below it, about 5 rows per segment are needed (k-limit.ts).
	const tooMany = hasK(recipe.algorithm) && (args.kRange || args.k !== undefined) && recipe.kRange[1] < table.rowCount ? kRangeProblem(recipe.kRange[1], table.rowCount) : null;
	if (tooMany) throw new EngineError('bad-parameter', tooMany, `Choose --k or --k-range up to ${maxSupportedK(table.rowCount)}.`);
	return withEvidence(validateRecipe(recipe));
}

/** --algorithm and its parameters; DBSCAN without --eps takes the knee of the k-distance curve. */
function algorithmFromArgs(args: RunArgs, table: Table, recipe: Recipe): AlgorithmSpec {
	const name = args.algorithm ?? 'kmeans';
	const nInit = args.nInit !== undefined ? { nInit: args.nInit } : {};
	switch (name) {
		case 'minibatch':
			return { ...DEFAULT_ALGORITHMS.minibatch, ...nInit, ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}) };
		case 'ward': case 'complete': case 'average': case 'single':
			return { name: 'hierarchical', linkage: name };
		case 'gmm':
			return { ...DEFAULT_ALGORITHMS.gmm, ...nInit, ...(args.nInit !== undefined ? { moreRestarts: false } : {}), ...(args.covariance ? { covariance: args.covariance as CovarianceKind } : {}) };
		case 'dbscan': {
			const minPts = args.minPts ?? DEFAULT_ALGORITHMS.dbscan.minPts;
			let eps = args.eps;
			if (eps === undefined) {
				const { matrix } = prepareRun(table, validateRecipe(recipe));
				// Three significant digits, as the page offers it, so both give the same recipe.
				eps = Number(suggestEps(kDistance(matrix.data, matrix.rows, matrix.cols, Math.min(minPts, matrix.rows))).toPrecision(3));
				console.error(`segment-lab: note: no --eps given; using ${eps}, the knee of the ${minPts}-distance curve.`);
			}
			return { name: 'dbscan', eps, minPts };
		}
		case 'pam':
			return { name: 'pam' };
		case 'kprototypes':
			return { ...DEFAULT_ALGORITHMS.kprototypes, ...nInit, ...(args.gamma !== undefined ? { gamma: args.gamma } : {}) };
		case 'hdbscan':
			return {
				...DEFAULT_ALGORITHMS.hdbscan,
				...(args.minClusterSize !== undefined ? { minClusterSize: args.minClusterSize } : {}),
				...(args.minSamples !== undefined ? { minSamples: args.minSamples } : {})
			};
		default:
			// An explicit --n-init is exactly that many restarts (no extra restarts on small data).
			return { ...DEFAULT_ALGORITHMS.kmeans, ...nInit, ...(args.nInit !== undefined ? { moreRestarts: false } : {}), ...(args.kmeansRefine === 'hartigan-all' ? { refine: 'hartigan', refineMaxRows: null } : args.kmeansRefine ? { refine: args.kmeansRefine } : {}) };
	}
}

async function run(args: RunArgs): Promise<number> {
	stdoutCarriesData(args.out === '-' || args.json === true);
	checkWritable([args.out, args.model, args.report, args.saveRecipe, args.skippedOut, args.rules, args.rulesSql, args.python, args.pyspark]);
	const loaded = await readTable(args.input);
	const auto = autoCustomers(args, loaded);
	if (auto) say(auto.line);
	const recipe = auto ? recipeFromArgs(args, auto.table, { table: loaded, spec: auto.spec }) : recipeFromArgs(args, loaded);
	await checkSkipped(loaded, recipe.acceptSkipped, args.skippedOut);
	// A recipe made on customer features built from a transaction log rebuilds them from the same log.
	const table = auto ? auto.table : recipe.rfm ? buildCustomerTable(loaded, recipe.rfm).table : loaded;
	checkFeatures(table, recipe);
	checkK(table, recipe, args);
	if (recipe.rfm) for (const note of table.notes) say(`note: ${note}`);
	if (!args.recipe) for (const note of defaultNotes(profileOf(table), recipe.features, recipe.prep.columns)) say(`note: ${note}`);
	// A large file: only the features' parsed values stay; garbage is collected between phases (memory.ts).
	const large = table.rowCount >= LARGE_RUN_ROWS;
	if (large) releaseUnusedColumns(table, recipe.features);
	const labelled = await analyseAndReport(args, table, recipe, large ? collectGarbage : undefined);
	// The analysis result is out of scope here, so its arrays can go before the labelled file needs memory.
	if (large) collectGarbage();
	if (args.out && labelled) {
		await writeOutput(args.out, resultsCsvChunks(table, { ...labelled, extra: [...labelled.extra, ...labelled.hdbscan, ...labelled.rules] }));
		if (args.out !== '-') say(`wrote ${args.out}`);
	}
	return 0;
}

/** What the labelled file needs of a run: labels, rows, names, and the per-row columns computed when written. */
interface Labelled {
	rowIndex: Int32Array;
	status: Uint8Array;
	labels: Int32Array;
	names: string[];
	extra: { name: string; values: ArrayLike<number> }[];
	hdbscan: { name: string; values: ArrayLike<number> }[];
	/** segment_by_rules, when --rules asked for rules. */
	rules: { name: string; values: ArrayLike<number> }[];
	/** Distinct rows only: the row each repeat repeats (it gets that row's segment). */
	repeatOf?: Int32Array;
}

/** Runs the analysis, prints it (or the JSON report), writes --model, --report and --save-recipe. */
async function analyseAndReport(args: RunArgs, table: Table, recipe: Recipe, betweenPhases?: () => void): Promise<Labelled | null> {
	const started = Date.now();
	// Large k-means runs use every core (engine/cluster/kmeans-team.ts; same labels as on one thread).
	const team = await teamForRun(table.rowCount);
	let result: ReturnType<typeof analyse>;
	try {
		// No per-row projection scores: the command line draws no map (rowScores, analyse.ts).
		result = analyse(table, recipe, {
			onProgress: process.stderr.isTTY ? (p) => process.stderr.write(`\r${p.stage.padEnd(60).slice(0, 60)} ${Math.round(p.fraction * 100)}%`) : undefined
		}, { rowScores: false, keepMatrix: !!args.out, betweenPhases });
	} finally {
		await team?.close();
	}
	if (process.stderr.isTTY) process.stderr.write('\n');
	const k = result.chosenK;
	const idx = result.perK.findIndex((s) => s.k === k);
	const summary = result.perK[idx];
	// DBSCAN and HDBSCAN: noise is counted apart from the rows in segments, and inertia does not apply to them.
	const noise = summary.dbscan?.noise ?? summary.hdbscan?.noise ?? 0;
	const found = recipe.algorithm.name === 'dbscan' ? 'DBSCAN' : recipe.algorithm.name === 'hdbscan' ? 'HDBSCAN' : null;
	const rows = found
		? `${result.rowsClustered - noise} of ${result.rowCount} rows in segments, ${noise} noise rows`
		: `${result.rowsClustered} of ${result.rowCount} rows clustered`;
	const why = found ? ` (found by ${found})` : k === result.recommendation.k ? (result.recommendation.single ? ' (the only k tried)' : ' (the recommended k)') : ` (chosen; the recommended k is ${result.recommendation.k})`;
	const cost = summary.mixed ? (summary.mixed.algorithm === 'pam' ? 'sum of Gower distances to the medoids' : 'k-prototypes cost') : 'inertia';
	say(
		`${table.name}: ${rows} on ${result.features.length} features; k = ${k}${why}, silhouette${summary.mixed ? ' (Gower)' : ''} ${summary.silhouette.toFixed(4)}` +
			`${found ? '' : `, ${cost} ${summary.inertia.toFixed(4)}`}; ${Date.now() - started} ms.`
	);
	for (const note of result.notes) say(`note: ${note}`);
	const report = () => ({ ...runReport(result), algorithmOutputs: algorithmReport(result) });
	if (args.json) await writeOutput('-', [JSON.stringify(report(), null, 2) + '\n']);
	else printTable(result, recipe);
	await writeOutputs(args, table, recipe, result, report);
	// --rules / --rules-sql: written now; with --out, their segment_by_rules column joins the labelled file.
	const byRules = await writeRules(table, () => result.matrix ?? clusteredMatrix(table, recipe), result.labels[idx], summary, segmentNamesFor(summary.sizes, summary.profile?.personas, recipe.segmentNames, k), args, recipe.seed);
	if (!args.out) return null;
	const { modelCenters, gmm, mixed } = summary;
	const labels = result.labels[idx];
	return {
		rowIndex: result.rowIndex,
		status: result.status,
		labels,
		names: segmentNamesFor(summary.sizes, summary.profile?.personas, recipe.segmentNames, k),
		// The same per-row columns as the page's download (silhouette, distance to centre, GMM probabilities), from the
		// run's own clustered matrix, which goes with the result (preparing it again cost 7 doubles a row at the peak).
		extra: modelCenters ? rowColumns(result.matrix!, labels, modelCenters, gmm?.probs, mixedAssignment(mixed)) : [],
		hdbscan: hdbscanColumns(summary.hdbscan),
		rules: byRules ? [byRules] : [],
		...(result.repeatOf ? { repeatOf: result.repeatOf } : {})
	};
}

/** The matrix the run clustered: the prepared features, or their first principal components (recipe.pcaComponents). */
function clusteredMatrix(table: Table, recipe: Recipe): FeatureMatrix {
	const prepared = prepare(table, recipe);
	return recipe.pcaComponents != null ? pcaFeatures(prepared, recipe.pcaComponents).matrix : prepared;
}

/** The metrics table, the recommendation and the segments, for a person reading the terminal. */
function printTable(result: AnalysisResult, recipe: Recipe): void {
	const k = result.chosenK;
	const summary = result.perK.find((s) => s.k === k)!;
	say(metricsTable(result));
	for (const line of algorithmLines(result)) say(line);
	// DBSCAN and HDBSCAN have one k, their own: there is nothing to recommend between.
	if (hasK(recipe.algorithm)) {
		const rec = result.recommendation;
		say(rec.single ? `k = ${rec.k}, the only k tried:` : `recommended k = ${rec.k}`);
		for (const r of rec.reasons) say(`  - ${r.text}`);
	}
	if (summary.profile) {
		const names = segmentNamesFor(summary.sizes, summary.profile.personas, recipe.segmentNames, k);
		say(`segments at k = ${k}:`);
		summary.profile.personas.forEach((p, s) => say(`  ${s + 1}. ${names[s]} (${summary.sizes[s]} rows) — ${p.reason.slice(p.name.length + 2)}; suggested action: ${p.action}`));
		for (const w of summary.profile.warnings) say(`warning: ${w}`);
	}
}

/** --model, --report, --save-recipe, each streamed to its file. */
async function writeOutputs(args: RunArgs, table: Table, recipe: Recipe, result: AnalysisResult, report: () => object): Promise<void> {
	const k = result.chosenK;
	const idx = result.perK.findIndex((s) => s.k === k);
	const summary = result.perK[idx];
	const json = (value: unknown) => [JSON.stringify(value, null, 2) + '\n'];
	const wrote = (path: string) => {
		if (path !== '-') say(`wrote ${path}`);
	};
	if (args.model) {
		const names = segmentNamesFor(summary.sizes, summary.profile?.personas, recipe.segmentNames, k);
		const model = buildModel(table, { recipe, source: result.source, fitted: result.fitted, rowIndex: result.rowIndex, rowCount: result.rowCount, summary: { ...summary, ...(summary.gmm?.mixture ? { mixture: { covarianceType: summary.gmm.covariance, ...summary.gmm.mixture } } : {}) }, names });
		await writeOutput(args.model, json(model));
		wrote(args.model);
	}
	if (args.report) {
		await writeOutput(args.report, json(report()));
		wrote(args.report);
	}
	if (args.python) {
		await writeOutput(args.python, [sklearnScript({ ...recipe, k }, result.fitted, k, fittedStart(summary))]);
		wrote(args.python);
	}
	if (args.pyspark) {
		await writeOutput(args.pyspark, [pysparkScript({ ...recipe, k }, result.fitted, k, pysparkStart(summary))]);
		wrote(args.pyspark);
	}
	if (args.saveRecipe) {
		// DBSCAN and HDBSCAN find their own number of clusters: their recipe reruns the algorithm, not a count.
		await writeOutput(args.saveRecipe, json({ ...recipe, k: hasK(recipe.algorithm) ? k : null }));
		wrote(args.saveRecipe);
	}
}

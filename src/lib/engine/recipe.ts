/**
 * The Recipe: one serializable description of an analysis. Same Recipe + same data = the same labels, in the
 * browser and in Node. Everything the user chooses is here; fitted values are outputs and live elsewhere.
 */
import type { SourceFingerprint } from './data/fingerprint';
import { EngineError } from './errors';
import { entriesOf, nameRecord } from './names';
import { validateRfmSpec, type RfmSpec } from './prep/rfm-spec';
import { defaultColumnPrep } from './prep/default-prep';
import { HARTIGAN_DEFAULT_MAX_ROWS } from './cluster/kmeans-refine';
import type { ColumnKind, ColumnProfile, MissingStrategy, OutlierAction, OutlierMethod, ScaleMethod } from './types';
export type { MissingStrategy, ScaleMethod } from './types';

/** 2 added per-column preparation, outlier rules, type overrides and RFM; version-1 recipes are upgraded on reading. */
export const RECIPE_VERSION = 2;

export const MISSING_STRATEGIES: MissingStrategy[] = ['drop', 'mean', 'median', 'mode', 'constant'];
export const SCALE_METHODS: ScaleMethod[] = ['zscore', 'minmax', 'robust', 'none'];
export const COLUMN_KINDS: ColumnKind[] = ['numeric', 'categorical', 'boolean', 'datetime', 'id', 'constant', 'empty'];

/** Per-column preparation; anything left out follows the recipe-wide default. */
export interface ColumnPrep {
	missing?: MissingStrategy;
	/** The replacement under missing = "constant" (a number, or a level for a categorical column). */
	fillValue?: number | string;
	/** log(1 + x), for skewed non-negative columns (on by default where skewness > 2: prep/default-prep.ts). */
	log1p?: boolean;
	/** Yeo-Johnson power transform with a fitted lambda (scikit-learn's PowerTransformer), for skewed columns with negatives. */
	yeoJohnson?: boolean;
	/** Clip to these percentiles (0–100) of the column, fitted on the data. */
	clip?: [number, number] | null;
	scale?: ScaleMethod;
	/** Multiplies the column's distances after scaling (default 1). */
	weight?: number;
	/** Allow one-hot encoding of a categorical column with more than MAX_LEVELS levels. */
	allowManyLevels?: boolean;
}

export interface OutlierSpec {
	method: OutlierMethod;
	/** k in Q1 − k·IQR … Q3 + k·IQR, or |z| > k. */
	threshold: number;
	action: OutlierAction;
}

export interface PrepSpec {
	/** Default for every feature. */
	missing: MissingStrategy;
	/** Default for every numeric feature. */
	scale: ScaleMethod;
	outliers: OutlierSpec;
	columns: Record<string, ColumnPrep>;
	/**
	 * Cluster each distinct feature vector once: a row with the same feature values as an earlier row is a repeat,
	 * left out of every fit and given its first occurrence's segment in the export (the duplicated-block remedy,
	 * profile/extreme-segments.ts). Absent = false.
	 */
	distinctRows?: boolean;
}

export const NO_OUTLIERS: OutlierSpec = { method: 'none', threshold: 1.5, action: 'flag' };

export interface KMeansSpec {
	name: 'kmeans';
	nInit: number;
	maxIter: number;
	tol: number;
	/** Hartigan–Wong single-row moves after Lloyd (cluster/kmeans-hartigan.ts); absent = 'none' (older recipes). */
	refine?: 'hartigan' | 'none';
	/** With refine 'hartigan': the moves only on data of at most this many clustered rows (cluster/kmeans-refine.ts); absent or null = at any size (older recipes). */
	refineMaxRows?: number | null;
	/** 100 restarts instead of nInit on data of at most 250,000 values (cluster/kmeans-restarts.ts); absent = false. */
	moreRestarts?: boolean;
}

/** Mini-batch k-means (scikit-learn MiniBatchKMeans) for large row counts. */
export interface MiniBatchSpec {
	name: 'minibatch';
	batchSize: number;
	nInit: number;
	maxIter: number;
	reassignmentRatio: number;
}

export type LinkageMethod = 'ward' | 'complete' | 'average' | 'single';
export const LINKAGE_METHODS: LinkageMethod[] = ['ward', 'complete', 'average', 'single'];

/** Agglomerative clustering: one tree, cut at every k. */
export interface HierarchicalSpec {
	name: 'hierarchical';
	linkage: LinkageMethod;
}

/** DBSCAN has no k: eps and minPts decide the clusters; noise rows get segment −1. */
export interface DbscanSpec {
	name: 'dbscan';
	eps: number;
	/** Points within eps needed for a core point, the point itself included (scikit-learn's min_samples). */
	minPts: number;
}

/**
 * HDBSCAN (Campello, Moulavi & Sander 2013) has no k either: it picks the most stable clusters of a density
 * hierarchy; noise rows get segment −1.
 */
export interface HdbscanSpec {
	name: 'hdbscan';
	/** Fewest rows a segment may have (scikit-learn's min_cluster_size). */
	minClusterSize: number;
	/** Neighbours, the row itself included, that set a row's core distance; absent or null = minClusterSize. */
	minSamples?: number | null;
	/** How clusters are chosen from the condensed tree: excess of mass (the default) or its leaves. */
	selection?: 'eom' | 'leaf';
}

export type CovarianceKind = 'full' | 'diag' | 'spherical' | 'tied';
export const COVARIANCE_KINDS: CovarianceKind[] = ['full', 'diag', 'spherical', 'tied'];

/** Gaussian mixture fitted by EM (scikit-learn GaussianMixture). */
export interface GmmSpec {
	name: 'gmm';
	covariance: CovarianceKind;
	nInit: number;
	maxIter: number;
	tol: number;
	regCovar: number;
	/** Up to 30 restarts on smaller data (cluster/gmm-restarts.ts); absent = false (older recipes). */
	moreRestarts?: boolean;
}

/**
 * PAM (k-medoids) on Gower distances, for numbers mixed with categories (cluster-mixed.ts): equal to R's
 * cluster::pam(daisy(x, "gower")). Deterministic (no seed), at most GOWER_MAX_ROWS rows.
 */
export interface PamSpec {
	name: 'pam';
}

/** k-prototypes (Huang 1998) for numbers mixed with categories, without a distance matrix (cluster/kprototypes.ts). */
export interface KPrototypesSpec {
	name: 'kprototypes';
	/** Weight of a categorical mismatch; null = Huang's rule (half the mean standard deviation of the numeric features). */
	gamma: number | null;
	nInit: number;
	/** Reallocation passes at most. */
	maxPasses: number;
}

export type AlgorithmSpec = KMeansSpec | MiniBatchSpec | HierarchicalSpec | DbscanSpec | GmmSpec | HdbscanSpec | PamSpec | KPrototypesSpec;
export type AlgorithmName = AlgorithmSpec['name'];
export const ALGORITHM_NAMES: AlgorithmName[] = ['kmeans', 'minibatch', 'hierarchical', 'dbscan', 'gmm', 'hdbscan', 'pam', 'kprototypes'];

/** The algorithms that compare categories as categories (Gower, k-prototypes) instead of one-hot indicators. */
export function isMixedAlgorithm(alg: AlgorithmSpec): alg is PamSpec | KPrototypesSpec {
	return alg.name === 'pam' || alg.name === 'kprototypes';
}

/** Defaults of every algorithm: scikit-learn 1.2's (KMeans, MiniBatchKMeans, AgglomerativeClustering, DBSCAN, GaussianMixture). */
export const DEFAULT_ALGORITHMS: { [N in AlgorithmName]: Extract<AlgorithmSpec, { name: N }> } = {
	kmeans: { name: 'kmeans', nInit: 10, maxIter: 300, tol: 1e-4, refine: 'hartigan', refineMaxRows: HARTIGAN_DEFAULT_MAX_ROWS, moreRestarts: true },
	minibatch: { name: 'minibatch', batchSize: 1024, nInit: 3, maxIter: 100, reassignmentRatio: 0.01 },
	hierarchical: { name: 'hierarchical', linkage: 'ward' },
	dbscan: { name: 'dbscan', eps: 0.5, minPts: 5 },
	gmm: { name: 'gmm', covariance: 'full', nInit: 1, maxIter: 100, tol: 1e-3, regCovar: 1e-6, moreRestarts: true },
	// scikit-learn ≥ 1.3's HDBSCAN defaults (min_cluster_size=5, min_samples=None, excess of mass).
	hdbscan: { name: 'hdbscan', minClusterSize: 5, minSamples: null, selection: 'eom' },
	pam: { name: 'pam' },
	kprototypes: { name: 'kprototypes', gamma: null, nInit: 10, maxPasses: 100 }
};

/** Whether the algorithm clusters for a given k (everything but DBSCAN and HDBSCAN). */
export function hasK(alg: AlgorithmSpec): boolean {
	return alg.name !== 'dbscan' && alg.name !== 'hdbscan';
}

/** Evidence beyond the default metrics, on request (each costs B reclusterings per k). */
export interface EvidenceSpec {
	/** Reference sets for the gap statistic; null or 0 = not computed. */
	gapB?: number | null;
	/** The gap statistic's d.power (R clusGap): 2 = squared distances (default, Tibshirani et al.), 1 = distances. */
	gapDPower?: 1 | 2;
	/** Resamples for stability; null or 0 = not computed. */
	stabilityB?: number | null;
	stabilityScheme?: 'bootstrap' | 'subsample';
}

export interface Recipe {
	version: typeof RECIPE_VERSION;
	source: SourceFingerprint;
	/** Columns clustered on, in order. */
	features: string[];
	/** A column that identifies rows (kept in exports, never a feature). */
	idColumn: string | null;
	prep: PrepSpec;
	/** Column types chosen by the user over the inferred ones. */
	columnTypes: Record<string, ColumnKind>;
	/** When set, the loaded file is a transaction log and the analysis runs on the customer table built from it. */
	rfm: RfmSpec | null;
	algorithm: AlgorithmSpec;
	/** Gap statistic and stability settings; absent = neither (silhouette, Davies–Bouldin, Calinski–Harabasz always). */
	evidence?: EvidenceSpec;
	/** Cluster on the scores of the first m principal components of the prepared features; absent or null = on the features. */
	pcaComponents?: number | null;
	/** Inclusive range of k values to try. */
	kRange: [number, number];
	/** The chosen k; null = the recommended k (metrics/recommend.ts). */
	k: number | null;
	seed: number;
	/** Segment names the user chose, per k ("6": one name per segment, "" = the automatic name). Absent = automatic names. */
	segmentNames?: Record<string, string[]>;
	/**
	 * How many unreadable input records (ragged rows, notes, conflict markers, …) the user agreed to leave out.
	 * A run refuses a file with more skipped records than this (absent = 0), in the page and on the command line.
	 */
	acceptSkipped?: number;
	/** Rows the user left out of the run (1-based table rows, ascending), e.g. a selection on the map. */
	exclude?: { rows: number[] };
}

export const MAX_K = 30;

export function defaultRecipe(source: SourceFingerprint, profiles: ColumnProfile[]): Recipe {
	const features = profiles.filter((p) => p.suggestedFeature).map((p) => p.name);
	const id = profiles.find((p) => p.kind === 'id');
	return {
		version: RECIPE_VERSION,
		source,
		features,
		idColumn: id ? id.name : null,
		prep: { missing: 'median', scale: 'zscore', outliers: { ...NO_OUTLIERS }, columns: defaultColumnPrep(profiles) },
		columnTypes: nameRecord<ColumnKind>(),
		rfm: null,
		algorithm: { ...DEFAULT_ALGORITHMS.kmeans },
		// At most 10, and about 5 rows per segment at the largest k (k-limit.ts).
		kRange: [2, Math.min(10, Math.max(2, source.rows - 1), Math.max(2, Math.floor(source.rows / 5)))],
		k: null,
		seed: 0
	};
}

/** Checks a Recipe's shape and values (a file can hold anything); throws a specific EngineError. */
export function validateRecipe(value: unknown): Recipe {
	const bad = (what: string, hint = 'Download a fresh recipe from Segment Lab, or fix the field named.'): never => {
		throw new EngineError('bad-recipe', `The recipe is not valid: ${what}.`, hint);
	};
	if (!value || typeof value !== 'object') bad('it is not a JSON object');
	let r = value as Record<string, unknown>;
	if (r.version === 1) r = upgradeV1(r);
	if (r.version !== RECIPE_VERSION) bad(`its version is ${JSON.stringify(r.version)}, this Segment Lab reads versions 1 and ${RECIPE_VERSION}`);
	if (!Array.isArray(r.features) || r.features.length === 0 || !r.features.every((f) => typeof f === 'string')) bad('"features" must be a non-empty list of column names');
	const dup = (r.features as string[]).find((f, i, all) => all.indexOf(f) !== i);
	if (dup !== undefined) bad(`"features" names "${dup}" more than once`);
	if (r.idColumn !== null && typeof r.idColumn !== 'string') bad('"idColumn" must be a column name or null');
	validatePrep(r.prep, bad);
	const types = r.columnTypes;
	if (!types || typeof types !== 'object' || Array.isArray(types) || !Object.values(types).every((k) => COLUMN_KINDS.includes(k as ColumnKind))) {
		bad(`"columnTypes" must map column names to one of ${COLUMN_KINDS.join(', ')}`);
	}
	if (r.rfm !== null) {
		const problem = validateRfmSpec(r.rfm);
		if (problem) bad(`"rfm" ${problem}`);
	}
	validateAlgorithm(r.algorithm, bad);
	const ev = r.evidence as EvidenceSpec | undefined;
	if (ev !== undefined) {
		if (!ev || typeof ev !== 'object') bad('"evidence" must be an object');
		if (ev.gapB != null && !isInt(ev.gapB, 0, 500)) bad('"evidence.gapB" must be null or a whole number from 0 to 500');
		if (ev.stabilityB != null && !isInt(ev.stabilityB, 0, 500)) bad('"evidence.stabilityB" must be null or a whole number from 0 to 500');
		if (ev.gapDPower !== undefined && ev.gapDPower !== 1 && ev.gapDPower !== 2) bad('"evidence.gapDPower" must be 1 or 2');
		if (ev.gapB === 1) bad('"evidence.gapB" must be at least 2 (the standard error needs two reference sets)');
		if (ev.stabilityScheme !== undefined && ev.stabilityScheme !== 'bootstrap' && ev.stabilityScheme !== 'subsample') bad('"evidence.stabilityScheme" must be bootstrap or subsample');
	}
	if (r.pcaComponents != null && !isInt(r.pcaComponents, 1, 10000)) bad('"pcaComponents" must be null or a whole number of components (at least 1)');
	if (r.pcaComponents != null && isMixedAlgorithm(r.algorithm as AlgorithmSpec)) bad('"pcaComponents" must be null for pam and kprototypes: they compare categories as categories, which principal components cannot keep');
	const kr = r.kRange as unknown;
	if (!Array.isArray(kr) || kr.length !== 2 || !isInt(kr[0], 1, MAX_K) || !isInt(kr[1], 1, MAX_K) || kr[0] > kr[1]) {
		bad(`"kRange" must be [from, to] with 1 ≤ from ≤ to ≤ ${MAX_K}`);
	}
	const range = kr as [number, number];
	// Silhouette, Davies–Bouldin and Calinski–Harabasz compare segments: one segment has nothing to compare.
	if (hasK(r.algorithm as AlgorithmSpec) && range[0] < 2) bad(`"kRange" must start at 2 or more (it is [${range[0]}, ${range[1]}]): one segment cannot be compared with another`);
	if (r.k !== null && !(isInt(r.k, range[0], range[1]))) bad(`"k" must be null or a whole number within kRange (${range[0]}..${range[1]})`);
	if (!isInt(r.seed, 0, 2 ** 32 - 1)) bad('"seed" must be a whole number from 0 to 4294967295');
	const names = r.segmentNames as unknown;
	if (names !== undefined && (!names || typeof names !== 'object' || Array.isArray(names) || !Object.entries(names).every(([k, v]) => /^\d+$/.test(k) && Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length <= 200)))) {
		bad('"segmentNames" must map k ("6") to a list of names (texts of at most 200 characters)');
	}
	for (const [k, list] of Object.entries((names ?? {}) as Record<string, string[]>)) {
		if (list.length > Number(k)) bad(`"segmentNames.${k}" names ${list.length} segments; k = ${k} has ${k}`);
		const given = list.map((x) => x.trim()).filter((x) => x !== '');
		const twice = given.find((x, i) => given.indexOf(x) !== i);
		if (twice !== undefined) bad(`"segmentNames.${k}" gives the name "${twice}" to ${given.filter((x) => x === twice).length} segments; each segment needs its own name ("" = the automatic one)`);
	}
	if (r.acceptSkipped !== undefined && !isInt(r.acceptSkipped, 0, Number.MAX_SAFE_INTEGER)) bad('"acceptSkipped" must be a whole number of skipped lines (0 or more)');
	if (r.exclude !== undefined) {
		const ex = r.exclude as { rows?: unknown } | null;
		const rows = ex && typeof ex === 'object' ? ex.rows : undefined;
		if (!Array.isArray(rows) || !rows.every((v, i) => isInt(v, 1, Number.MAX_SAFE_INTEGER) && (i === 0 || (v as number) > (rows[i - 1] as number)))) bad('"exclude" must be {"rows": [...]}, 1-based row numbers in ascending order');
	}
	const src = r.source as SourceFingerprint | undefined;
	if (!src || typeof src.name !== 'string' || !Array.isArray(src.columns) || typeof src.hash !== 'string') bad('"source" must describe the data file (name, rows, columns, hash)');
	// Column names key these two: rebuilt without a prototype, so no name can reach Object.prototype (names.ts).
	const recipe = r as unknown as Recipe;
	return { ...recipe, columnTypes: nameRecord(entriesOf(recipe.columnTypes)), prep: { ...recipe.prep, columns: nameRecord(entriesOf(recipe.prep.columns)) } };
}

function validateAlgorithm(value: unknown, bad: (what: string) => never): void {
	const alg = value as AlgorithmSpec | undefined;
	if (!alg || typeof alg !== 'object' || !ALGORITHM_NAMES.includes(alg.name)) bad(`"algorithm.name" must be one of ${ALGORITHM_NAMES.join(', ')}`);
	const a = alg as unknown as Record<string, unknown>;
	const int = (key: string, lo: number, hi: number) => {
		if (!isInt(a[key], lo, hi)) bad(`"algorithm.${key}" must be a whole number from ${lo} to ${hi} for ${alg!.name}`);
	};
	const num = (key: string, ok: (v: number) => boolean, what: string) => {
		if (typeof a[key] !== 'number' || !ok(a[key] as number)) bad(`"algorithm.${key}" must be ${what} for ${alg!.name}`);
	};
	switch (alg!.name) {
		case 'kmeans':
			int('nInit', 1, 1000);
			int('maxIter', 1, 100000);
			num('tol', (v) => v >= 0, 'a number ≥ 0');
			if (a.refine !== undefined && a.refine !== 'hartigan' && a.refine !== 'none') bad('"algorithm.refine" must be hartigan or none for kmeans');
			if (a.moreRestarts !== undefined && typeof a.moreRestarts !== 'boolean') bad('"algorithm.moreRestarts" must be true or false for kmeans');
			if (a.refineMaxRows != null && !isInt(a.refineMaxRows, 1, Number.MAX_SAFE_INTEGER)) bad('"algorithm.refineMaxRows" must be null or a whole number of rows (at least 1) for kmeans');
			break;
		case 'minibatch':
			int('batchSize', 1, 10_000_000);
			int('nInit', 1, 1000);
			int('maxIter', 1, 100000);
			num('reassignmentRatio', (v) => v >= 0 && v <= 1, 'a number from 0 to 1');
			break;
		case 'hierarchical':
			if (!LINKAGE_METHODS.includes(alg!.linkage)) bad(`"algorithm.linkage" must be one of ${LINKAGE_METHODS.join(', ')}`);
			break;
		case 'dbscan':
			num('eps', (v) => v > 0 && Number.isFinite(v), 'a number above 0');
			int('minPts', 1, 100000);
			break;
		case 'hdbscan':
			int('minClusterSize', 2, 10_000_000);
			if (a.minSamples != null) int('minSamples', 1, 10_000_000);
			if (a.selection != null && a.selection !== 'eom' && a.selection !== 'leaf') bad('"algorithm.selection" must be "eom" or "leaf" for hdbscan');
			break;
		case 'gmm':
			if (!COVARIANCE_KINDS.includes(alg!.covariance)) bad(`"algorithm.covariance" must be one of ${COVARIANCE_KINDS.join(', ')}`);
			int('nInit', 1, 1000);
			int('maxIter', 1, 100000);
			num('tol', (v) => v >= 0, 'a number ≥ 0');
			num('regCovar', (v) => v >= 0, 'a number ≥ 0');
			if ((alg as { moreRestarts?: unknown }).moreRestarts !== undefined && typeof (alg as { moreRestarts?: unknown }).moreRestarts !== 'boolean') bad('"algorithm.moreRestarts" must be true or false for gmm');
			break;
		case 'pam':
			break;
		case 'kprototypes':
			if (a.gamma !== null && !(typeof a.gamma === 'number' && a.gamma >= 0 && Number.isFinite(a.gamma))) bad('"algorithm.gamma" must be null (Huang\'s rule) or a number ≥ 0 for kprototypes');
			int('nInit', 1, 1000);
			int('maxPasses', 1, 100000);
			break;
	}
}

/** Version 1 had one missing strategy and one scaling for every column, and nothing else: same results in v2. */
function upgradeV1(r: Record<string, unknown>): Record<string, unknown> {
	const prep = (r.prep ?? {}) as Record<string, unknown>;
	return { ...r, version: 2, prep: { ...prep, outliers: { ...NO_OUTLIERS }, columns: {} }, columnTypes: {}, rfm: null };
}

function validatePrep(value: unknown, bad: (what: string) => never): void {
	const prep = value as PrepSpec | undefined;
	const list = (xs: string[]) => xs.join(', ');
	if (!prep || !MISSING_STRATEGIES.includes(prep.missing)) bad(`"prep.missing" must be one of ${list(MISSING_STRATEGIES)}`);
	if (!SCALE_METHODS.includes(prep!.scale)) bad(`"prep.scale" must be one of ${list(SCALE_METHODS)}`);
	const o = prep!.outliers;
	if (!o || !['none', 'iqr', 'zscore'].includes(o.method) || !['flag', 'clip', 'setAside'].includes(o.action) || typeof o.threshold !== 'number' || !(o.threshold > 0)) {
		bad('"prep.outliers" must be {method: none | iqr | zscore, threshold > 0, action: flag | clip | setAside}');
	}
	if (!prep!.columns || typeof prep!.columns !== 'object' || Array.isArray(prep!.columns)) bad('"prep.columns" must map column names to settings');
	if (prep!.distinctRows !== undefined && typeof prep!.distinctRows !== 'boolean') bad('"prep.distinctRows" must be true or false');
	for (const [name, c] of Object.entries(prep!.columns)) {
		const at = `"prep.columns.${name}`;
		if (!c || typeof c !== 'object') bad(`${at}" must be an object`);
		if (c.missing !== undefined && !MISSING_STRATEGIES.includes(c.missing)) bad(`${at}.missing" must be one of ${list(MISSING_STRATEGIES)}`);
		if (c.scale !== undefined && !SCALE_METHODS.includes(c.scale)) bad(`${at}.scale" must be one of ${list(SCALE_METHODS)}`);
		if (c.weight !== undefined && !(typeof c.weight === 'number' && c.weight > 0 && c.weight <= 100)) bad(`${at}.weight" must be a number above 0 and at most 100`);
		if (c.fillValue !== undefined && typeof c.fillValue !== 'number' && typeof c.fillValue !== 'string') bad(`${at}.fillValue" must be a number or a text`);
		if (c.log1p !== undefined && typeof c.log1p !== 'boolean') bad(`${at}.log1p" must be true or false`);
		if (c.yeoJohnson !== undefined && typeof c.yeoJohnson !== 'boolean') bad(`${at}.yeoJohnson" must be true or false`);
		if (c.log1p && c.yeoJohnson) bad(`${at}" has both log1p and yeoJohnson: choose one transform`);
		if (c.allowManyLevels !== undefined && typeof c.allowManyLevels !== 'boolean') bad(`${at}.allowManyLevels" must be true or false`);
		const clip = c.clip;
		if (clip != null && !(Array.isArray(clip) && clip.length === 2 && clip.every((v) => typeof v === 'number' && v >= 0 && v <= 100) && clip[0] < clip[1])) {
			bad(`${at}.clip" must be null or [low, high] percentiles with 0 ≤ low < high ≤ 100`);
		}
	}
}

function isInt(v: unknown, lo: number, hi: number): boolean {
	return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/** Differences between the file a Recipe was made on and this one: shown as a warning, not an error. */
export function sourceDifferences(recipe: Recipe, actual: SourceFingerprint): string[] {
	const out: string[] = [];
	if (recipe.source.hash !== actual.hash) out.push(`the file's contents differ from "${recipe.source.name}", which the recipe was made on`);
	if (recipe.source.rows !== actual.rows) out.push(`it has ${actual.rows} rows, the recipe's file had ${recipe.source.rows}`);
	return out;
}

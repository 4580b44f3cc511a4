/**
 * The Recipe: one serializable description of an analysis. Same Recipe + same data = the same labels, in the
 * browser and in Node. Everything the user chooses is here; fitted values are outputs and live elsewhere.
 */
import type { SourceFingerprint } from './data/fingerprint';
import { EngineError } from './errors';
import type { ColumnProfile } from './types';

export const RECIPE_VERSION = 1;

export type ScaleMethod = 'zscore' | 'minmax' | 'none';
export type MissingStrategy = 'drop' | 'mean' | 'median';

export interface KMeansSpec {
	name: 'kmeans';
	nInit: number;
	maxIter: number;
	tol: number;
}

export type AlgorithmSpec = KMeansSpec;

export interface Recipe {
	version: typeof RECIPE_VERSION;
	source: SourceFingerprint;
	/** Columns clustered on, in order. */
	features: string[];
	/** A column that identifies rows (kept in exports, never a feature). */
	idColumn: string | null;
	prep: {
		missing: MissingStrategy;
		scale: ScaleMethod;
	};
	algorithm: AlgorithmSpec;
	/** Inclusive range of k values to try. */
	kRange: [number, number];
	/** The chosen k; null = the k with the best mean silhouette. */
	k: number | null;
	seed: number;
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
		prep: { missing: 'median', scale: 'zscore' },
		algorithm: { name: 'kmeans', nInit: 10, maxIter: 300, tol: 1e-4 },
		kRange: [2, Math.min(10, Math.max(2, source.rows - 1))],
		k: null,
		seed: 0
	};
}

/** Checks a Recipe's shape and values (a file can hold anything); throws a specific EngineError. */
export function validateRecipe(value: unknown): Recipe {
	const bad = (what: string, hint = 'Download a fresh recipe from Segment Lab, or fix the field named.') => {
		throw new EngineError('bad-recipe', `The recipe is not valid: ${what}.`, hint);
	};
	if (!value || typeof value !== 'object') bad('it is not a JSON object');
	const r = value as Record<string, unknown>;
	if (r.version !== RECIPE_VERSION) bad(`its version is ${JSON.stringify(r.version)}, this Segment Lab reads version ${RECIPE_VERSION}`);
	if (!Array.isArray(r.features) || r.features.length === 0 || !r.features.every((f) => typeof f === 'string')) bad('"features" must be a non-empty list of column names');
	if (r.idColumn !== null && typeof r.idColumn !== 'string') bad('"idColumn" must be a column name or null');
	const prep = r.prep as Recipe['prep'] | undefined;
	if (!prep || !['drop', 'mean', 'median'].includes(prep.missing)) bad('"prep.missing" must be drop, mean or median');
	if (!['zscore', 'minmax', 'none'].includes(prep!.scale)) bad('"prep.scale" must be zscore, minmax or none');
	const alg = r.algorithm as AlgorithmSpec | undefined;
	if (!alg || alg.name !== 'kmeans') bad('"algorithm.name" must be kmeans');
	if (!isInt(alg!.nInit, 1, 1000)) bad('"algorithm.nInit" must be a whole number from 1 to 1000');
	if (!isInt(alg!.maxIter, 1, 100000)) bad('"algorithm.maxIter" must be a whole number from 1 to 100000');
	if (typeof alg!.tol !== 'number' || !(alg!.tol >= 0)) bad('"algorithm.tol" must be a number ≥ 0');
	const kr = r.kRange as unknown;
	if (!Array.isArray(kr) || kr.length !== 2 || !isInt(kr[0], 1, MAX_K) || !isInt(kr[1], 1, MAX_K) || kr[0] > kr[1]) {
		bad(`"kRange" must be [from, to] with 1 ≤ from ≤ to ≤ ${MAX_K}`);
	}
	const range = kr as [number, number];
	if (r.k !== null && !(isInt(r.k, range[0], range[1]))) bad(`"k" must be null or a whole number within kRange (${range[0]}..${range[1]})`);
	if (!isInt(r.seed, 0, 2 ** 32 - 1)) bad('"seed" must be a whole number from 0 to 4294967295');
	const src = r.source as SourceFingerprint | undefined;
	if (!src || typeof src.name !== 'string' || !Array.isArray(src.columns) || typeof src.hash !== 'string') bad('"source" must describe the data file (name, rows, columns, hash)');
	return value as Recipe;
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

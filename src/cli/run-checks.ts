/**
 * Plain messages, before any clustering, for runs that cannot give an answer: no usable feature, every row the
 * same, or more segments asked for than the rows allow. Without these the user meets the first metric that fails.
 */
import { readFileSync } from 'node:fs';
import { hasK, validateRecipe, type Recipe } from '../lib/engine/recipe';
import { EngineError } from '../lib/engine/errors';
import type { Table } from '../lib/engine/types';

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/** A column's numbers hold at most one distinct value (missing cells aside). */
function singleValued(table: Table, name: string): boolean {
	const col = table.columns.find((c) => c.name === name);
	if (!col) return false;
	if (col.nonNumeric > 0) return col.distinctExact && col.distinct <= 1;
	let first = NaN;
	for (const v of col.numbers) {
		if (Number.isNaN(v)) continue;
		if (Number.isNaN(first)) first = v;
		else if (v !== first) return false;
	}
	return true;
}

/** Some feature to cluster on, and rows that differ in it. */
export function checkFeatures(table: Table, recipe: Pick<Recipe, 'features'>): void {
	if (recipe.features.length === 0) {
		const constant = table.columns.filter((c) => c.missing < table.rowCount && singleValued(table, c.name)).map((c) => c.name);
		throw new EngineError(
			'no-features',
			`No column of "${table.name}" can be clustered${constant.length ? `: ${list(constant)} hold${constant.length === 1 ? 's' : ''} one value in every row` : ''}.`,
			constant.length === table.columns.length ? 'Every row has the same values: there is nothing to tell customers apart.' : 'Name numeric columns with --columns a,b,c.'
		);
	}
	if (recipe.features.every((f) => singleValued(table, f))) {
		throw new EngineError(
			'no-features',
			`All ${table.rowCount} rows of "${table.name}" have the same value${recipe.features.length > 1 ? 's' : ''} in ${list(recipe.features)}: there is nothing to cluster.`,
			'Choose columns that differ between rows with --columns.'
		);
	}
}

/** A k range the rows allow: k ≤ rows − 1 (the silhouette needs one segment with two rows). */
export function checkK(table: Table, recipe: Recipe, asked: { k?: number; kRange?: [number, number] }): void {
	if (!hasK(recipe.algorithm)) return;
	const most = table.rowCount - 1;
	const [from, to] = recipe.kRange;
	if (to <= most) return;
	const what = asked.k !== undefined ? `--k ${asked.k} asks for ${asked.k} segments` : asked.kRange ? `--k-range ${from}..${to} goes up to ${to} segments` : `the recipe's k range ${from}..${to} goes up to ${to} segments`;
	throw new EngineError(
		'too-few-rows',
		`${what}, but "${table.name}" has ${table.rowCount} row${table.rowCount === 1 ? '' : 's'}: at most ${Math.max(most, 1)} segments can be scored (the silhouette needs a segment with two rows).`,
		most >= 2 ? `Give --k from 2 to ${most}${from > most ? '' : ` or --k-range ${from}..${most}`}.` : 'Clustering needs at least 3 rows.'
	);
}

/**
 * Reads a recipe file. A DBSCAN or HDBSCAN recipe keeps no k of its own (they find their number of clusters), so a
 * saved "k": 13 from such a run is not held against the k range on rerun.
 */
export function readRecipe(path: string, text?: string): Recipe {
	let json: unknown;
	try {
		json = JSON.parse(text ?? readFileSync(path, 'utf8'));
	} catch (err) {
		throw new EngineError('bad-recipe', `Cannot read the recipe "${path}": ${(err as Error).message}.`, 'Give the JSON file saved with --save-recipe or downloaded from the page.');
	}
	const alg = json && typeof json === 'object' ? (json as { algorithm?: { name?: unknown } }).algorithm : undefined;
	if (alg && (alg.name === 'dbscan' || alg.name === 'hdbscan')) json = { ...(json as object), k: null };
	return validateRecipe(json);
}

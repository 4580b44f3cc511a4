/**
 * Resolves the Recipe's preparation into one concrete plan per feature: which column, numeric or one-hot, and
 * every setting with the recipe-wide defaults filled in. Validation with specific messages happens here, before
 * any work.
 */
import { inferKind } from '../data/infer';
import { EngineError } from '../errors';
import { own } from '../names';
import type { ColumnPrep, OutlierSpec } from '../recipe';
import type { Column, ColumnKind, MissingStrategy, ScaleMethod, Table } from '../types';
import { columnNamed } from '../data/column-named';

/** What prepare() needs of a Recipe (tests and the CLI may leave the newer fields out). */
export interface PrepInput {
	features: string[];
	prep: { missing: MissingStrategy; scale: ScaleMethod; outliers?: OutlierSpec; columns?: Record<string, ColumnPrep>; distinctRows?: boolean };
	columnTypes?: Record<string, ColumnKind>;
	/** Rows the user left out (1-based), see Recipe.exclude. */
	exclude?: { rows: number[] };
}

export interface FeaturePlan {
	name: string;
	column: Column;
	encoding: 'numeric' | 'categorical';
	missing: MissingStrategy;
	fillValue: number | string | undefined;
	log1p: boolean;
	yeoJohnson: boolean;
	clip: [number, number] | null;
	scale: ScaleMethod;
	weight: number;
	allowManyLevels: boolean;
}

export function planFeatures(table: Table, recipe: PrepInput): FeaturePlan[] {
	const { features, prep } = recipe;
	if (features.length === 0) {
		throw new EngineError('no-features', 'No feature columns are selected.', 'Tick at least one column as a feature.');
	}
	return features.map((name) => {
		const column = columnNamed(table, name);
		if (!column) {
			throw new EngineError(
				'recipe-mismatch',
				`The column "${name}" is not in "${table.name}".`,
				`The file has: ${table.columns.map((c) => c.name).join(', ')}. Load the file the recipe was made for, or choose other features.`
			);
		}
		const kind = own(recipe.columnTypes, name) ?? inferKind(column, table.rowCount).kind;
		const encoding = encodingOf(column, kind, table.rowCount);
		const c = own(prep.columns, name) ?? {};
		let missing = c.missing ?? prep.missing;
		// Mean and median have no meaning for categories: the recipe-wide default falls back to the most frequent level.
		if (encoding === 'categorical' && (missing === 'mean' || missing === 'median')) {
			if (c.missing) throw new EngineError('bad-parameter', `"${name}" is categorical: its missing values cannot be filled with the ${missing}.`, 'Choose the most frequent value (mode), a constant, or dropping the rows.');
			missing = 'mode';
		}
		return {
			name,
			column,
			encoding,
			missing,
			fillValue: c.fillValue,
			log1p: encoding === 'numeric' && !!c.log1p,
			yeoJohnson: encoding === 'numeric' && !c.log1p && !!c.yeoJohnson,
			clip: encoding === 'numeric' ? (c.clip ?? null) : null,
			scale: encoding === 'numeric' ? (c.scale ?? prep.scale) : 'none',
			weight: c.weight ?? 1,
			allowManyLevels: !!c.allowManyLevels
		};
	});
}

function encodingOf(col: Column, kind: ColumnKind, rows: number): 'numeric' | 'categorical' {
	const hasNumbers = col.missing + col.nonNumeric < rows;
	if (kind === 'categorical') return 'categorical';
	if (kind === 'boolean') return col.nonNumeric === 0 && hasNumbers ? 'numeric' : 'categorical';
	if (kind === 'numeric' || kind === 'constant' || kind === 'id') {
		if (hasNumbers) return 'numeric';
		if (kind === 'constant') return 'categorical';
		throw new EngineError('no-numeric-column', `The column "${col.name}" has no numbers to cluster on.`, 'Untick it as a feature, or set its type to categorical.');
	}
	throw new EngineError(
		'no-numeric-column',
		`The column "${col.name}" is ${kind === 'empty' ? 'empty' : `a ${kind} column`} and cannot be clustered on as it is.`,
		kind === 'datetime' ? 'Untick it, or build customer features (recency, tenure) from it with "Build customer features".' : 'Untick it as a feature, or change its type.'
	);
}

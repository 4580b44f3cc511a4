import { EngineError } from '../errors';
import type { Recipe } from '../recipe';
import { RowStatus, type FeatureMatrix, type Table } from '../types';
import { fitFill } from './impute';
import { applyScale, fitScale } from './scale';

/**
 * Table + the Recipe's features and preparation → the matrix that is clustered. Rows that cannot be used
 * (a missing value under "drop") keep their place through `rowIndex` and `status`.
 */
export function prepare(table: Table, recipe: Pick<Recipe, 'features' | 'prep'>): FeatureMatrix {
	const { features, prep } = recipe;
	if (features.length === 0) {
		throw new EngineError('no-features', 'No feature columns are selected.', 'Tick at least one numeric column as a feature.');
	}
	const cols = features.length;
	const columns = features.map((name) => {
		const col = table.columns.find((c) => c.name === name);
		if (!col) {
			throw new EngineError(
				'recipe-mismatch',
				`The column "${name}" is not in "${table.name}".`,
				`The file has: ${table.columns.map((c) => c.name).join(', ')}. Load the file the recipe was made for, or choose other features.`
			);
		}
		return col;
	});
	columns.forEach((col) => {
		if (col.missing + col.nonNumeric === table.rowCount) {
			throw new EngineError(
				'no-numeric-column',
				`The column "${col.name}" has no numbers to cluster on.`,
				'Untick it as a feature; only numeric columns can be used.'
			);
		}
	});
	const fill = Float64Array.from(columns, (c) => fitFill(c.numbers, prep.missing));
	const status = new Uint8Array(table.rowCount);
	const keep: number[] = [];
	for (let i = 0; i < table.rowCount; i++) {
		let ok = true;
		for (let j = 0; j < cols; j++) {
			if (Number.isNaN(columns[j].numbers[i]) && Number.isNaN(fill[j])) {
				ok = false;
				break;
			}
		}
		if (ok) keep.push(i);
		else status[i] = RowStatus.droppedMissing;
	}
	const rows = keep.length;
	if (rows < 2) {
		throw new EngineError(
			'too-few-rows',
			`Only ${rows} row(s) are left to cluster after handling missing values.`,
			prep.missing === 'drop' ? 'Fill missing values (mean or median) instead of dropping rows, or choose other features.' : 'Load a file with more rows.'
		);
	}
	const data = new Float64Array(rows * cols);
	for (let r = 0; r < rows; r++) {
		const i = keep[r];
		for (let j = 0; j < cols; j++) {
			const v = columns[j].numbers[i];
			data[r * cols + j] = Number.isNaN(v) ? fill[j] : v;
		}
	}
	const scale = fitScale(data, rows, cols, prep.scale);
	applyScale(data, rows, cols, scale);
	return { data, rows, cols, rowIndex: Int32Array.from(keep), status, fitted: { features: [...features], impute: { fill }, scale } };
}

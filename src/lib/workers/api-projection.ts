/**
 * The engine worker's part of the projection view: the prepared feature matrix (sent on to the projection
 * worker, which embeds it) and, per clustered row, its id and numeric features in original units (hover
 * labels, colour by feature, selection means on the page without further calls). Spread into api.ts.
 */
import * as Comlink from 'comlink';
import { cellTexts } from '../engine/data/cell-text';
import { toErrorInfo, type ErrorInfo } from '../engine/errors';
import { prepare } from '../engine/prep/prepare';
import type { Recipe } from '../engine/recipe';
import type { Table } from '../engine/types';

export interface ProjectionInput {
	/** Prepared features, rows × cols, row-major (what clustering saw). */
	data: Float64Array;
	rows: number;
	cols: number;
	/** Table row of each matrix row. */
	rowIndex: Int32Array;
	/** Numeric recipe features in original units, one Float32Array per feature (NaN = missing). */
	original: { name: string; values: Float32Array }[];
	/** The id column's text per matrix row, or null without an id column. */
	ids: string[] | null;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function projectionApi(requireTable: () => Table) {
	return {
		async projectionInput(recipe: Recipe): Promise<Result<ProjectionInput>> {
			try {
				const table = requireTable();
				const m = prepare(table, recipe);
				const original: ProjectionInput['original'] = [];
				for (const name of recipe.features) {
					const col = table.columns.find((c) => c.name === name);
					if (!col || col.nonNumeric > 0) continue;
					const values = new Float32Array(m.rows);
					for (let i = 0; i < m.rows; i++) values[i] = col.numbers[m.rowIndex[i]];
					original.push({ name, values });
				}
				let ids: string[] | null = null;
				if (recipe.idColumn && table.columns.some((c) => c.name === recipe.idColumn)) {
					const all = cellTexts(table, recipe.idColumn);
					ids = Array.from(m.rowIndex, (r) => all[r]);
				}
				const value: ProjectionInput = { data: m.data, rows: m.rows, cols: m.cols, rowIndex: m.rowIndex, original, ids };
				const out: Result<ProjectionInput> = { ok: true, value };
				return Comlink.transfer(out, [m.data.buffer, m.rowIndex.buffer, ...original.map((o) => o.values.buffer)] as ArrayBuffer[]);
			} catch (err) {
				return { ok: false, error: toErrorInfo(err) };
			}
		}
	};
}

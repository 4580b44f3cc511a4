/**
 * The engine worker's part of the projection view: the prepared feature matrix (sent on to the projection
 * worker, which embeds it) and, per clustered row, its id and numeric features in original units (hover
 * labels, colour by feature, selection means on the page without further calls). Spread into api.ts.
 * The matrix is the run's own (not prepared again): on a cross-origin-isolated page it lives in shared memory
 * (shared-matrix.ts) and the page receives a view of it, not a copy; otherwise a copy is transferred.
 * Also the PCA scores on the axes the page shows or writes (pcaPair, pcaColumns): the page keeps only PC1–PC2 as
 * screen positions, not the 6 components in float64 (46 MB at 1,000,000 rows); the same numbers bit for bit.
 */
import * as Comlink from 'comlink';
import { packedCellTexts } from '../engine/data/cell-text';
import { toErrorInfo, type ErrorInfo } from '../engine/errors';
import { prepare } from '../engine/prep/prepare';
import { scoreInto, type PcaView } from '../engine/project/pca-view';
import type { Recipe } from '../engine/recipe';
import type { FeatureMatrix, Table } from '../engine/types';
import { isShared } from './shared-matrix';
import type { PackedTexts } from './packed-texts';

export interface ProjectionInput {
	/** Prepared features, rows × cols, row-major (what clustering saw). */
	data: Float64Array;
	rows: number;
	cols: number;
	/** Table row of each matrix row. */
	rowIndex: Int32Array;
	/** Numeric recipe features in original units, one Float32Array per feature (NaN = missing). */
	original: { name: string; values: Float32Array }[];
	/** The id column's text per matrix row (packed: textAt(ids, row)), or null without an id column. */
	ids: PackedTexts | null;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** What the page sends of its result's PCA to have scores computed again. */
export type PcaFit = Pick<PcaView, 'mean' | 'components'>;

export function projectionApi(requireTable: () => Table, preparedFor: (recipe: Recipe) => { matrix: FeatureMatrix }) {
	/** The matrix the result's PCA view was computed on: the prepared features (before any principal components). */
	const featuresFor = (recipe: Recipe): FeatureMatrix => (recipe.pcaComponents == null ? preparedFor(recipe).matrix : prepare(requireTable(), recipe));

	return {
		/** Components a and b's scores as the scatter's x, y pairs (Float32: screen positions). */
		async pcaPair(recipe: Recipe, fit: PcaFit, a: number, b: number): Promise<Result<Float32Array>> {
			try {
				const m = featuresFor(recipe);
				const out = new Float32Array(2 * m.rows);
				scoreInto(out, m.data, m.rows, m.cols, fit, a, 2, 0);
				scoreInto(out, m.data, m.rows, m.cols, fit, b, 2, 1);
				return Comlink.transfer({ ok: true, value: out }, [out.buffer as ArrayBuffer]);
			} catch (err) {
				return { ok: false, error: toErrorInfo(err) };
			}
		},

		/** The scores on each of these components in full double precision, one column per clustered row (files). */
		async pcaColumns(recipe: Recipe, fit: PcaFit, components: number[]): Promise<Result<Float64Array[]>> {
			try {
				const m = featuresFor(recipe);
				const out = components.map((c) => scoreInto(new Float64Array(m.rows), m.data, m.rows, m.cols, fit, c));
				return Comlink.transfer({ ok: true, value: out }, out.map((o) => o.buffer as ArrayBuffer));
			} catch (err) {
				return { ok: false, error: toErrorInfo(err) };
			}
		},

		/**
		 * matrix false: `data` is empty unless it is a view of shared memory (free): the Map step keeps its input between
		 * visits and asks for the matrix only to make a t-SNE or UMAP map (a copy is 61 MB at 1,000,000 × 8).
		 */
		async projectionInput(recipe: Recipe, matrix = true): Promise<Result<ProjectionInput>> {
			try {
				const table = requireTable();
				// Without PCA components the run's matrix is the prepared features themselves.
				const m = featuresFor(recipe);
				const shared = isShared(m.data.buffer);
				const data = shared ? m.data : matrix ? m.data.slice() : new Float64Array(0);
				const rowIndex = m.rowIndex.slice();
				const original: ProjectionInput['original'] = [];
				for (const name of recipe.features) {
					const col = table.columns.find((c) => c.name === name);
					if (!col || col.nonNumeric > 0) continue;
					const values = new Float32Array(m.rows);
					for (let i = 0; i < m.rows; i++) values[i] = col.numbers[m.rowIndex[i]];
					original.push({ name, values });
				}
				let ids: PackedTexts | null = null;
				if (recipe.idColumn && table.columns.some((c) => c.name === recipe.idColumn)) {
					ids = packedCellTexts(table, recipe.idColumn, m.rowIndex);
				}
				const value: ProjectionInput = { data, rows: m.rows, cols: m.cols, rowIndex, original, ids };
				const out: Result<ProjectionInput> = { ok: true, value };
				return Comlink.transfer(out, [...(shared ? [] : [data.buffer]), rowIndex.buffer, ...original.map((o) => o.values.buffer), ...(ids ? [ids.end.buffer] : [])] as ArrayBuffer[]);
			} catch (err) {
				return { ok: false, error: toErrorInfo(err) };
			}
		}
	};
}

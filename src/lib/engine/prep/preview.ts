/**
 * The preparation preview: for one numeric feature, its distribution before and after each step, and how many
 * rows each step removes. It runs the real pipeline (pipeline.ts) with a trace, so the preview cannot drift from
 * what a run will do.
 */
import { histogram } from '../data/profile';
import { NO_OUTLIERS } from '../recipe';
import type { Table } from '../types';
import { runPipeline, type PrepStep, type StepTrace } from './pipeline';
import { planFeatures, type PrepInput } from './plan';
import { columnNamed } from '../data/column-named';

export interface Histogram {
	edges: number[];
	counts: number[];
}

export interface PreviewStep {
	step: PrepStep;
	label: string;
	rowsBefore: number;
	rowsAfter: number;
	/** Rows this step took out of clustering (missing values dropped, outliers set aside). */
	removed: number;
	before: Histogram | null;
	after: Histogram | null;
}

export interface PrepPreview {
	column: string;
	rows: number;
	steps: PreviewStep[];
	/** Rows left to cluster and matrix columns (one-hot indicators included). */
	rowsClustered: number;
	matrixColumns: number;
}

const LABELS: Record<PrepStep, string> = {
	missing: 'Missing values',
	transform: 'Transforms (clip, log1p)',
	outliers: 'Outliers',
	scale: 'Encoding, scaling and weight'
};

export const PREVIEW_BINS = 20;

export function previewPrep(table: Table, recipe: PrepInput, column: string): PrepPreview {
	const plans = planFeatures(table, recipe);
	const steps: StepTrace[] = [];
	const m = runPipeline(table, { plans, outliers: recipe.prep.outliers ?? NO_OUTLIERS }, { column, steps });
	const col = columnNamed(table, column);
	let prevRows = table.rowCount;
	let prevValues: Float64Array | null = col ? col.numbers : null;
	const out: PreviewStep[] = steps.map((s) => {
		const step: PreviewStep = {
			step: s.step,
			label: LABELS[s.step],
			rowsBefore: prevRows,
			rowsAfter: s.rowsLeft,
			removed: prevRows - s.rowsLeft,
			before: hist(prevValues),
			after: hist(s.values)
		};
		prevRows = s.rowsLeft;
		prevValues = s.values;
		return step;
	});
	return { column, rows: table.rowCount, steps: out, rowsClustered: m.rows, matrixColumns: m.cols };
}

function hist(x: Float64Array | null): Histogram | null {
	if (!x) return null;
	let lo = Infinity, hi = -Infinity;
	for (let i = 0; i < x.length; i++) {
		if (x[i] < lo) lo = x[i];
		if (x[i] > hi) hi = x[i];
	}
	return lo <= hi ? histogram(x, lo, hi, PREVIEW_BINS) : null;
}

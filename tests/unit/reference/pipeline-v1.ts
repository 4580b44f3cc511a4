/**
 * Frozen copy of prep/pipeline.ts before the scaler was fitted on each feature's values and applied as the matrix
 * is filled (2026-12-07). tests/unit/pipeline-equivalence.test.ts checks that the current pipeline makes the same
 * matrix and fitted parameters, bit for bit. Do not edit.
 */
/**
 * The preparation pipeline, run once to fit (from a plan) or to apply fitted parameters without refitting (from
 * a FittedPrep): the same code either way, so applying a model's preparation to its own data gives exactly the
 * matrix it was fitted on. Steps, in order, as scikit-learn pipelines usually chain them:
 *   1 missing values (fill, or drop the row)  2 transforms (percentile clip, then log1p or Yeo-Johnson)
 *   3 outliers (flag, clip, or set the row aside)  4 one-hot encoding  5 scaling, then weights.
 * Fills are fitted on every present value of the column; later steps fit on the rows still in.
 */
import { cellTexts } from '../../../src/lib/engine/data/cell-text';
import { EngineError } from '../../../src/lib/engine/errors';
import type { OutlierSpec } from '../../../src/lib/engine/recipe';
import { RowStatus, type FeatureMatrix, type FittedFeature, type FittedPrep, type Table } from '../../../src/lib/engine/types';
import { codesOf, fitLevels, indicatorWeight } from '../../../src/lib/engine/prep/encode';
import { fitCategoricalFill, fitFill } from '../../../src/lib/engine/prep/impute';
import { fitOutlierBounds, isOutside } from '../../../src/lib/engine/prep/outliers';
import type { FeaturePlan } from '../../../src/lib/engine/prep/plan';
import { fitScale } from '../../../src/lib/engine/prep/scale';
import type { ScaleParams } from '../../../src/lib/engine/types';
import { applyClip, applyLog1p, fitClip } from '../../../src/lib/engine/prep/transform';
import { columnNamed } from '../../../src/lib/engine/data/column-named';
import { applyYeoJohnson, fitYeoJohnson } from '../../../src/lib/engine/prep/yeo-johnson';
import { markRepeats, settleRepeats } from '../../../src/lib/engine/prep/repeats';
import { newMatrix } from '../../../src/lib/engine/prep/matrix-memory';

type PrepStep = 'missing' | 'transform' | 'outliers' | 'scale';

/** For the preview: after each step, how many rows are still in and the traced column's values over them. */
interface StepTrace {
	step: PrepStep;
	rowsLeft: number;
	values: Float64Array | null;
}

/**
 * exclude: 1-based table rows the user left out (fitting only): status "excluded", no part in any fit.
 * distinct: repeats of an earlier row's feature values (repeats.ts) take no part in any fit either.
 */
type PipelineSpec = { plans: FeaturePlan[]; outliers: OutlierSpec; exclude?: number[]; distinct?: boolean } | { fitted: FittedPrep };

interface Work {
	f: FittedFeature;
	plan: FeaturePlan | null;
	values: Float64Array | null;
	codes: Int32Array | null;
	levels: string[] | null;
}

export function runPipelineV1(table: Table, spec: PipelineSpec, trace?: { column: string; steps: StepTrace[] }): FeatureMatrix {
	const fitting = 'plans' in spec;
	const n = table.rowCount;
	const outliers = fitting ? spec.outliers : spec.fitted.outliers;
	const work: Work[] = (fitting
		? spec.plans.map((p) => ({ f: blank(p), plan: p }))
		: spec.fitted.perFeature.map((f) => ({ f: { ...f }, plan: null }))
	).map(({ f, plan }) => {
		if (!table.columns.some((c) => c.name === f.name)) {
			throw new EngineError('recipe-mismatch', `The column "${f.name}" is not in "${table.name}".`, 'Load a file with the columns the model was fitted on.');
		}
		if (f.encoding === 'numeric') return { f, plan, values: columnNamed(table, f.name)!.numbers.slice(), codes: null, levels: null };
		const { codes, levels } = codesOf(cellTexts(table, f.name));
		return { f, plan, values: null, codes, levels };
	});
	const status = new Uint8Array(n);
	if (fitting) for (const r of spec.exclude ?? []) if (r >= 1 && r <= n) status[r - 1] = RowStatus.excluded;
	const repeatOf = 'plans' in spec && spec.distinct ? markRepeats(work, status) : null;
	// Rows that take no part in the fits below: excluded by the user, or repeats.
	const out = (s: number) => s === RowStatus.excluded || s === RowStatus.repeat;
	const traced = trace ? work.find((w) => w.f.name === trace.column && w.values) : undefined;
	const record = (step: PrepStep, values: Float64Array | null = null) => {
		if (!trace) return;
		let left = 0;
		for (let i = 0; i < n; i++) if (status[i] === RowStatus.clustered || status[i] === RowStatus.flaggedOutlier) left++;
		if (!values && traced) {
			values = new Float64Array(left);
			for (let i = 0, r = 0; i < n; i++) if (status[i] === RowStatus.clustered || status[i] === RowStatus.flaggedOutlier) values[r++] = traced.values![i];
		}
		trace.steps.push({ step, rowsLeft: left, values });
	};

	// 1 Missing values.
	const anyOut = status.some(out);
	for (const w of work) {
		const { f, plan } = w;
		if (w.values) {
			const values = w.values;
			if (fitting) f.fill = fitFill(anyOut ? values.filter((_, i) => !out(status[i])) : values, f.missing, plan!.fillValue);
			if (f.fill !== null && Number.isNaN(f.fill)) {
				throw new EngineError('no-numeric-column', `"${f.name}" has no values to ${f.missing === 'constant' ? 'fill with that constant' : `compute a ${f.missing} from`}.`, 'Untick it as a feature, or fill it with a number.');
			}
			const fill = f.fill as number | null;
			for (let i = 0; i < n; i++) if (values[i] !== values[i] && !out(status[i])) fill === null ? (status[i] = RowStatus.droppedMissing) : (values[i] = fill);
		} else {
			if (fitting) f.fill = fitCategoricalFill(repeatOf ? w.codes!.filter((_, i) => status[i] !== RowStatus.repeat) : w.codes!, w.levels!, f.missing, plan!.fillValue ?? 'missing');
			let fillCode = -1;
			if (f.fill !== null) {
				fillCode = w.levels!.indexOf(String(f.fill));
				if (fillCode < 0) fillCode = w.levels!.push(String(f.fill)) - 1;
			}
			for (let i = 0; i < n; i++) if (w.codes![i] < 0 && !out(status[i])) fillCode < 0 ? (status[i] = RowStatus.droppedMissing) : (w.codes![i] = fillCode);
		}
	}
	record('missing');

	// 2 Transforms: clip to percentiles (fitted on the rows still in), then log1p.
	let use = rowsWhere(status, RowStatus.clustered);
	for (const w of work) {
		if (!w.values) continue;
		if (fitting && w.plan!.clip) w.f.clip = fitClip(w.values, use, w.plan!.clip);
		if (w.f.clip) applyClip(w.values, w.f.clip);
		if (w.f.log1p) applyLog1p(w.values, use, w.f.name);
		else if (fitting ? w.plan!.yeoJohnson : w.f.yeoJohnson != null) {
			if (fitting) w.f.yeoJohnson = fitYeoJohnson(w.values.filter((_, i) => use[i] === 1));
			applyYeoJohnson(w.values, use, w.f.yeoJohnson!);
		}
	}
	record('transform');

	// 3 Outliers, univariate per numeric feature; a row is an outlier when any of its values is.
	if (outliers.method !== 'none') {
		for (const w of work) if (w.values && fitting) w.f.outlierBounds = fitOutlierBounds(w.values, use, outliers.method, outliers.threshold);
		const bounded = work.filter((w) => w.values && w.f.outlierBounds);
		for (let i = 0; i < n; i++) {
			if (status[i] !== RowStatus.clustered) continue;
			for (const w of bounded) {
				const b = w.f.outlierBounds!;
				if (!isOutside(w.values![i], b)) continue;
				if (outliers.action === 'clip') w.values![i] = Math.min(b[1], Math.max(b[0], w.values![i]));
				else status[i] = outliers.action === 'setAside' ? RowStatus.setAsideOutlier : RowStatus.flaggedOutlier;
			}
		}
	}
	record('outliers');

	// 4 Encoding: matrix rows are the rows clustered (flagged outliers included).
	use = rowsWhere(status, RowStatus.clustered, RowStatus.flaggedOutlier);
	let kept = 0;
	for (let i = 0; i < n; i++) kept += use[i];
	const keep = new Int32Array(kept);
	for (let i = 0, r = 0; i < n; i++) if (use[i]) keep[r++] = i;
	const columns: string[] = [];
	for (const w of work) {
		if (w.codes && fitting) w.f.levels = fitLevels(w.codes, w.levels!, use, w.f.name, w.plan!.allowManyLevels);
		w.f.offset = columns.length;
		w.f.width = w.codes ? w.f.levels!.length : 1;
		if (w.codes) columns.push(...w.f.levels!.map((l) => `${w.f.name}=${l}`));
		else columns.push(w.f.name);
	}
	const rows = keep.length;
	// Fitting needs rows to cluster; applying to new customers ("score new customers") may prepare one, or none.
	if (fitting && rows < 2) {
		throw new EngineError(
			'too-few-rows',
			`Only ${rows} row(s) are left to cluster after preparation (missing values and outliers).`,
			'Fill missing values instead of dropping rows, flag or clip outliers instead of setting them aside, or choose other features.'
		);
	}
	const cols = columns.length;
	const data = newMatrix(rows * cols);
	for (const w of work) {
		if (w.values) {
			const values = w.values, offset = w.f.offset;
			for (let r = 0; r < rows; r++) data[r * cols + offset] = values[keep[r]];
			continue;
		}
		// Levels not seen when fitting get no indicator (all zeros), as OneHotEncoder(handle_unknown="ignore").
		const pos = new Map(w.f.levels!.map((l, k) => [l, k]));
		const slot = Int32Array.from(w.levels!, (l) => pos.get(l) ?? -1);
		for (let r = 0; r < rows; r++) {
			const k = slot[w.codes![keep[r]]];
			if (k >= 0) data[r * cols + w.f.offset + k] = 1;
		}
	}

	// 5 Scaling per column (indicators are not scaled), then weights.
	const scale = fitting ? fitScale(data, rows, cols, work.flatMap((w) => new Array(w.f.width).fill(w.codes ? 'none' : w.plan!.scale))) : spec.fitted.scale;
	applyScale(data, rows, cols, scale);
	const weights = fitting ? Float64Array.from(work.flatMap((w) => new Array<number>(w.f.width).fill(w.codes ? indicatorWeight(w.plan!.weight) : w.plan!.weight))) : spec.fitted.weights;
	for (let j = 0; j < cols; j++) if (weights[j] !== 1) for (let r = 0; r < rows; r++) data[r * cols + j] *= weights[j];
	if (traced) record('scale', Float64Array.from({ length: rows }, (_, r) => data[r * cols + traced.f.offset]));

	const fitted: FittedPrep = fitting
		? { features: work.map((w) => w.f.name), columns, perFeature: work.map((w) => w.f), outliers: { ...outliers }, scale, weights }
		: spec.fitted;
	if (repeatOf) settleRepeats(repeatOf, status);
	return { data, rows, cols, rowIndex: keep, status, fitted, ...(repeatOf ? { repeatOf } : {}) };
}

/** 1 where a row's status is one of `a`, `b`, else 0 (a plain loop: `Uint8Array.from` with a callback is ~10× slower). */
function rowsWhere(status: Uint8Array, a: number, b = a): Uint8Array {
	const use = new Uint8Array(status.length);
	for (let i = 0; i < status.length; i++) if (status[i] === a || status[i] === b) use[i] = 1;
	return use;
}

function blank(p: FeaturePlan): FittedFeature {
	return { name: p.name, encoding: p.encoding, missing: p.missing, fill: null, clip: null, log1p: p.log1p, outlierBounds: null, levels: null, offset: 0, width: 0 };
}

/** The engine's former applyScale (scaling in place after the matrix was filled), frozen with this copy. */
function applyScale(X: Float64Array, rows: number, cols: number, p: ScaleParams): void {
	for (let i = 0; i < rows; i++) {
		const o = i * cols;
		for (let j = 0; j < cols; j++) X[o + j] = (X[o + j] - p.center[j]) / p.scale[j];
	}
}

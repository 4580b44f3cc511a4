/**
 * The prepared features as mixed data, for PAM on Gower distances and k-prototypes: numeric features keep their
 * prepared column (imputed, transformed, scaled, weighted), categorical features become level codes again (the
 * level whose one-hot indicator is set), so categories are compared as categories, never as indicator
 * distances. Weights are the recipe's per-column weights (a one-hot indicator carries w/√2, see prep/encode.ts).
 * Works the same on a training matrix and on a new file prepared with the stored preparation (scoring); there a
 * level not seen in training has no indicator and becomes code `width` (a level of its own: a mismatch with
 * every segment).
 */
import type { GowerVariable } from './cluster/gower';
import type { MixedRows } from './cluster/kprototypes-run';
import type { FittedPrep } from './types';

export interface MixedView {
	/** For Gower: one variable per feature, in feature order. */
	gower: GowerVariable[];
	/** For k-prototypes: the numeric features' prepared columns and the categorical codes. */
	rows: MixedRows;
	/** Feature index of each numeric / categorical attribute. */
	numericFeatures: number[];
	categoricalFeatures: number[];
}

/** Level code of a row's one-hot block: the indicator that is set, or `width` when none is (a new level). */
function codeOf(data: Float64Array, at: number, width: number): number {
	let best = width, top = 0;
	for (let c = 0; c < width; c++) {
		if (data[at + c] > top) {
			top = data[at + c];
			best = c;
		}
	}
	return best;
}

/** The mixed view of `rows` prepared rows (row-major, `fitted.columns.length` columns). */
export function mixedView(data: Float64Array, rows: number, fitted: FittedPrep): MixedView {
	const cols = fitted.columns.length;
	const numericFeatures: number[] = [], categoricalFeatures: number[] = [];
	fitted.perFeature.forEach((f, j) => (f.encoding === 'numeric' ? numericFeatures : categoricalFeatures).push(j));
	const pn = numericFeatures.length, pc = categoricalFeatures.length;
	const num = new Float64Array(rows * pn), cat = new Int32Array(rows * pc);
	const gower: GowerVariable[] = [];
	numericFeatures.forEach((fj, a) => {
		const f = fitted.perFeature[fj];
		for (let i = 0; i < rows; i++) num[i * pn + a] = data[i * cols + f.offset];
	});
	categoricalFeatures.forEach((fj, a) => {
		const f = fitted.perFeature[fj];
		for (let i = 0; i < rows; i++) cat[i * pc + a] = codeOf(data, i * cols + f.offset, f.width);
	});
	fitted.perFeature.forEach((f, fj) => {
		const w = fitted.weights[f.offset];
		if (f.encoding === 'numeric') {
			const a = numericFeatures.indexOf(fj);
			gower.push({ name: f.name, kind: 'numeric', values: Float64Array.from({ length: rows }, (_, i) => num[i * pn + a]), weight: w });
		} else {
			const a = categoricalFeatures.indexOf(fj);
			gower.push({ name: f.name, kind: 'nominal', values: Float64Array.from({ length: rows }, (_, i) => cat[i * pc + a]), weight: w * Math.SQRT2 });
		}
	});
	const catWeights = Float64Array.from(categoricalFeatures, (fj) => fitted.weights[fitted.perFeature[fj].offset] * Math.SQRT2);
	// A new level (code = width) is one more level for the counts.
	const levels = categoricalFeatures.map((fj) => fitted.perFeature[fj].width + 1);
	return { gower, rows: { rows, pn, num, pc, cat, levels, catWeights }, numericFeatures, categoricalFeatures };
}

/** A prototype (numeric means, categorical modes) as a point of the prepared space: the mode's indicator set. */
export function prototypeToPrepared(means: Float64Array, modes: Int32Array, k: number, view: Pick<MixedView, 'numericFeatures' | 'categoricalFeatures'>, fitted: FittedPrep): Float64Array {
	const cols = fitted.columns.length;
	const pn = view.numericFeatures.length, pc = view.categoricalFeatures.length;
	const out = new Float64Array(k * cols);
	for (let l = 0; l < k; l++) {
		view.numericFeatures.forEach((fj, a) => (out[l * cols + fitted.perFeature[fj].offset] = means[l * pn + a]));
		view.categoricalFeatures.forEach((fj, a) => {
			const f = fitted.perFeature[fj];
			const m = modes[l * pc + a];
			if (m >= 0 && m < f.width) out[l * cols + f.offset + m] = fitted.weights[f.offset + m];
		});
	}
	return out;
}

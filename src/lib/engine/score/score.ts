/**
 * Score new customers with a saved model: columns matched by name, the stored preparation applied without
 * refitting (applyFittedPrep), every row assigned to the nearest stored centre, plus drift against the training
 * data (population stability index per feature) and how segment sizes changed.
 */
import { assignNearest } from '../cluster/kmeans';
import { assignGmm } from '../cluster/gmm';
import { EngineError } from '../errors';
import { binShares, readModel, type SegmentModel } from '../export/model';
import { applyFittedPrep } from '../prep/prepare';
import type { Table } from '../types';
import { columnNamed } from '../data/column-named';
import { mixedCosts, nearestSegments } from '../mixed-assign';

/** PSI below 0.1: stable; 0.1–0.25: moderate shift; above 0.25: significant shift (the usual credit-scoring rule). */
export const PSI_MODERATE = 0.1;
export const PSI_MAJOR = 0.25;

export interface FeatureDrift {
	feature: string;
	psi: number;
	level: 'stable' | 'moderate' | 'major';
}

export interface ScoreResult {
	model: SegmentModel;
	rowCount: number;
	rowIndex: Int32Array;
	status: Uint8Array;
	/** Segment (0-based) of each scored row, same order as rowIndex. */
	labels: Int32Array;
	/** Euclidean distance to the assigned centre in the clustered space (PAM: Gower dissimilarity to the medoid; k-prototypes: Huang's dissimilarity to the prototype). */
	distances: Float64Array;
	/** Gaussian mixtures: membership probabilities, rows × k. */
	probs: Float64Array | null;
	missingColumns: string[];
	extraColumns: string[];
	drift: FeatureDrift[];
	/** Per segment: share in training and among the scored rows. */
	sizes: { segment: number; name: string; trainingShare: number; newShare: number; newCount: number }[];
	warnings: string[];
}

export function psi(expected: number[], actual: number[]): number {
	const eps = 1e-4;
	let s = 0;
	for (let i = 0; i < expected.length; i++) {
		const e = Math.max(eps, expected[i]), a = Math.max(eps, actual[i] ?? 0);
		if (expected[i] === 0 && (actual[i] ?? 0) === 0) continue;
		s += (a - e) * Math.log(a / e);
	}
	return s;
}

export function scoreTable(modelJson: unknown, table: Table): ScoreResult {
	const { model, fitted } = readModel(modelJson);
	const names = new Set(table.columns.map((c) => c.name));
	const needed = fitted.features;
	const missingColumns = needed.filter((f) => !names.has(f));
	const idColumn = model.recipe.idColumn;
	const extraColumns = table.columns.map((c) => c.name).filter((c) => !needed.includes(c) && c !== idColumn);
	if (missingColumns.length) {
		throw new EngineError('recipe-mismatch', `The file lacks column(s) the model was fitted on: ${missingColumns.join(', ')}.`, 'Rename the columns to match, or score a file exported the same way as the training data.');
	}
	const matrix = applyFittedPrep(table, fitted);
	const k = model.k;
	const centers = Float64Array.from(model.centers.flat());
	const near = assignNearest(matrix.data, matrix.rows, matrix.cols, centers, k);
	let labels = near.labels;
	let probs: Float64Array | null = null;
	const mx = model.mixture;
	if (model.assignment === 'gaussian-mixture' && mx) {
		const g = assignGmm({ k, cols: matrix.cols, covarianceType: mx.covarianceType, weights: Float64Array.from(mx.weights), means: Float64Array.from(mx.means), covariances: Float64Array.from(mx.covariances), precisionsCholesky: Float64Array.from(mx.precisionsCholesky) }, matrix.data, matrix.rows, matrix.cols);
		labels = g.labels;
		probs = g.probs;
	}
	// Distance to the assigned segment's centre (for a mixture, its mean); for PAM and k-prototypes their own dissimilarity.
	let distances: Float64Array = new Float64Array(matrix.rows);
	if (model.mixed) {
		const near = nearestSegments(mixedCosts(matrix.data, matrix.rows, fitted, model.centers, model.mixed), matrix.rows, k);
		labels = near.labels;
		distances = near.distances;
	}
	for (let i = 0; i < matrix.rows && !model.mixed; i++) {
		let d = 0;
		for (let j = 0; j < matrix.cols; j++) d += (matrix.data[i * matrix.cols + j] - centers[labels[i] * matrix.cols + j]) ** 2;
		distances[i] = Math.sqrt(d);
	}
	const drift: FeatureDrift[] = model.training.distributions.map((d) => {
		const col = columnNamed(table, d.feature)!;
		const value = psi(d.shares, binShares(col.numbers, null, d.edges));
		return { feature: d.feature, psi: value, level: value >= PSI_MAJOR ? 'major' : value >= PSI_MODERATE ? 'moderate' : 'stable' };
	});
	const counts = new Array<number>(k).fill(0);
	for (const l of labels) counts[l]++;
	const sizes = model.segments.map((s, i) => ({ segment: i + 1, name: s.name, trainingShare: s.share, newShare: matrix.rows ? counts[i] / matrix.rows : 0, newCount: counts[i] }));
	const warnings: string[] = [];
	const major = drift.filter((d) => d.level === 'major'), moderate = drift.filter((d) => d.level === 'moderate');
	if (major.length) warnings.push(`Drift: ${major.map((d) => `${d.feature} (PSI ${d.psi.toFixed(2)})`).join(', ')} shifted significantly (PSI ≥ ${PSI_MAJOR}) from the training data; the segments may no longer describe these customers — consider re-running the analysis on fresh data.`);
	if (moderate.length) warnings.push(`Moderate drift (PSI ${PSI_MODERATE}–${PSI_MAJOR}): ${moderate.map((d) => `${d.feature} (${d.psi.toFixed(2)})`).join(', ')}.`);
	// Five percentage points either way is a change worth a look.
	const moved = sizes.filter((s) => Math.abs(s.newShare - s.trainingShare) >= 0.05);
	if (moved.length) warnings.push(`Segment sizes changed: ${moved.map((s) => `${s.name} ${(s.trainingShare * 100).toFixed(1)}% → ${(s.newShare * 100).toFixed(1)}%`).join(', ')}.`);
	if (extraColumns.length) warnings.push(`Columns not in the model (kept in the scored file, not used): ${extraColumns.join(', ')}.`);
	return { model, rowCount: table.rowCount, rowIndex: matrix.rowIndex, status: matrix.status, labels, distances, probs, missingColumns, extraColumns, drift, sizes, warnings };
}

/** The columns a scored file adds after segment, name and status: distance, and probabilities for a mixture. */
export function scoredColumns(s: ScoreResult): { name: string; values: ArrayLike<number> }[] {
	const out: { name: string; values: ArrayLike<number> }[] = [{ name: distanceColumn(s.model.mixed?.kind), values: s.distances }];
	const k = s.model.k, rows = s.labels.length, probs = s.probs;
	if (probs) for (let c = 0; c < k; c++) out.push({ name: `probability_${c + 1}`, values: Float64Array.from({ length: rows }, (_, i) => probs[i * k + c]) });
	return out;
}

/** The results file's distance column: to the centre, or (mixed data) the Gower dissimilarity to the medoid / Huang's to the prototype. */
export function distanceColumn(kind: 'gower' | 'kprototypes' | undefined): string {
	return kind === 'gower' ? 'gower_to_medoid' : kind === 'kprototypes' ? 'dissimilarity_to_prototype' : 'distance_to_centre';
}

/**
 * The model file: the Recipe plus everything fitted — preparation parameters, segment centres in the clustered
 * space, segment names — and the training distribution of every feature (for drift checks when scoring).
 * Schema documented in docs/model-schema.md; `version` changes whenever a field changes meaning.
 */
import type { KSummary } from '../analyse';
import type { SourceFingerprint } from '../data/fingerprint';
import { ALGORITHM_SHORT_NAME } from '../describe-algorithm';
import { EngineError } from '../errors';
import type { Recipe } from '../recipe';
import type { FittedPrep, Table } from '../types';
import { columnNamed } from '../data/column-named';
import { validateModel } from './model-schema';
import type { MixedAssignment } from '../mixed-assign';
import type { MixedOutput } from '../cluster-mixed';

export const MODEL_FORMAT = 'segment-lab-model';
export const MODEL_VERSION = 1;
/** Bins of the training distribution kept per numeric feature (deciles), for the population stability index. */
export const PSI_BINS = 10;

/** FittedPrep with its typed arrays as plain lists (JSON). */
export type FittedPrepJson = Omit<FittedPrep, 'scale' | 'weights'> & { scale: { methods: FittedPrep['scale']['methods']; center: number[]; scale: number[] }; weights: number[] };

export interface FeatureDistribution {
	feature: string;
	/** Inner bin edges (PSI_BINS − 1 training deciles, original units); a value v falls in the first bin with v ≤ edge. */
	edges: number[];
	/** Share of training rows per bin, then the share of missing cells last. */
	shares: number[];
}

export interface SegmentModel {
	format: typeof MODEL_FORMAT;
	version: typeof MODEL_VERSION;
	createdAt: string;
	recipe: Recipe;
	source: SourceFingerprint;
	k: number;
	algorithm: string;
	/**
	 * How new rows are assigned: the nearest centre in the clustered (prepared, weighted) space, the most probable
	 * mixture component, the nearest medoid by Gower dissimilarity with the training scaling (PAM), or the nearest
	 * prototype by Huang's dissimilarity with the run's γ (k-prototypes); `mixed` holds the scaling or γ.
	 */
	assignment: 'nearest-centre' | 'gaussian-mixture' | 'nearest-medoid-gower' | 'nearest-prototype';
	mixed?: MixedAssignment;
	/** Gaussian mixtures: the fitted components in sklearn's layouts (segment order), see docs/model-schema.md. */
	mixture?: { covarianceType: 'full' | 'diag' | 'spherical' | 'tied'; weights: number[]; means: number[]; covariances: number[]; precisionsCholesky: number[] };
	features: string[];
	fitted: FittedPrepJson;
	/** k × prepared columns, in the clustered space. */
	centers: number[][];
	/** k × features, original units (for reading, not used for assignment). */
	centersOriginal: number[][];
	segments: { segment: number; name: string; size: number; share: number }[];
	training: { rows: number; rowsClustered: number; distributions: FeatureDistribution[] };
}

/** What the model needs of a run: a trimmed AnalysisResult for one k. */
export interface ModelInput {
	recipe: Recipe;
	source: SourceFingerprint;
	fitted: FittedPrep;
	rowIndex: Int32Array;
	rowCount: number;
	summary: Pick<KSummary, 'k' | 'sizes' | 'centers' | 'modelCenters'> & { algorithm?: string; mixture?: SegmentModel['mixture']; mixed?: MixedOutput };
	names: string[];
}

export function buildModel(table: Table, input: ModelInput, createdAt = new Date().toISOString()): SegmentModel {
	const { recipe, summary } = input;
	const alg = summary.algorithm ?? recipe.algorithm.name;
	if (recipe.pcaComponents != null) {
		throw new EngineError('bad-parameter', 'A model file cannot yet be made for a run clustered on principal components.', 'Cluster on the features (no PCA step) to export a model for scoring.');
	}
	if (alg === 'dbscan' || alg === 'hdbscan') {
		const name = ALGORITHM_SHORT_NAME[alg];
		throw new EngineError('bad-parameter', `A model file is not available for ${name} runs: ${name} has no centres or components to assign new rows to.`, 'Use k-means or a Gaussian mixture to export a model for scoring new customers.');
	}
	if (alg === 'gmm' && !summary.mixture) throw new EngineError('internal', 'This Gaussian-mixture run has no stored mixture parameters.', 'Run the analysis again.');
	if (!summary.modelCenters) throw new EngineError('internal', 'This run has no segment centres to store.', 'Run the analysis again.');
	const total = summary.sizes.reduce((a, b) => a + b, 0);
	const f = input.fitted;
	const mixed = mixedAssignment(summary.mixed);
	return {
		format: MODEL_FORMAT,
		version: MODEL_VERSION,
		createdAt,
		recipe: { ...recipe, k: summary.k },
		source: input.source,
		k: summary.k,
		algorithm: alg,
		assignment: summary.mixture ? 'gaussian-mixture' : mixed ? (mixed.kind === 'gower' ? 'nearest-medoid-gower' : 'nearest-prototype') : 'nearest-centre',
		...(summary.mixture ? { mixture: summary.mixture } : {}),
		...(mixed ? { mixed } : {}),
		features: [...f.features],
		fitted: { ...f, scale: { methods: [...f.scale.methods], center: Array.from(f.scale.center), scale: Array.from(f.scale.scale) }, weights: Array.from(f.weights) },
		centers: summary.modelCenters,
		centersOriginal: summary.centers,
		segments: summary.sizes.map((size, s) => ({ segment: s + 1, name: input.names[s] ?? `Segment ${s + 1}`, size, share: total ? size / total : 0 })),
		training: { rows: input.rowCount, rowsClustered: input.rowIndex.length, distributions: distributions(table, f, input.rowIndex) }
	};
}

export function mixedAssignment(m: MixedOutput | undefined): MixedAssignment | null {
	if (!m) return null;
	if (m.algorithm === 'pam') {
		if (!m.gowerMin || !m.gowerRange) throw new EngineError('internal', 'This PAM run has no stored Gower scaling.', 'Run the analysis again.');
		return { kind: 'gower', min: m.gowerMin, range: m.gowerRange };
	}
	return { kind: 'kprototypes', gamma: m.gamma ?? NaN };
}

/** Training deciles of each numeric feature over the clustered rows. */
function distributions(table: Table, f: FittedPrep, rowIndex: Int32Array): FeatureDistribution[] {
	const out: FeatureDistribution[] = [];
	for (const pf of f.perFeature) {
		if (pf.encoding !== 'numeric') continue;
		const col = columnNamed(table, pf.name);
		if (!col) continue;
		const present: number[] = [];
		for (let r = 0; r < rowIndex.length; r++) {
			const v = col.numbers[rowIndex[r]];
			if (!Number.isNaN(v)) present.push(v);
		}
		const sorted = Float64Array.from(present).sort();
		const edges: number[] = [];
		for (let b = 1; b < PSI_BINS; b++) {
			const e = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / PSI_BINS))] : NaN;
			if (Number.isFinite(e) && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
		}
		out.push({ feature: pf.name, edges, shares: binShares(col.numbers, rowIndex, edges) });
	}
	return out;
}

/** Share of rows per bin (edges as in FeatureDistribution), the missing share last. */
export function binShares(x: Float64Array, rows: ArrayLike<number> | null, edges: number[]): number[] {
	const counts = new Array<number>(edges.length + 2).fill(0);
	const n = rows ? rows.length : x.length;
	for (let r = 0; r < n; r++) {
		const v = x[rows ? rows[r] : r];
		if (Number.isNaN(v)) {
			counts[edges.length + 1]++;
			continue;
		}
		let lo = 0, hi = edges.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (v <= edges[mid]) hi = mid;
			else lo = mid + 1;
		}
		counts[lo]++;
	}
	return counts.map((c) => (n ? c / n : 0));
}

/** Reads and checks a model file's shape; restores the typed arrays preparation needs. */
export function readModel(value: unknown): { model: SegmentModel; fitted: FittedPrep } {
	// Every field scoring reads is checked by name (model-schema.ts).
	return validateModel(value);
}

/**
 * The single entry point: Table + Recipe → results. The worker API and the command line both call this and
 * nothing else of substance, which is what makes one Recipe give the same labels in the browser and in Node.
 */
import { requireSkippedAccepted } from './data/skipped';
import { centroidsOf, clusterAtK, hierarchyNote, UNCERTAIN_BELOW, type DbscanOutput, type GmmOutput, type HdbscanOutput, type HierarchyOutput } from './cluster-k';
import { fingerprint, type SourceFingerprint } from './data/fingerprint';
import { EngineError } from './errors';
import { gapAtOne, kMetrics, silhouetteNote, type KMetrics } from './evidence';
import type { GapPoint } from './metrics/gap';
import { KNEE_SENSITIVITY, recommend, type Recommendation } from './metrics/recommend';
import { maxSupportedK } from './k-limit';
import { prepare } from './prep/prepare';
import { toFeatureUnits } from './prep/invert';
import { statusNotes } from './prep/status-notes';
import { asideGroup, type AsideGroup } from './profile/aside-group';
import { relabelBySize, segmentMeans } from './profile/segment-means';
import { segmentProfile, type SegmentProfile } from './profile/segment-profile';
import { extremeSegments, type ExtremeSegment } from './profile/extreme-segments';
import { subProgress, throwIfAborted, type RunControl } from './progress';
import { pcaView, scorePair, type PcaView } from './project/pca-view';
import { pcaFeatures, toPreparedSpace } from './project/pca-features';
import { hasK, isMixedAlgorithm, type AlgorithmName, type Recipe } from './recipe';
import { clusterMixedAtK, mixedMetrics, mixedNote, type MixedOutput } from './cluster-mixed';
import type { FeatureMatrix, FittedPrep, Table } from './types';
import { checkRecipeColumns } from './recipe-table';
import { outputNameNotes } from './export/output-names';

/** One k: inertia, every metric of evidence.ts (silhouette with its sampling, DB, CH, gap, stability), the segments. */
export interface KSummary extends KMetrics {
	k: number;
	inertia: number;
	/** Rows per segment, segment 0 the largest. */
	sizes: number[];
	/** Segment centres in original units (k × features). */
	centers: number[][];
	/** Mean of each feature per segment over present values, original units (k × features). */
	means: number[][];
	iterations: number;
	converged: boolean;
	/** Per-segment statistics, distinguishing features, tests, names and personas (profile/segment-profile.ts). */
	profile?: SegmentProfile;
	/** Segment centres in the space that was clustered (prepared, or principal-component scores), k × cols: the model file and scoring use these. */
	modelCenters?: number[][];
	algorithm?: AlgorithmName;
	/** Hierarchical: the tree height at which cutting leaves these k clusters. */
	cutHeight?: number;
	/** DBSCAN: eps, minPts, noise count, core flags, the k-distance curve and its suggested eps. Noise rows have segment −1. */
	dbscan?: DbscanOutput;
	/** HDBSCAN: parameters, noise count, per-row membership probabilities and outlier scores, segment stabilities, condensed tree. Noise rows have segment −1. */
	hdbscan?: HdbscanOutput;
	/** Segments under 2% or over 90% of the clustered rows: the likely cause and a one-click remedy. */
	extremes?: ExtremeSegment[];
	/** Gaussian mixture: log-likelihood, BIC, AIC, degenerate components, membership probabilities (rows × k). */
	gmm?: GmmOutput;
	/** PAM on Gower distances or k-prototypes: cost, medoids (clustered rows, segment order), γ, the Gower scaling. */
	mixed?: MixedOutput;
}

export interface AnalysisResult {
	recipe: Recipe;
	source: SourceFingerprint;
	features: string[];
	rowCount: number;
	rowsClustered: number;
	/** Per table row: RowStatus code. */
	status: Uint8Array;
	/** Table row of each clustered row. */
	rowIndex: Int32Array;
	/** With "distinct rows only" (prep.distinctRows): per table row, the table row it repeats, else −1. */
	repeatOf?: Int32Array;
	perK: KSummary[];
	/** Per k (same order as perK), the segment (0-based) of each clustered row. */
	labels: Int32Array[];
	/** The k shown first: the recipe's, else the recommended one (recommendation.k). */
	chosenK: number;
	bestSilhouetteK: number;
	/** The recommended k, the metrics that agree and disagree, and why (metrics/recommend.ts). */
	recommendation: Recommendation;
	/** Gap statistic at k = 1 (when requested), so the firstSEmax rule can find "no structure". */
	gapK1: GapPoint | null;
	/**
	 * PCA of the prepared features: coords = scores on PC1 and PC2 (rows × 2); explained variance and ratio of
	 * every component (scree); components, loadings (biplot) and scores (rows × dims) of the first dims ≤ 6.
	 */
	pca: PcaView & { coords: Float32Array };
	fitted: FittedPrep;
	/** Outliers set aside by preparation: not clustered, shown as a group of their own. */
	aside: AsideGroup;
	/** The matrix that was clustered (RunOptions.keepMatrix only). */
	matrix?: FeatureMatrix;
	notes: string[];
	/** Hierarchical runs: the one tree every k was cut from (the dendrogram). */
	hierarchy?: HierarchyOutput;
}

/** What a run knows before any k is clustered: where rows went, fitted preparation, notes, the projection. */
export type RunBase = Pick<AnalysisResult, 'source' | 'features' | 'rowCount' | 'rowsClustered' | 'status' | 'rowIndex' | 'repeatOf' | 'fitted' | 'aside' | 'notes' | 'pca' | 'gapK1'>;

/** One k's outcome. */
export interface KPart {
	summary: KSummary;
	labels: Int32Array;
	hierarchy?: HierarchyOutput;
}

/**
 * Single-threaded composition of the run: prepare, every k, assemble. The worker pool runs the same pieces
 * (prepareRun once per worker, clusterOneK per job, assembleResult on the page), so both paths agree exactly.
 */
export function analyse(table: Table, recipe: Recipe, control: RunControl = {}, options: RunOptions = {}): AnalysisResult {
	const { onProgress, signal } = control;
	const { matrix, base } = prepareRun(table, recipe, options);
	options.betweenPhases?.();
	const ks = kValues(recipe, matrix.rows);
	const span = 0.9 / ks.length;
	const parts = ks.map((k, idx) => {
		throwIfAborted(signal);
		const part = clusterOneK(table, matrix, recipe, k, { signal, onProgress: subProgress(onProgress, idx * span, (idx + 1) * span) }, options.betweenPhases);
		options.betweenPhases?.();
		return part;
	});
	onProgress?.({ stage: 'Done', fraction: 1 });
	const result = assembleResult(recipe, base, parts);
	return options.keepMatrix ? { ...result, matrix } : result;
}

/** The k values a recipe asks for, capped by the rows there are; a range that starts too high is an error. */
export function kValues(recipe: Recipe, rows: number): number[] {
	// DBSCAN and HDBSCAN find their own number of clusters: one job, whatever the k range says.
	if (!hasK(recipe.algorithm)) return [0];
	const [kLo, kHi] = recipe.kRange;
	if (kLo > rows) {
		throw new EngineError(
			'bad-parameter',
			`k = ${kLo} is more segments than there are rows to cluster (${rows}).`,
			`Choose a k range that starts below ${rows}.`
		);
	}
	const ks: number[] = [];
	for (let k = kLo; k <= Math.min(kHi, rows); k++) ks.push(k);
	return ks;
}

/**
 * rowScores false: the projection keeps no per-row scores (pca.scores and pca.coords empty), for callers that show
 * no map — the command line, where they were 0.7 GB of a 22M-row run.
 */
export interface RunOptions {
	rowScores?: boolean;
	/** Return the clustered matrix (AnalysisResult.matrix), so per-row columns need not prepare it again. */
	keepMatrix?: boolean;
	/** Called between phases (after preparation, after each k's clustering, after each k): the command line collects garbage there. */
	betweenPhases?: () => void;
}

/** Prepares the features and computes everything that does not depend on k. */
export function prepareRun(table: Table, recipe: Recipe, options: RunOptions = {}): { matrix: FeatureMatrix; base: RunBase } {
	requireSkippedAccepted(table, recipe.acceptSkipped);
	checkRecipeColumns(table, recipe);
	const prepared = prepare(table, recipe);
	const notes: string[] = [];
	// The projection view shows PCA of the prepared features whatever is clustered on.
	const pcaOfFeatures = project(prepared, options.rowScores !== false);
	let matrix = prepared;
	if (recipe.pcaComponents != null) {
		const r = pcaFeatures(prepared, recipe.pcaComponents);
		matrix = r.matrix;
		notes.push(`Clustered on the first ${matrix.cols} principal components of the prepared features (${(r.kept * 100).toFixed(1)}% of their variance).`);
	}
	const mixed = isMixedAlgorithm(recipe.algorithm);
	const silNote = mixed ? null : silhouetteNote(matrix.rows);
	if (silNote) notes.push(silNote);
	if (mixed) notes.push(mixedNote(recipe.algorithm as Parameters<typeof mixedNote>[0], matrix));
	if (mixed && (recipe.evidence?.gapB || recipe.evidence?.stabilityB)) notes.push('The gap statistic and stability are not computed for PAM or k-prototypes: they recluster numeric resamples and reference data, which mixed categories do not have.');
	notes.push(...statusNotes(matrix.status));
	notes.push(...outputNameNotes(table.columns.map((c) => c.name)));
	const base: RunBase = {
		source: fingerprint(table),
		features: [...recipe.features],
		rowCount: table.rowCount,
		rowsClustered: matrix.rows,
		status: matrix.status,
		rowIndex: matrix.rowIndex,
		...(matrix.repeatOf ? { repeatOf: matrix.repeatOf } : {}),
		fitted: matrix.fitted,
		aside: asideGroup(table, recipe.features, matrix.status),
		notes,
		pca: pcaOfFeatures,
		gapK1: mixed ? null : gapAtOne(matrix, recipe)
	};
	return { matrix, base };
}

/** Puts a run together from its base and the finished k values (any order, any subset: a cancelled sweep keeps what is done). */
export function assembleResult(recipe: Recipe, base: RunBase, parts: KPart[]): AnalysisResult {
	if (parts.length === 0) throw new EngineError('internal', 'No value of k has finished yet.', 'Run again and let at least one k finish.');
	const sorted = [...parts].sort((a, b) => a.summary.k - b.summary.k);
	const perK = sorted.map((p) => p.summary);
	const best = perK.reduce((a, b) => (b.silhouette > a.silhouette ? b : a), perK[0]);
	// The one decision about k: the page, the report and the command line all show this recommendation.
	const noStability = isMixedAlgorithm(recipe.algorithm) ? { noStability: 'Stability is not computed for PAM or k-prototypes (it reclusters numeric resamples).' } : {};
	const context = hasK(recipe.algorithm) ? { range: recipe.kRange, rows: base.rowsClustered, cap: maxSupportedK(base.rowsClustered), ...noStability } : { found: true };
	const recommendation = recommend(perK, base.gapK1, KNEE_SENSITIVITY, context);
	const chosenK = recipe.k !== null && perK.some((s) => s.k === recipe.k) ? recipe.k : recommendation.k;
	const hierarchy = sorted.find((p) => p.hierarchy)?.hierarchy;
	const note = hierarchy ? hierarchyNote(hierarchy, base.rowsClustered) : null;
	const notes = note ? [...base.notes, note] : base.notes;
	return { recipe, ...base, notes, perK, labels: sorted.map((p) => p.labels), chosenK, bestSilhouetteK: best.k, recommendation, ...(hierarchy ? { hierarchy } : {}) };
}

/**
 * The recipe's algorithm for one k (clusterAtK), relabelled by size, with metrics and profiles. Seeded by
 * (seed, k) so k values can run anywhere. Metrics of a DBSCAN run leave noise rows out (label −1).
 */
export function clusterOneK(table: Table, matrix: FeatureMatrix, recipe: Recipe, k: number, control: RunControl = {}, afterClustering?: () => void): KPart {
	const { data, rows, cols } = matrix;
	const alg = recipe.algorithm;
	const clusterControl = { signal: control.signal, onProgress: subProgress(control.onProgress, 0, 0.8) };
	const mixedRes = isMixedAlgorithm(alg) ? clusterMixedAtK(matrix, alg, k, recipe.seed, clusterControl) : null;
	const res = mixedRes ?? clusterAtK(data, rows, cols, alg, k, recipe.seed, clusterControl);
	afterClustering?.();
	k = res.k;
	const { labels, order } = relabelBySize(res.labels, k);
	// The algorithm's own centres and inertia when it has them (k-means); else the segments' means and sum of squares.
	const own = res.centers && res.inertia != null ? null : centroidsOf(data, rows, cols, labels, k);
	let centersScaled = own?.centers ?? new Float64Array(0);
	if (res.centers) {
		centersScaled = new Float64Array(k * cols);
		order.forEach((old, neu) => centersScaled.set(res.centers!.subarray(old * cols, (old + 1) * cols), neu * cols));
	}
	const inertia = res.inertia ?? own!.inertia;
	const centersOrig = toFeatureUnits(toPreparedSpace(matrix, centersScaled, k), k, matrix.fitted);
	const nf = matrix.fitted.features.length;
	control.onProgress?.({ stage: `Metrics for k = ${k}`, fraction: 0.8 });
	const metrics = mixedRes ? mixedMetrics(mixedRes, rows) : k >= 2
		? kMetrics(matrix, res.dbscan || res.hdbscan ? { ...recipe, evidence: undefined } : recipe, k, labels, inertia, { signal: control.signal, onProgress: subProgress(control.onProgress, 0.8, 1) })
		: noMetrics();
	const sizes = new Array<number>(k).fill(0);
	for (let i = 0; i < rows; i++) if (labels[i] >= 0) sizes[labels[i]]++;
	const profile = segmentProfile(table, recipe.features, matrix.rowIndex, labels, k);
	const prepState = { log1p: new Set(matrix.fitted.perFeature.filter((f) => f.log1p).map((f) => f.name)), outliersOn: recipe.prep.outliers.method !== 'none' && recipe.prep.outliers.action === 'setAside', distinctOn: recipe.prep.distinctRows === true };
	const extremes = extremeSegments(table, recipe.features, matrix.rowIndex, labels, sizes, profile.segments.map((s) => s.smd), prepState,
		recipe.algorithm.name === 'hdbscan' ? recipe.algorithm.minClusterSize : undefined);
	profile.warnings = [...extremes.map((e) => e.text), ...profile.warnings];
	const summary: KSummary = {
		k,
		inertia,
		...metrics,
		sizes,
		centers: Array.from({ length: k }, (_, s) => Array.from(centersOrig.subarray(s * nf, (s + 1) * nf))),
		means: segmentMeans(table, recipe.features, matrix.rowIndex, labels, k, profile),
		iterations: res.iterations,
		converged: res.converged,
		profile,
		...(extremes.length ? { extremes } : {}),
		modelCenters: Array.from({ length: k }, (_, s) => Array.from(centersScaled.subarray(s * cols, (s + 1) * cols))),
		algorithm: recipe.algorithm.name,
		...(res.cutHeight !== undefined ? { cutHeight: res.cutHeight } : {}),
		...(res.dbscan ? { dbscan: res.dbscan } : {}),
		...(res.hdbscan ? { hdbscan: reorderHdbscan(res.hdbscan, order) } : {}),
		...(res.gmm ? { gmm: reorderProbs(res.gmm, order, rows, k) } : {}),
		...(mixedRes ? { mixed: { ...mixedRes.mixed, ...(mixedRes.mixed.medoids ? { medoids: order.map((old) => mixedRes.mixed.medoids![old]) } : {}) } } : {})
	};
	control.onProgress?.({ stage: `k = ${k} done`, fraction: 1 });
	return { summary, labels, ...(res.hierarchy ? { hierarchy: res.hierarchy } : {}) };
}

/** Stabilities and tree segments in the relabelled segment order (segment s = old cluster order[s]). */
function reorderHdbscan(h: HdbscanOutput, order: number[]): HdbscanOutput {
	const neu = new Array<number>(order.length);
	order.forEach((old, s) => (neu[old] = s));
	return { ...h, stabilities: order.map((old) => h.stabilities[old]), tree: h.tree.map((c) => ({ ...c, segment: c.segment >= 0 ? neu[c.segment] : -1 })) };
}

/** Membership probabilities in the relabelled segment order, and the count of uncertain rows. */
function reorderProbs(g: GmmOutput, order: number[], rows: number, k: number): GmmOutput {
	const probs = new Float64Array(rows * k);
	let uncertain = 0;
	for (let i = 0; i < rows; i++) {
		let max = 0;
		for (let s = 0; s < k; s++) {
			const p = g.probs[i * k + order[s]];
			probs[i * k + s] = p;
			if (p > max) max = p;
		}
		if (max < UNCERTAIN_BELOW) uncertain++;
	}
	return { ...g, probs, uncertain, ...(g.mixture ? { mixture: reorderMixture(g.mixture, g.covariance, order, g.mixture.means.length / k) } : {}) };
}

/** The mixture's components in the relabelled order (segment s = old component order[s]); a tied covariance is shared. */
function reorderMixture(m: NonNullable<GmmOutput['mixture']>, type: GmmOutput['covariance'], order: number[], d: number): NonNullable<GmmOutput['mixture']> {
	const pick = (xs: number[], size: number) => order.flatMap((old) => xs.slice(old * size, (old + 1) * size));
	const per = type === 'full' ? d * d : type === 'diag' ? d : type === 'spherical' ? 1 : 0;
	return {
		weights: pick(m.weights, 1),
		means: pick(m.means, d),
		covariances: per ? pick(m.covariances, per) : m.covariances,
		precisionsCholesky: per ? pick(m.precisionsCholesky, per) : m.precisionsCholesky
	};
}

/** A single cluster (DBSCAN can find one) has no silhouette, Davies–Bouldin or Calinski–Harabasz. */
function noMetrics(): KMetrics {
	return {
		silhouette: NaN, silhouetteSampleSize: 0, silhouetteExact: true, silhouetteRepeats: 0, silhouetteCi: null,
		silhouetteValues: new Float32Array(0), silhouetteRows: null, daviesBouldin: NaN, calinskiHarabasz: NaN, gap: null, stability: null
	};
}

/** The projection view's PCA of a prepared matrix (the first 6 components; per-row scores unless rowScores is false). */
export function project(matrix: FeatureMatrix, rowScores: boolean): AnalysisResult['pca'] {
	const view = pcaView(matrix.data, matrix.rows, matrix.cols, 6, rowScores);
	return { ...view, coords: scorePair(view, 0, 1) };
}

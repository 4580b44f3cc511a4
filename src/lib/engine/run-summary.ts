/**
 * One line of the run history: what a run was asked to do (algorithm, features, preparation, k range), what it
 * found (the recommended k and its silhouette, rows clustered) and what changed from the run before it. The page
 * and the history list show these words as they are.
 */
import type { AnalysisResult } from './analyse';
import { own } from './names';
import type { Recipe } from './recipe';
import { hasK } from './recipe';
import { recipeChanges } from './recipe-changes';
import { algorithmTitle } from './recipe-edit';

export interface RunSummary {
	algorithm: string;
	features: string[];
	/** "z-score; log1p on 2 columns; missing: median; outliers beyond 1.5 × IQR set aside" */
	preparation: string;
	/** "2–8", or "found by the algorithm" for DBSCAN and HDBSCAN. */
	kRange: string;
	recommendedK: number;
	/** The recommended k's mean silhouette; null when it has none (a single segment, all noise). */
	silhouette: number | null;
	rowsClustered: number;
	rowCount: number;
	/** Wall time of the run in ms, when measured. */
	ms: number | null;
}

const OUTLIER_ACTION: Record<string, string> = { flag: 'flagged', clip: 'clipped', setAside: 'set aside' };
const SCALE: Record<string, string> = { zscore: 'z-score', minmax: 'min–max', robust: 'robust', none: 'no scaling' };

/** The preparation in one line: the default scaling, then only what departs from the plain defaults. */
export function preparationSummary(r: Recipe): string {
	const cols = r.features.map((f) => own(r.prep.columns, f) ?? {});
	const count = (pred: (c: (typeof cols)[number]) => boolean, what: string) => {
		const n = cols.filter(pred).length;
		return n ? [`${what} on ${n} column${n === 1 ? '' : 's'}`] : [];
	};
	const parts = [
		SCALE[r.prep.scale] ?? r.prep.scale,
		...count((c) => c.scale !== undefined && c.scale !== r.prep.scale, 'own scaling'),
		...count((c) => !!c.log1p, 'log1p'),
		...count((c) => !!c.yeoJohnson, 'Yeo-Johnson'),
		...count((c) => !!c.clip, 'clipping'),
		...count((c) => c.weight !== undefined && c.weight !== 1, 'weights'),
		`missing: ${r.prep.missing}`
	];
	const o = r.prep.outliers;
	if (o.method !== 'none') parts.push(`outliers beyond ${o.method === 'iqr' ? `${o.threshold} × IQR` : `|z| ${o.threshold}`} ${OUTLIER_ACTION[o.action] ?? o.action}`);
	if (r.pcaComponents) parts.push(`on ${r.pcaComponents} principal components`);
	if (r.rfm) parts.push('customer features built from transactions');
	if (r.exclude?.rows.length) parts.push(`${r.exclude.rows.length.toLocaleString('en')} row(s) left out`);
	return parts.join('; ');
}

export function runSummary(result: AnalysisResult, ms: number | null = null): RunSummary {
	const r = result.recipe;
	const rec = result.recommendation?.k ?? result.chosenK;
	const s = result.perK.find((p) => p.k === rec)?.silhouette;
	return {
		algorithm: algorithmTitle(r.algorithm.name),
		features: [...r.features],
		preparation: preparationSummary(r),
		kRange: hasK(r.algorithm) ? `${r.kRange[0]}–${r.kRange[1]}` : 'found by the algorithm',
		recommendedK: rec,
		silhouette: s !== undefined && Number.isFinite(s) ? s : null,
		rowsClustered: result.rowsClustered,
		rowCount: result.rowCount,
		ms
	};
}

/** What changed from the run before, in a few words ("first run", "algorithm gmm, k 2–6", "same recipe"). */
export function runChange(prev: Recipe | null, next: Recipe): string {
	if (!prev) return 'first run';
	const out: string[] = [];
	for (const c of recipeChanges(prev, next)) {
		if (c === 'algorithm') out.push(prev.algorithm.name === next.algorithm.name ? `${algorithmTitle(next.algorithm.name)} settings` : algorithmTitle(next.algorithm.name));
		else if (c === 'k range') out.push(`k ${next.kRange[0]}–${next.kRange[1]}`);
		else if (c === 'seed') out.push(`seed ${next.seed}`);
		else out.push(`${c} changed`);
	}
	return out.length ? out.join(', ') : 'same recipe';
}

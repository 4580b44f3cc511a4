/**
 * What one edit of the workspace's Recipe did, in the words the Undo and Redo buttons show ("Undo: change algorithm
 * to Gaussian mixture"), and a key saying which field it touched, so rapid edits of one field (typing a name,
 * stepping a number) coalesce into one undo step (state/undo.ts). The state an edit moves between is the draft
 * Recipe plus what the page shows of a result: the segment names typed per k and the k on show.
 */
import { canonical } from './recipe-changes';
import { hasK, type ColumnPrep, type Recipe } from './recipe';
import { own } from './names';

export interface RecipeState {
	recipe: Recipe;
	/** Segment names typed per k ("" = the automatic name). */
	names: Record<string, string[]>;
	/** The k on show, null before a run. */
	k: number | null;
}

export interface RecipeEdit {
	/** The field touched: equal keys in quick succession are one undo step. */
	key: string;
	/** A phrase after "Undo: " or "Redo: ". */
	label: string;
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const q = (s: string) => `“${s}”`;

const ALGORITHM_TITLE: Record<string, string> = {
	kmeans: 'k-means',
	minibatch: 'mini-batch k-means',
	hierarchical: 'hierarchical clustering',
	dbscan: 'DBSCAN',
	gmm: 'Gaussian mixture',
	hdbscan: 'HDBSCAN',
	pam: 'PAM on Gower',
	kprototypes: 'k-prototypes'
};
const PARAM_TITLE: Record<string, string> = {
	nInit: 'restarts',
	maxIter: 'maximum iterations',
	tol: 'tolerance',
	refine: 'refinement',
	refineMaxRows: 'refinement up to rows',
	moreRestarts: 'more restarts',
	batchSize: 'batch size',
	reassignmentRatio: 'reassignment ratio',
	minPts: 'minPts',
	minClusterSize: 'minimum cluster size',
	minSamples: 'min samples',
	selection: 'cluster selection',
	covariance: 'covariance',
	regCovar: 'covariance regularisation',
	gamma: 'γ',
	maxPasses: 'maximum passes'
};
const SCALE_TITLE: Record<string, string> = { zscore: 'z-score', minmax: 'min–max', robust: 'robust', none: 'none' };
const MISSING_TITLE: Record<string, string> = { median: 'the median', mean: 'the mean', mode: 'the most frequent value', drop: 'leave the row out', constant: 'a constant' };

export const algorithmTitle = (name: string): string => ALGORITHM_TITLE[name] ?? name;

function setting(name: string, v: unknown): string {
	if (typeof v === 'boolean') return `turn ${name} ${v ? 'on' : 'off'}`;
	return v === undefined || v === null ? `reset ${name}` : `set ${name} to ${typeof v === 'string' ? v : canonical(v)}`;
}

/** One column's preparation: which field changed, in words. */
function columnPrepEdit(col: string, a: ColumnPrep, b: ColumnPrep): RecipeEdit {
	const fields = (['scale', 'log1p', 'yeoJohnson', 'missing', 'fillValue', 'clip', 'weight', 'allowManyLevels'] as const).filter((f) => !same(a[f], b[f]));
	// Ticking log1p clears Yeo-Johnson (and back): the one switched on (or off) is the edit.
	const f = fields.find((x) => b[x] !== undefined) ?? fields[0];
	const key = `prep:${col}:${fields.join('+')}`;
	const v = b[f as keyof ColumnPrep];
	switch (f) {
		case 'scale':
			return { key, label: v === undefined ? `scale ${q(col)} like every feature` : `set scaling of ${q(col)} to ${SCALE_TITLE[v as string] ?? v}` };
		case 'log1p':
			return { key, label: `turn log1p ${v ? 'on' : 'off'} for ${q(col)}` };
		case 'yeoJohnson':
			return { key, label: `turn Yeo-Johnson ${v ? 'on' : 'off'} for ${q(col)}` };
		case 'missing':
			return { key, label: v === undefined ? `fill missing values of ${q(col)} like every feature` : `fill missing values of ${q(col)} with ${MISSING_TITLE[v as string] ?? v}` };
		case 'clip':
			return { key, label: v ? `clip ${q(col)} to percentiles ${(v as number[]).join('–')}` : `stop clipping ${q(col)}` };
		case 'weight':
			return { key, label: `set the weight of ${q(col)} to ${v ?? 1}` };
		default:
			return { key, label: `change the preparation of ${q(col)}` };
	}
}

type Part = RecipeEdit & { kind: string };

function recipeParts(a: Recipe, b: Recipe): Part[] {
	const out: Part[] = [];
	if (a.source.hash !== b.source.hash || !same(a.rfm, b.rfm)) out.push({ kind: 'data', key: 'data', label: 'change the data' });
	const types = [...new Set([...Object.keys(a.columnTypes ?? {}), ...Object.keys(b.columnTypes ?? {})])].filter((c) => !same(own(a.columnTypes, c), own(b.columnTypes, c)));
	if (types.length) {
		const c = types[0], kind = own(b.columnTypes, c);
		out.push({ kind: 'column types', key: `type:${types.join('+')}`, label: types.length > 1 ? `change the type of ${types.length} columns` : kind ? `set the type of ${q(c)} to ${kind}` : `give ${q(c)} its detected type` });
	} else if (!same(a.features, b.features)) {
		// A type change unticks the column as well: the type is the edit, not a second one.
		const added = b.features.filter((f) => !a.features.includes(f)), removed = a.features.filter((f) => !b.features.includes(f));
		const one = added.length + removed.length === 1;
		const label = !one ? `change the features (${b.features.length} chosen)` : added.length ? `tick feature ${q(added[0])}` : `untick feature ${q(removed[0])}`;
		out.push({ kind: 'features', key: one ? `features:${added[0] ?? removed[0]}` : 'features', label });
	}
	const cols = [...new Set([...Object.keys(a.prep.columns), ...Object.keys(b.prep.columns)])].filter((c) => !same(own(a.prep.columns, c), own(b.prep.columns, c)));
	if (cols.length === 1) out.push({ kind: 'preparation', ...columnPrepEdit(cols[0], own(a.prep.columns, cols[0]) ?? {}, own(b.prep.columns, cols[0]) ?? {}) });
	else if (cols.length > 1) out.push({ kind: 'preparation', key: 'prep:columns', label: `change the preparation of ${cols.length} columns` });
	if (a.prep.scale !== b.prep.scale) out.push({ kind: 'preparation', key: 'prep:scale', label: `set the default scaling to ${SCALE_TITLE[b.prep.scale] ?? b.prep.scale}` });
	if (a.prep.missing !== b.prep.missing) out.push({ kind: 'preparation', key: 'prep:missing', label: `fill missing values with ${MISSING_TITLE[b.prep.missing] ?? b.prep.missing}` });
	if (!same(a.prep.outliers, b.prep.outliers)) out.push({ kind: 'preparation', key: 'prep:outliers', label: b.prep.outliers.method === 'none' ? 'stop handling outliers' : 'change the outlier rule' });
	if (a.idColumn !== b.idColumn) out.push({ kind: 'id column', key: 'id', label: b.idColumn ? `use ${q(b.idColumn)} as the id column` : 'use no id column' });
	if (!same(a.pcaComponents, b.pcaComponents)) out.push({ kind: 'preparation', key: 'pca', label: b.pcaComponents ? `cluster on ${b.pcaComponents} principal components` : 'cluster on the features, not principal components' });
	if (a.algorithm.name !== b.algorithm.name) out.push({ kind: 'algorithm', key: 'algorithm', label: `change algorithm to ${algorithmTitle(b.algorithm.name)}` });
	else if (!same(a.algorithm, b.algorithm)) {
		const pa = a.algorithm as unknown as Record<string, unknown>, pb = b.algorithm as unknown as Record<string, unknown>;
		const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => !same(pa[k], pb[k]));
		const label = keys.length === 1 ? `${setting(PARAM_TITLE[keys[0]] ?? keys[0], pb[keys[0]])} (${algorithmTitle(b.algorithm.name)})` : `change the ${algorithmTitle(b.algorithm.name)} settings`;
		out.push({ kind: 'algorithm', key: `algorithm:${keys.join('+')}`, label });
	}
	if (!same(a.kRange, b.kRange)) out.push({ kind: 'k range', key: 'kRange', label: `change the k range to ${b.kRange[0]}–${b.kRange[1]}` });
	else if (a.k !== b.k) out.push({ kind: 'k', key: 'recipeK', label: b.k === null ? 'use the recommended k' : `fix k at ${b.k}` });
	if (a.seed !== b.seed) out.push({ kind: 'seed', key: 'seed', label: `change the seed to ${b.seed}` });
	if (!same(a.evidence, b.evidence)) out.push({ kind: 'evidence', key: 'evidence', label: 'change the evidence settings' });
	if (!same(a.exclude?.rows ?? [], b.exclude?.rows ?? [])) {
		const n = b.exclude?.rows.length ?? 0;
		out.push({ kind: 'rows left out', key: 'exclude', label: n ? `leave ${n.toLocaleString('en')} row(s) out` : 'bring every row back' });
	}
	if ((a.acceptSkipped ?? 0) !== (b.acceptSkipped ?? 0)) out.push({ kind: 'data', key: 'skipped', label: 'change the accepted unreadable lines' });
	return out;
}

function nameParts(a: RecipeState, b: RecipeState): Part[] {
	const out: Part[] = [];
	for (const k of [...new Set([...Object.keys(a.names), ...Object.keys(b.names)])]) {
		const la = own(a.names, k) ?? [], lb = own(b.names, k) ?? [];
		for (let s = 0; s < Math.max(la.length, lb.length); s++) {
			if ((la[s] ?? '') === (lb[s] ?? '')) continue;
			const label = lb[s] ? `rename segment ${s + 1} (k = ${k}) to ${q(lb[s])}` : `give segment ${s + 1} (k = ${k}) its automatic name`;
			out.push({ kind: 'segment names', key: `name:${k}:${s}`, label });
		}
	}
	return out.length > 1 ? [{ kind: 'segment names', key: 'names', label: `change ${out.length} segment names` }] : out;
}

/** The edit from `before` to `after`, or null when they hold the same Recipe, names and k on show. */
export function describeEdit(before: RecipeState, after: RecipeState): RecipeEdit | null {
	// The names live in both places (the Recipe carries them as segmentNames): they count once, as names.
	const strip = (r: Recipe): Recipe => ({ ...r, segmentNames: undefined });
	const parts = [...recipeParts(strip(before.recipe), strip(after.recipe)), ...nameParts(before, after)];
	if (before.k !== after.k && after.k !== null) parts.push({ kind: 'k shown', key: 'shownK', label: `show k = ${after.k}` });
	if (parts.length === 0) return same([before.recipe, before.names, before.k], [after.recipe, after.names, after.k]) ? null : { key: 'recipe', label: 'change the recipe' };
	if (parts.length === 1) return { key: parts[0].key, label: parts[0].label };
	const kinds = [...new Set(parts.map((p) => p.kind))];
	return kinds.length === 1 && parts.every((p) => p.key === parts[0].key) ? { key: parts[0].key, label: parts[0].label } : { key: parts.map((p) => p.key).join('|'), label: `change ${kinds.join(', ')}` };
}

/**
 * The Recipe the workspace holds now, as the page shows it and the Recipe JSON reads: the draft with the names
 * typed and the k on show (when it lies in the k range; else the draft's own k, null = the recommended one).
 */
export function recipeOf(s: RecipeState): Recipe {
	const { segmentNames: _n, ...r } = s.recipe;
	const inRange = s.k !== null && hasK(r.algorithm) && s.k >= r.kRange[0] && s.k <= r.kRange[1];
	const named = Object.keys(s.names).some((k) => s.names[k].some((x) => x));
	return { ...r, k: inRange ? s.k : r.k, ...(named ? { segmentNames: s.names } : {}) };
}

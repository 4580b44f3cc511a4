/**
 * Gower's (1971) dissimilarity for mixed data, computed exactly as R's `cluster::daisy(x, metric = "gower")`
 * (cluster 2.1.x, src/daisy.c), so PAM on it reproduces R's `pam(daisy(x, "gower"), k)`:
 * - every variable is first put on [0, 1] by (x − min) / (max − min) over the rows present (a constant column
 *   divides by 1), numeric and category codes alike, exactly as daisy scales its data matrix;
 * - numeric (and ordinal, as its level ranks 1..L — daisy's type "O"/"T") contributes w·|x − y|;
 * - nominal contributes w when the codes differ, 0 when equal;
 * - binary ("symm"): values 0/1, contributes w when they differ; asymmetric binary ("asymm", daisy's default
 *   for logical columns) leaves a pair that is 0 on both out of the denominator (a shared absence is no
 *   evidence of likeness);
 * - a pair of rows where either value is missing (NaN) leaves that variable out of both sums;
 * - d(i, j) = Σ contributions / Σ weights of the variables used. A pair with no variable in common has no
 *   dissimilarity: refused with the rows named (R gives NA, which pam refuses).
 * Stored condensed: pair (i, j), i < j, at condensedIndex(n, i, j) — the order of R's `dist` objects.
 */
import { EngineError } from '../errors';
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';

export type GowerKind = 'numeric' | 'nominal' | 'symm' | 'asymm';

export interface GowerVariable {
	name: string;
	kind: GowerKind;
	/** One value per row; NaN = missing. Nominal: level codes; binary: 0 or 1; numeric/ordinal: the numbers (ranks). */
	values: Float64Array;
	/** daisy's `weights` (default 1). */
	weight?: number;
}

/**
 * Rows up to which the full Gower matrix is built: n(n−1)/2 doubles = 400 MB at 10,000 rows, held by each
 * worker that runs a k. Above it k-prototypes (no distance matrix) is the algorithm for mixed data.
 */
export const GOWER_MAX_ROWS = 10_000;

/** What Gower scaling fitted on the training rows: min and range (max − min, 1 when constant) per variable. */
export interface GowerScale {
	min: Float64Array;
	range: Float64Array;
}

/** daisy's column scaling: min and max − min over the present values (range 1 for a constant or empty column). */
export function gowerScale(vars: GowerVariable[]): GowerScale {
	const p = vars.length;
	const min = new Float64Array(p), range = new Float64Array(p);
	vars.forEach((v, j) => {
		let lo = Infinity, hi = -Infinity;
		for (const x of v.values) {
			if (Number.isNaN(x)) continue;
			if (x < lo) lo = x;
			if (x > hi) hi = x;
		}
		if (lo === Infinity) lo = hi = 0;
		min[j] = lo;
		range[j] = hi - lo === 0 ? 1 : hi - lo;
	});
	return { min, range };
}

/** The variables scaled to [0, 1] with `scale`, column-major (variable j at j·rows), NaN kept. */
export function gowerScaled(vars: GowerVariable[], rows: number, scale: GowerScale): Float64Array {
	const out = new Float64Array(vars.length * rows);
	vars.forEach((v, j) => {
		const lo = scale.min[j], r = scale.range[j];
		for (let i = 0; i < rows; i++) out[j * rows + i] = (v.values[i] - lo) / r;
	});
	return out;
}

const KIND_CODE: Record<GowerKind, number> = { asymm: 1, symm: 2, nominal: 3, numeric: 5 };

/**
 * The dissimilarity of row a of `sa` and row b of `sb` (both scaled column-major), daisy's inner loop: the
 * variables in order, contributions and weights summed as daisy sums them. NaN when no variable is usable.
 */
export function gowerPair(sa: Float64Array, ra: number, a: number, sb: Float64Array, rb: number, b: number, kinds: Int8Array, weights: Float64Array): number {
	let ppa = 0, dlk = 0;
	for (let j = 0; j < kinds.length; j++) {
		const x = sa[j * ra + a], y = sb[j * rb + b], w = weights[j], t = kinds[j];
		if (t >= 3) {
			if (x !== x || y !== y) continue;
			ppa += w;
			if (t === 3) {
				if (x !== y) dlk += w;
			} else dlk += w * Math.abs(x - y);
		} else {
			if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) continue;
			if (t === 2 || x !== 0 || y !== 0) ppa += w;
			if (x !== y) dlk += w;
		}
	}
	return ppa === 0 ? NaN : dlk / ppa;
}

export function gowerKinds(vars: GowerVariable[]): { kinds: Int8Array; weights: Float64Array } {
	return { kinds: Int8Array.from(vars, (v) => KIND_CODE[v.kind]), weights: Float64Array.from(vars, (v) => v.weight ?? 1) };
}

/**
 * Condensed Gower dissimilarities among the rows `subset` (0-based, in that order) with a given scaling — the
 * scaling of all rows when a sample's silhouette is estimated.
 */
export function gowerSubset(vars: GowerVariable[], rows: number, subset: Int32Array, scale: GowerScale): Float64Array {
	const scaled = gowerScaled(vars, rows, scale);
	const { kinds, weights } = gowerKinds(vars);
	const m = subset.length;
	const out = new Float64Array(m < 2 ? 0 : (m * (m - 1)) / 2);
	let at = 0;
	for (let a = 0; a < m - 1; a++) for (let b = a + 1; b < m; b++) out[at++] = gowerPair(scaled, rows, subset[a], scaled, rows, subset[b], kinds, weights);
	return out;
}

/** Condensed Gower dissimilarities of the rows (daisy's values, bit for bit on the same inputs). */
export function gowerDistances(vars: GowerVariable[], rows: number, control: RunControl = {}): Float64Array {
	if (rows > GOWER_MAX_ROWS) {
		throw new EngineError('too-large',
			`PAM on Gower distances keeps every pair of rows in memory: ${rows.toLocaleString('en')} rows make ${(rows * (rows - 1) / 2).toLocaleString('en')} distances (${Math.round((rows * (rows - 1) * 4) / 1e6).toLocaleString('en')} MB); the limit is ${GOWER_MAX_ROWS.toLocaleString('en')} rows (400 MB).`,
			'Choose k-prototypes, which clusters mixed numbers and categories without a distance matrix, or cluster a sample of the rows.');
	}
	for (const v of vars) {
		if (v.values.length !== rows) throw new EngineError('internal', `Gower variable "${v.name}" has ${v.values.length} values for ${rows} rows.`, 'Report this as a bug.');
		if ((v.weight ?? 1) <= 0 || !Number.isFinite(v.weight ?? 1)) throw new EngineError('bad-parameter', `The weight of "${v.name}" must be a positive number.`, 'Set a weight above 0.');
	}
	const p = vars.length;
	const colMajor = gowerScaled(vars, rows, gowerScale(vars));
	// Row-major for the pair loop (each row's values side by side); the same arithmetic as gowerPair.
	const X = new Float64Array(rows * p);
	for (let j = 0; j < p; j++) for (let i = 0; i < rows; i++) X[i * p + j] = colMajor[j * rows + i];
	const { kinds, weights } = gowerKinds(vars);
	const out = new Float64Array(rows < 2 ? 0 : (rows * (rows - 1)) / 2);
	const progress = throttle(control.onProgress);
	let at = 0;
	for (let i = 0; i < rows - 1; i++) {
		if ((i & 63) === 0) {
			throwIfAborted(control.signal);
			progress?.({ stage: 'Gower distances', fraction: at / Math.max(1, out.length) });
		}
		const bi = i * p;
		for (let j = i + 1; j < rows; j++) {
			const bj = j * p;
			let ppa = 0, dlk = 0;
			for (let v = 0; v < p; v++) {
				const x = X[bi + v], y = X[bj + v], w = weights[v], t = kinds[v];
				if (t >= 3) {
					if (x !== x || y !== y) continue;
					ppa += w;
					if (t === 3) {
						if (x !== y) dlk += w;
					} else dlk += w * Math.abs(x - y);
				} else {
					if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) continue;
					if (t === 2 || x !== 0 || y !== 0) ppa += w;
					if (x !== y) dlk += w;
				}
			}
			if (ppa === 0) {
				throw new EngineError('bad-parameter',
					`Rows ${i + 1} and ${j + 1} have no variable that is present (and usable) in both, so their Gower dissimilarity is undefined.`,
					'Fill the missing values (an imputation step) or drop rows that are mostly empty.');
			}
			out[at++] = dlk / ppa;
		}
	}
	progress?.({ stage: 'Gower distances', fraction: 1 });
	return out;
}

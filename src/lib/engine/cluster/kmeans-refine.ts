/**
 * Whether a k-means run makes the Hartigan single-row moves after Lloyd (kmeans-hartigan.ts). They find lower
 * optima on small and medium data; on large data they gain almost nothing, for a reason: a row moves from cluster A
 * (n_A rows) to B when n_B/(n_B+1)·d(x, c_B)² < n_A/(n_A−1)·d(x, c_A)², so after Lloyd (every row at its nearest
 * centre) only rows whose two distances differ by less than about 1/n_A + 1/n_B can move, and each move lowers the
 * inertia by a sliver. Measured on the journey's 1,000,000 × 8 customers (bench/kmeans-sweep-profile.ts, k = 2..10,
 * 10 restarts): the moves lowered the inertia by 0.0000–0.011% and took 13% of the sweep's time. So the default
 * recipe makes them on up to HARTIGAN_DEFAULT_MAX_ROWS clustered rows (recipe.algorithm.refineMaxRows); a recipe
 * without that limit (older ones, or "also on larger data") makes them at any size.
 */
/** The recipe's k-means fields that decide it (recipe.ts KMeansSpec). */
export interface RefineSpec {
	refine?: 'hartigan' | 'none';
	refineMaxRows?: number | null;
}

export const HARTIGAN_DEFAULT_MAX_ROWS = 200_000;

/** The refinement a k-means run on `rows` clustered rows makes under this spec. */
export function kmeansRefine(alg: RefineSpec, rows: number): 'hartigan' | 'none' {
	if (alg.refine !== 'hartigan') return 'none';
	return alg.refineMaxRows != null && rows > alg.refineMaxRows ? 'none' : 'hartigan';
}

/** The run note when the size limit turned the moves off, or null. */
export function refineNote(alg: RefineSpec, rows: number): string | null {
	if (alg.refine !== 'hartigan' || kmeansRefine(alg, rows) === 'hartigan') return null;
	return `No Hartigan single-row moves: on ${rows.toLocaleString('en')} rows (more than ${alg.refineMaxRows!.toLocaleString('en')}) they lower the inertia by a few thousandths of a percent for about an eighth more time. To make them anyway, tick "Also on more than ${alg.refineMaxRows!.toLocaleString('en')} rows" under the algorithm (command line: --kmeans-refine hartigan-all).`;
}

/**
 * How many k-means++ restarts a k-means run makes. With `moreRestarts` (the Recipe's default), data under
 * SMALL_DATA_VALUES values (rows × features) get at least SMALL_DATA_RESTARTS restarts, and tiny data as many as
 * RESTART_WORK values of work allow, up to MAX_RESTARTS; from SMALL_DATA_VALUES up, the Recipe's nInit stands.
 * More starts are the surest way to a lower optimum (tests/fixtures/kmeans-optima: with these numbers and the
 * Hartigan moves, 143 of 144 cases reach within 0.5% of the best known and none is above scikit-learn's
 * KMeans(n_init=20); at most 100 restarts left iris z-scored at k = 9 behind it, 1,000 made a 150-row run 1.4 s). The numbers are chosen for cost as much as for optima: the 5,000 × 7 demo makes 30
 * restarts (about 3× the time of 10), where 4 million values of work (114 restarts) made it 6× slower for inertias
 * at most 0.2% lower; and the largest small data (just under 400,000 values × 30 restarts) costs about 1.5× a k of
 * the page's 100,000 × 8 sweep at 10 restarts.
 *
 * Beyond SMALL_DATA_RESTARTS, a run stops early once the lowest inertia so far has been reached by BEST_REPEATS
 * restarts (equal within REPEAT_TOLERANCE, relative): a basin that many starts fall into is very unlikely to hide a
 * lower one that the remaining starts would find. On the 144 optima cases (tests/fixtures/kmeans-optima) this
 * chose the same restart as running all of them in every case while making about a third of the restarts on the
 * small sets (a 150-row, 7-feature run: k-means 0.57 s → about 0.2 s).
 */
export const RESTART_WORK = 1_000_000;
export const MAX_RESTARTS = 300;
export const SMALL_DATA_VALUES = 400_000;
export const SMALL_DATA_RESTARTS = 30;

export function kmeansRestarts(nInit: number, moreRestarts: boolean | undefined, rows: number, cols: number): number {
	const values = Math.max(1, rows * cols);
	if (!moreRestarts || values >= SMALL_DATA_VALUES) return nInit;
	return Math.max(nInit, SMALL_DATA_RESTARTS, Math.min(MAX_RESTARTS, Math.floor(RESTART_WORK / values)));
}

export const BEST_REPEATS = 10;
export const REPEAT_TOLERANCE = 1e-9;

/** When a run of `restarts` may stop early (see above), or null when every restart is made. */
export function kmeansEarlyStop(restarts: number, moreRestarts: boolean | undefined): { after: number; repeats: number; tolerance: number } | null {
	if (!moreRestarts || restarts <= SMALL_DATA_RESTARTS) return null;
	return { after: SMALL_DATA_RESTARTS, repeats: BEST_REPEATS, tolerance: REPEAT_TOLERANCE };
}

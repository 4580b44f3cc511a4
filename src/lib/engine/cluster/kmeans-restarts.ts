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

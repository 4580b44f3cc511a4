/**
 * How many k-means++ restarts a k-means run makes. With `moreRestarts` (the Recipe's default), smaller data get as
 * many restarts as RESTART_WORK values (rows × features × restarts) allow, between the Recipe's nInit and
 * MAX_RESTARTS: more starts are the surest way to a lower optimum (tests/fixtures/kmeans-optima), and on small data
 * they take milliseconds. RESTART_WORK is half the work of the page's 100,000 × 8 sweep at 10 restarts, so no data
 * set costs more per k than that; from 400,000 values up, the Recipe's nInit stands.
 */
export const RESTART_WORK = 4_000_000;
export const MAX_RESTARTS = 1000;

export function kmeansRestarts(nInit: number, moreRestarts: boolean | undefined, rows: number, cols: number): number {
	if (!moreRestarts) return nInit;
	return Math.max(nInit, Math.min(MAX_RESTARTS, Math.floor(RESTART_WORK / Math.max(1, rows * cols))));
}

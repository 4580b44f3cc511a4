import { GMM_MAX_RESTARTS } from './cluster/gmm-restarts';
import { BEST_REPEATS, SMALL_DATA_RESTARTS, SMALL_DATA_VALUES } from './cluster/kmeans-restarts';
import type { AlgorithmSpec } from './recipe';

/** The algorithm's name in a sentence ("HDBSCAN found k = 8"). */
export const ALGORITHM_SHORT_NAME: { [N in AlgorithmSpec['name']]: string } = {
	kmeans: 'k-means',
	minibatch: 'mini-batch k-means',
	hierarchical: 'hierarchical clustering',
	dbscan: 'DBSCAN',
	gmm: 'the Gaussian mixture',
	hdbscan: 'HDBSCAN',
	pam: 'PAM',
	kprototypes: 'k-prototypes'
};

/** One phrase for a run's algorithm and its parameters, for the page, the history and the reports. */
export function describeAlgorithm(a: AlgorithmSpec): string {
	const s = (n: number) => (n === 1 ? '' : 's');
	switch (a.name) {
		case 'kmeans':
			return `k-means with k-means++ starts, ${a.nInit} restart${s(a.nInit)} per k${a.moreRestarts ? ` (at least ${SMALL_DATA_RESTARTS} on data under ${SMALL_DATA_VALUES.toLocaleString('en')} values, rows × features, and more on tiny data until ${BEST_REPEATS} restarts reach the lowest inertia)` : ''}${a.refine === 'hartigan' ? `, then Hartigan single-row moves${a.refineMaxRows != null ? ` on up to ${a.refineMaxRows.toLocaleString('en')} rows` : ''}` : ''}`;
		case 'minibatch':
			return `Mini-batch k-means (batches of ${a.batchSize}), ${a.nInit} start${s(a.nInit)} per k`;
		case 'hierarchical':
			return `Hierarchical clustering with ${a.linkage} linkage, one tree cut at each k`;
		case 'dbscan':
			return `DBSCAN with eps = ${a.eps} and minPts = ${a.minPts}`;
		case 'hdbscan':
			return `HDBSCAN with a minimum cluster size of ${a.minClusterSize}${a.minSamples != null ? ` and min samples ${a.minSamples}` : ''}${a.selection === 'leaf' ? ', leaf selection' : ''}`;
		case 'pam':
			return 'PAM (k-medoids) on Gower distances, BUILD then SWAP (FastPAM1), as R cluster::pam(daisy(x, "gower"))';
		case 'kprototypes':
			return `k-prototypes (Huang 1998), γ = ${a.gamma == null ? "Huang's rule (half the mean standard deviation of the numeric features)" : a.gamma}, ${a.nInit} seeded start${s(a.nInit)} per k`;
		case 'gmm':
			return `Gaussian mixture (${a.covariance} covariance), ${a.nInit} restart${s(a.nInit)} per k${a.moreRestarts ? ` (more on smaller data, up to ${GMM_MAX_RESTARTS}; best likelihood kept)` : ''}`;
	}
}

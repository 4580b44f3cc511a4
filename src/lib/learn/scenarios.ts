/** Ready-made lessons: where k-means works, where it fails, and what does better. Each is a shareable query. */
export const SCENARIOS: { title: string; query: string }[] = [
	{ title: 'k-means finds round blobs', query: 'shape=blobs&seed=1&alg=kmeans&k=4&init=kmeans%2B%2B&step=0' },
	{ title: 'A bad random start: k-means gets stuck', query: 'shape=blobs&seed=17&alg=kmeans&k=4&init=random&step=0' },
	{ title: 'k-means cuts rings in half', query: 'shape=rings&seed=1&alg=kmeans&k=2&init=kmeans%2B%2B&step=0' },
	{ title: 'k-means cuts across two moons', query: 'shape=moons&seed=1&alg=kmeans&k=2&init=kmeans%2B%2B&step=0' },
	{ title: 'DBSCAN follows the moons', query: 'shape=moons&seed=1&alg=dbscan&eps=0.1&minPts=5&step=0' },
	{ title: 'DBSCAN separates the rings', query: 'shape=rings&seed=1&alg=dbscan&eps=0.12&minPts=4&step=0' },
	{ title: 'Varied density: k-means splits the wide cloud', query: 'shape=density&seed=1&alg=kmeans&k=3&init=kmeans%2B%2B&step=0' },
	{ title: 'Varied density: one eps cannot suit all', query: 'shape=density&seed=1&alg=dbscan&eps=0.08&minPts=5&step=0' },
	{ title: 'Varied density: a Gaussian mixture fits', query: 'shape=density&seed=1&alg=gmm&k=3&step=0' },
	{ title: 'Stretched blobs: a mixture tilts its ellipses', query: 'shape=anisotropic&seed=1&alg=gmm&k=3&step=0' },
	{ title: 'Single linkage traces the rings', query: 'shape=rings&seed=1&alg=agglo&linkage=single&cut=2&step=0' },
	{ title: 'Uniform noise: every method finds “clusters”', query: 'shape=noise&seed=1&alg=kmeans&k=4&init=kmeans%2B%2B&step=0' }
];

/**
 * What the lesson says at each step: the explanation of the step shown and its live numbers, in words a learner
 * can follow. Read from the lesson's state; nothing here changes it.
 */
import { dbscanFrame } from './dbscan-lesson';
import type { Lesson } from './lesson.svelte';

export interface Metric {
	label: string;
	value: string;
	help: string;
}

const fmt = (v: number, d = 3) => (Math.abs(v) >= 1000 ? v.toLocaleString('en', { maximumFractionDigits: 0 }) : v.toFixed(d));

export function explain(l: Lesson): { title: string; text: string } {
	const r = l.run, s = l.step, c = l.config;
	if (r.alg === 'none') return { title: 'Nothing to show yet', text: r.reason };
	if (r.alg === 'kmeans') {
		const f = r.frames[s];
		const k = f.centers.length / l.points.cols;
		if (f.phase === 'init') {
			const how = {
				random: `${k} points picked at random become the starting centres. A bad draw can put two centres in one group and leave another group without one.`,
				farthest: `The first centre is a random point; each next one is the point farthest from all centres so far. This spreads the centres out, but it loves outliers.`,
				'kmeans++': `k-means++ picks each next centre at random, favouring points far from the centres so far (probability proportional to squared distance). It usually starts close to a good answer.`,
				manual: `You placed ${k} starting centres by hand. Try putting two in the same group and see whether k-means recovers.`
			}[c.init];
			return { title: 'Start: choose the centres', text: `${how} Press Step to assign every point to its nearest centre.` };
		}
		if (f.phase === 'assign') {
			const moved = f.moved === 0
				? 'No point changed cluster, so the centres cannot move any more: k-means has converged.'
				: `${f.moved} point${f.moved === 1 ? '' : 's'} changed cluster.`;
			return { title: `Iteration ${f.iteration}: assign`, text: `Every point joins the cluster of its nearest centre; the coloured regions show which centre is nearest to each spot of the plane. ${moved}` };
		}
		return {
			title: `Iteration ${f.iteration}: update`,
			text: `Each centre moves to the mean (average position) of the points assigned to it; together they moved ${fmt(f.shift)}. Moving to the mean can only lower the inertia.${f.final ? ' The centres have stopped moving: this is the final answer. k-means always draws straight borders between clusters, which is why it cannot separate rings or moons.' : ''}`
		};
	}
	if (r.alg === 'dbscan') {
		const f = dbscanFrame(r.lesson, s);
		if (s === 0) return { title: 'Start', text: `A point is a core point when at least ${c.minPts} points (itself included) lie within eps = ${c.eps} of it. Clusters grow outwards from core points. Press Step to visit the first core point.` };
		if (f.finished) {
			return { title: 'Finished', text: `${f.clusters} cluster${f.clusters === 1 ? '' : 's'} found. The ${r.lesson.rows - f.reached} points never reached from a core point are noise (crosses). DBSCAN needs no k and follows any shape, but one eps must suit every cluster: it struggles when densities differ.` };
		}
		const nb = l.scene.ring.length;
		const grew = f.added === 0 ? 'no new points: they were all reached already' : `${f.added} new point${f.added === 1 ? '' : 's'}`;
		return {
			title: `Cluster ${f.labels[f.point] + 1}: expanding a core point`,
			text: `The ringed point has ${nb} points within eps (the circle), at least minPts = ${c.minPts}, so it is a core point (large dot). Every point in its circle joins cluster ${f.labels[f.point] + 1} — ${grew}. Core points among them will be expanded in turn; the others are border points (small dots): they join, but the cluster does not grow through them.`
		};
	}
	if (r.alg === 'agglo') {
		const L = r.lesson;
		if (s === 0) return { title: 'Start: every point is its own cluster', text: `Agglomerative clustering repeatedly merges the two closest clusters. "Closest" depends on the linkage: ${c.linkage}. The dendrogram records each merge at the height of its distance. Press Step to make the first merge.` };
		const h = L.Z[4 * (s - 1) + 2];
		return {
			title: `Merge ${s}: ${L.rows - s} clusters left`,
			text: `The two closest clusters merge (the two black circles glide together) at distance ${fmt(h)}; the dendrogram grows by one link. Cutting the tree with the horizontal line keeps the ${c.cut} clusters below it — move the cut to recolour the points.${c.linkage === 'single' ? ' Single linkage follows chains of close points, so it can trace moons and rings.' : ''}`
		};
	}
	const f = r.frames[s];
	if (f.phase === 'init') return { title: 'Start: guess the components', text: `A Gaussian mixture says each cluster is a bell-shaped cloud with its own centre, spread and tilt (the ellipse). We start with ${f.weights.length} round clouds at k-means++ positions. Press Step for the E step.` };
	if (f.phase === 'expect') return { title: `Iteration ${f.iteration}: E step`, text: 'Expectation: for every point, how likely is it that each cloud produced it? The point takes the colour of its most likely cloud; fainter points are less certain.' };
	return { title: `Iteration ${f.iteration}: M step`, text: `Maximisation: each cloud moves and reshapes to fit the points it is responsible for, weighted by those probabilities. The ellipses can stretch and tilt, which k-means cannot.${f.final ? ' The likelihood has stopped improving: finished.' : ''}` };
}

export function metricsOf(l: Lesson): Metric[] {
	const r = l.run, s = l.step;
	const out: Metric[] = [];
	const sil = l.silhouette;
	const silMetric: Metric = {
		label: 'Silhouette',
		value: sil === null ? '—' : sil.toFixed(3),
		help: 'For each point: how much closer it is to its own cluster than to the next one, from −1 to 1; higher is better. Averaged over all points (noise left out).'
	};
	if (r.alg === 'kmeans') {
		const f = r.frames[s];
		out.push({ label: 'Inertia', value: f.inertia === null ? '—' : fmt(f.inertia), help: 'The sum of squared distances from each point to its centre. k-means makes this as small as it can; it never goes up from one step to the next.' });
		out.push({ label: 'Iteration', value: String(f.iteration), help: 'One iteration is an assign step followed by an update step.' });
		out.push(silMetric);
	} else if (r.alg === 'gmm') {
		const f = r.frames[s];
		out.push({ label: 'Log-likelihood', value: f.logLik === null ? '—' : f.logLik.toFixed(3), help: 'How probable the points are under the mixture, per point (log scale). EM never lets it go down.' });
		out.push({ label: 'Iteration', value: String(f.iteration), help: 'One iteration is an E step followed by an M step.' });
		out.push(silMetric);
	} else if (r.alg === 'dbscan') {
		const f = dbscanFrame(r.lesson, s);
		let cores = 0;
		for (let i = 0; i < l.points.rows; i++) if (f.labels[i] >= 0 && r.lesson.core[i]) cores++;
		out.push({ label: 'Clusters', value: String(f.clusters), help: 'Clusters found so far. DBSCAN finds the number itself.' });
		out.push({ label: 'Points reached', value: `${f.reached} of ${l.points.rows}`, help: 'Points given a cluster so far.' });
		out.push({ label: 'Core points expanded', value: `${Math.min(s, r.lesson.expanded.length)} of ${r.lesson.expanded.length}`, help: 'Each step looks around one core point and pulls its neighbours into the cluster.' });
		out.push({ label: 'Core points', value: String(cores), help: 'Reached points with at least minPts neighbours within eps.' });
		out.push({ label: 'Noise', value: f.finished ? String(l.points.rows - f.reached) : '—', help: 'Points no cluster reaches; known only at the end.' });
		out.push(silMetric);
	} else if (r.alg === 'agglo') {
		out.push({ label: 'Clusters', value: String(r.lesson.rows - s), help: 'Every merge joins two clusters into one.' });
		out.push({ label: 'Merge height', value: s > 0 ? fmt(r.lesson.Z[4 * (s - 1) + 2]) : '—', help: 'The linkage distance of the last merge: its height in the dendrogram.' });
		out.push({ ...silMetric, label: `Silhouette at the cut (k = ${l.config.cut})` });
	}
	return out;
}

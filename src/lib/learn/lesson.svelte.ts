/**
 * The state of one lesson: which points, which algorithm with which parameters, and the step shown. Every
 * algorithm's run is computed in full when its inputs change (toy sizes: milliseconds, measured in `computeMs`)
 * and kept as frames, so stepping forward and back only moves an index and a step back is exact.
 */
import type { Linkage } from '$lib/engine/cluster/hierarchical';
import { silhouetteScore } from '$lib/engine/metrics/silhouette';
import { toyShape } from '$lib/engine/data/toy-shapes';
import { aggloLesson, clusterIds, cutColours, cutHeight, members, type AggloLesson } from './agglo-lesson';
import { dbscanFrame, dbscanLesson, neighbours, type DbscanLesson } from './dbscan-lesson';
import { ellipse, gmmFrames, type GmmFrame } from './gmm-lesson';
import { kmeansFrames, startCentres, type KMeansFrame } from './kmeans-lesson';
import { DEFAULT_CONFIG, encodeLesson, type Algorithm, type LessonConfig } from './lesson-url';
import type { OwnData } from './own-data';
import { fingerprint, Mark, type Marker, type Scene } from './scene';

export interface Points {
	/** rows × cols: the space the algorithm measures distances in. */
	X: Float64Array;
	rows: number;
	cols: number;
	/** rows × 2: where the points are drawn. */
	xy: Float64Array;
}

type Run =
	| { alg: 'kmeans'; frames: KMeansFrame[] }
	| { alg: 'dbscan'; lesson: DbscanLesson }
	| { alg: 'agglo'; lesson: AggloLesson }
	| { alg: 'gmm'; frames: GmmFrame[] }
	| { alg: 'none'; reason: string };

export interface Metric {
	label: string;
	value: string;
	help: string;
}

/** Play speed: milliseconds between steps, per algorithm (DBSCAN and merges have many small steps). */
export const PLAY_DELAY: Record<Algorithm, number> = { kmeans: 900, gmm: 700, dbscan: 60, agglo: 120 };

/** Above this many points the agglomerative lesson asks for fewer (its tree is built on the page's thread). */
export const AGGLO_MAX_POINTS = 800;

export class Lesson {
	config = $state<LessonConfig>(structuredClone(DEFAULT_CONFIG));
	own = $state.raw<OwnData | null>(null);
	playing = $state(false);
	/** Speed multiplier for play. */
	speed = $state(1);
	/** Milliseconds the last full run took to compute (all frames). */
	computeMs = $state(0);

	readonly points: Points = $derived.by(() => {
		const c = this.config;
		if (c.source === 'own' && this.own) {
			const o = this.own;
			return { X: o.X, rows: o.rows, cols: o.cols, xy: o.xy };
		}
		const toy = toyShape(c.shape, c.n, c.seed);
		const extra = c.added.length / 2;
		const X = new Float64Array((toy.rows + extra) * 2);
		X.set(toy.data);
		for (let i = 0; i < c.added.length; i++) X[toy.data.length + i] = c.added[i];
		return { X, rows: toy.rows + extra, cols: 2, xy: X };
	});

	/** Is this the workspace's data (k-means and DBSCAN only, shown in the PCA plane)? */
	readonly ownMode = $derived(this.config.source === 'own' && this.own !== null);

	readonly run: Run = $derived.by(() => {
		const c = this.config;
		const { X, rows, cols } = this.points;
		const t0 = performance.now();
		let run: Run;
		try {
			run = this.compute(c, X, rows, cols);
		} catch (err) {
			run = { alg: 'none', reason: err instanceof Error ? err.message : String(err) };
		}
		// Written outside the tracked computation: the timing is for display only.
		const ms = performance.now() - t0;
		queueMicrotask(() => (this.computeMs = ms));
		return run;
	});

	readonly frameCount: number = $derived.by(() => {
		const r = this.run;
		if (r.alg === 'kmeans' || r.alg === 'gmm') return r.frames.length;
		if (r.alg === 'dbscan') return r.lesson.frames;
		if (r.alg === 'agglo') return r.lesson.rows;
		return 1;
	});

	readonly step: number = $derived(Math.min(this.config.step, Math.max(0, this.frameCount - 1)));
	readonly atEnd: boolean = $derived(this.step >= this.frameCount - 1);

	/** Labels of the current frame for the silhouette (null when there is no clustering to score). */
	private readonly currentLabels: { labels: Int32Array; k: number } | null = $derived.by(() => {
		const r = this.run, s = this.step;
		if (r.alg === 'kmeans') {
			const f = r.frames[s];
			return f.labels ? { labels: f.labels, k: f.centers.length / this.points.cols } : null;
		}
		if (r.alg === 'gmm') {
			const f = r.frames[s];
			return f.labels ? { labels: f.labels, k: f.weights.length } : null;
		}
		if (r.alg === 'dbscan') {
			const f = dbscanFrame(r.lesson, s);
			return f.finished ? { labels: f.labels, k: f.clusters } : null;
		}
		if (r.alg === 'agglo') {
			const labels = cutColours(r.lesson, r.lesson.rows - 1, this.config.cut);
			let k = 0;
			for (const l of labels) if (l + 1 > k) k = l + 1;
			return { labels, k };
		}
		return null;
	});

	/** Mean silhouette of the current clustering (exact, every point; noise left out), or null. */
	readonly silhouette: number | null = $derived.by(() => {
		const cur = this.currentLabels;
		if (!cur) return null;
		const { X, rows, cols } = this.points;
		try {
			const present = new Set<number>();
			for (const l of cur.labels) if (l >= 0) present.add(l);
			if (present.size < 2) return null;
			return silhouetteScore(X, rows, cols, cur.labels, cur.k);
		} catch {
			return null;
		}
	});

	readonly scene: Scene = $derived.by(() => this.buildScene());

	/** The shareable query string of the state shown. */
	readonly query: string = $derived(encodeLesson({ ...this.config, step: this.step }));

	private compute(c: LessonConfig, X: Float64Array, rows: number, cols: number): Run {
		if (c.alg === 'kmeans') {
			const manual = c.init === 'manual' ? Float64Array.from(c.manual) : null;
			if (c.init === 'manual' && (!manual || manual.length === 0)) {
				return { alg: 'none', reason: 'Click on the picture to place the starting centres, one click per centre.' };
			}
			const k = manual ? manual.length / 2 : c.k;
			if (k > rows) return { alg: 'none', reason: `k = ${k} is more clusters than there are points (${rows}).` };
			const start = startCentres(X, rows, cols, k, c.init, c.seed, manual);
			return { alg: 'kmeans', frames: kmeansFrames(X, rows, cols, start) };
		}
		if (c.alg === 'dbscan') return { alg: 'dbscan', lesson: dbscanLesson(X, rows, cols, c.eps, c.minPts) };
		if (c.alg === 'agglo') {
			// The whole tree is built on the page's thread: O(n²) work, kept to about 50 ms by capping the points.
			if (rows > AGGLO_MAX_POINTS) return { alg: 'none', reason: `Agglomerative steps are shown for up to ${AGGLO_MAX_POINTS} points (each step is one merge); lower the number of points.` };
			return { alg: 'agglo', lesson: aggloLesson(X, rows, cols, c.linkage as Linkage) };
		}
		if (cols !== 2) return { alg: 'none', reason: 'The Gaussian mixture lesson works on the two-dimensional shapes.' };
		if (c.k > rows) return { alg: 'none', reason: `k = ${c.k} is more components than there are points.` };
		return { alg: 'gmm', frames: gmmFrames(X, rows, c.k, c.seed) };
	}

	// ---- stepping -------------------------------------------------------------------------------------------

	forward(): void {
		if (this.step < this.frameCount - 1) this.config.step = this.step + 1;
		else this.playing = false;
	}
	back(): void {
		this.playing = false;
		if (this.step > 0) this.config.step = this.step - 1;
	}
	restart(): void {
		this.playing = false;
		this.config.step = 0;
	}
	finish(): void {
		this.playing = false;
		this.config.step = Math.max(0, this.frameCount - 1);
	}
	togglePlay(): void {
		if (this.playing) this.playing = false;
		else {
			if (this.atEnd) this.config.step = 0;
			this.playing = true;
		}
	}

	/** Changes inputs of the run: the lesson starts again from its first step. */
	set<K extends keyof LessonConfig>(key: K, value: LessonConfig[K]): void {
		this.playing = false;
		this.config[key] = value;
		this.config.step = 0;
	}

	load(c: LessonConfig): void {
		this.playing = false;
		this.config = c;
	}

	/** A point added by a click or touch (data units, rounded as the URL stores them). */
	addPoint(x: number, y: number): void {
		if (this.ownMode) return;
		const r = (v: number) => Math.round(Math.min(1, Math.max(-1, v)) * 1000) / 1000;
		this.playing = false;
		if (this.config.alg === 'kmeans' && this.config.init === 'manual' && this.step === 0 && this.config.manual.length < 20) {
			this.config.manual.push(r(x), r(y));
		} else if (this.config.added.length < 4000) {
			this.config.added.push(r(x), r(y));
		}
		this.config.step = 0;
	}

	// ---- what to draw and say --------------------------------------------------------------------------------

	private buildScene(): Scene {
		const { rows, xy, X, cols } = this.points;
		const colour = new Int32Array(rows).fill(-1);
		const mark = new Uint8Array(rows);
		let alpha: Float32Array | null = null;
		const markers: Marker[] = [];
		let voronoi = false;
		let circle: Scene['circle'] = null;
		let ring: number[] = [];
		let description = '';
		const extra: ArrayLike<number>[] = [];
		const r = this.run, s = this.step;
		const proj = (centers: Float64Array, k: number) => this.projectCentres(centers, k);

		if (r.alg === 'none') {
			mark.fill(Mark.Point);
			if (this.config.alg === 'kmeans' && this.config.init === 'manual') {
				for (let c = 0; c < this.config.manual.length / 2; c++) {
					markers.push({ key: `c${c}`, x: this.config.manual[2 * c], y: this.config.manual[2 * c + 1], colour: c, shape: 'centre' });
				}
			}
			description = r.reason;
		} else if (r.alg === 'kmeans') {
			const f = r.frames[s];
			const k = f.centers.length / cols;
			const c2 = proj(f.centers, k);
			if (f.labels) colour.set(f.labels);
			for (let c = 0; c < k; c++) markers.push({ key: `c${c}`, x: c2[2 * c], y: c2[2 * c + 1], colour: c, shape: 'centre' });
			voronoi = cols === 2;
			extra.push(f.centers, f.labels ?? [], [f.phase.length]);
			description = `k-means, step ${s} of ${this.frameCount - 1}: ${k} centres${f.labels ? `, points coloured by their nearest centre` : ''}.`;
		} else if (r.alg === 'gmm') {
			const f = r.frames[s];
			const k = f.weights.length;
			if (f.labels) colour.set(f.labels);
			if (f.confidence) alpha = f.confidence;
			for (let c = 0; c < k; c++) {
				const e = ellipse(f.covs[3 * c], f.covs[3 * c + 1], f.covs[3 * c + 2], 2);
				markers.push({ key: `g${c}`, x: f.means[2 * c], y: f.means[2 * c + 1], colour: c, rx: e.rx, ry: e.ry, angle: e.angle, shape: 'ellipse' });
			}
			extra.push(f.means, f.covs, f.weights, f.labels ?? [], [f.phase.length]);
			description = `Gaussian mixture, step ${s} of ${this.frameCount - 1}: ${k} components drawn as ellipses two standard deviations wide.`;
		} else if (r.alg === 'dbscan') {
			const f = dbscanFrame(r.lesson, s);
			const core = r.lesson.core;
			for (let i = 0; i < rows; i++) {
				const l = f.labels[i];
				if (l >= 0) {
					colour[i] = l;
					mark[i] = core[i] ? Mark.Core : Mark.Border;
				} else mark[i] = f.finished ? Mark.Noise : Mark.Unreached;
			}
			if (f.point >= 0) {
				if (cols === 2) circle = { x: xy[2 * f.point], y: xy[2 * f.point + 1], r: this.config.eps };
				ring = neighbours(X, rows, cols, f.point, this.config.eps);
			}
			extra.push(f.labels, [f.point]);
			description = `DBSCAN, step ${s} of ${this.frameCount - 1}: ${f.reached} points reached in ${f.clusters} clusters${f.finished ? `; ${rows - f.reached} points are noise` : ''}.`;
		} else if (r.alg === 'agglo') {
			const L = r.lesson;
			const cut = this.config.cut;
			colour.set(cutColours(L, s, cut));
			if (s > 0) {
				const m = s - 1;
				const a = L.Z[4 * m], b = L.Z[4 * m + 1];
				const ma = members(L, a), mb = members(L, b);
				const both = ma.concat(mb);
				// Ringing every point of two large clusters would hide the picture: the gliding markers show those.
				if (both.length <= 12) ring = both;
				const ca = centroid(xy, ma), cb = centroid(xy, mb), cm = centroid(xy, both);
				// Both halves glide to the merged centre: the merge is animated.
				markers.push({ key: `m${s}a`, x: cm[0], y: cm[1], colour: colour[ma[0]], shape: 'merge', from: ca });
				markers.push({ key: `m${s}b`, x: cm[0], y: cm[1], colour: colour[mb[0]], shape: 'merge', from: cb });
			}
			extra.push(colour, [cut]);
			description = `Agglomerative clustering, merge ${s} of ${rows - 1}: ${rows - s} clusters; colours show the cut into ${cut}.`;
		}
		const sceneFp = fingerprint([xy, colour, mark, alpha ?? [], ...extra, markers.flatMap((m) => [m.x, m.y, m.colour, m.rx ?? 0, m.ry ?? 0, m.angle ?? 0])]);
		return { rows, xy, colour, mark, alpha, markers, voronoi, circle, ring, description, fingerprint: sceneFp };
	}

	/** Centres in display coordinates: themselves in 2-D, their principal-component projection for own data. */
	private projectCentres(centers: Float64Array, k: number): Float64Array {
		const o = this.own;
		if (!this.ownMode || !o) return centers;
		// The same linear map as the points, so a centre is drawn at the mean of its points' drawn places.
		return projectWith(o, centers, k);
	}

	/** The plain-language account of the current step. */
	readonly explanation: { title: string; text: string } = $derived.by(() => explain(this));

	readonly metrics: Metric[] = $derived.by(() => metricsOf(this));

	/** Cluster ids at the current merge (for the dendrogram). */
	aggloIds(): Int32Array | null {
		return this.run.alg === 'agglo' ? clusterIds(this.run.lesson, this.step) : null;
	}

	aggloCutHeight(): number {
		return this.run.alg === 'agglo' ? cutHeight(this.run.lesson, this.config.cut) : 0;
	}

	/** The series for the small chart: inertia (k-means), log-likelihood (mixture) per step so far. */
	readonly series: { label: string; values: (number | null)[]; higherIsBetter: boolean } | null = $derived.by(() => {
		const r = this.run;
		if (r.alg === 'kmeans') return { label: 'Inertia', values: r.frames.map((f) => f.inertia), higherIsBetter: false };
		if (r.alg === 'gmm') return { label: 'Log-likelihood per point', values: r.frames.map((f) => f.logLik), higherIsBetter: true };
		return null;
	});
}

/** PCA projection of full-space centres with the map fitted on the own data (stored as mean and components). */
function projectWith(o: OwnData, centers: Float64Array, k: number): Float64Array {
	const out = new Float64Array(2 * k);
	for (let c = 0; c < k; c++) {
		for (let p = 0; p < 2; p++) {
			let s = 0;
			for (let j = 0; j < o.cols; j++) s += (centers[c * o.cols + j] - o.pcaMean[j]) * (o.pcaComponents[p * o.cols + j] ?? 0);
			out[2 * c + p] = s;
		}
	}
	return out;
}

function centroid(xy: Float64Array, idx: number[]): [number, number] {
	let x = 0, y = 0;
	for (const i of idx) (x += xy[2 * i]), (y += xy[2 * i + 1]);
	return [x / idx.length, y / idx.length];
}

const fmt = (v: number, d = 3) => (Math.abs(v) >= 1000 ? v.toLocaleString('en', { maximumFractionDigits: 0 }) : v.toFixed(d));

function explain(l: Lesson): { title: string; text: string } {
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

function metricsOf(l: Lesson): Metric[] {
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

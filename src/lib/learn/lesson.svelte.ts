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
import { explain, metricsOf, type Metric } from './lesson-text';
import { fingerprint, Mark, type Marker, type Scene } from './scene';

export type { Metric };

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

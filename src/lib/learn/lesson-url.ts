/**
 * The lesson as URL query parameters, so a teacher can share an exact state: shape, size, seed, points added by
 * hand, algorithm, its parameters and the step. Only non-default values are written, to keep links short.
 */
import { isToyShape, type ToyShape } from '$lib/engine/data/toy-shapes';
import type { Linkage } from '$lib/engine/cluster/hierarchical';
import type { KMeansInit } from './kmeans-lesson';

export type Algorithm = 'kmeans' | 'dbscan' | 'agglo' | 'gmm';
export const ALGORITHMS: Algorithm[] = ['kmeans', 'dbscan', 'agglo', 'gmm'];
export const ALGORITHM_NAMES: Record<Algorithm, string> = {
	kmeans: 'k-means',
	dbscan: 'DBSCAN',
	agglo: 'Agglomerative',
	gmm: 'Gaussian mixture'
};

export interface LessonConfig {
	/** 'own' = the dataset loaded in the workspace (never put in the URL itself). */
	source: 'toy' | 'own';
	shape: ToyShape;
	n: number;
	seed: number;
	/** Points added by hand, flat x, y pairs. */
	added: number[];
	alg: Algorithm;
	k: number;
	init: KMeansInit;
	/** Centres placed by clicking, flat x, y pairs. */
	manual: number[];
	eps: number;
	minPts: number;
	linkage: Linkage;
	cut: number;
	step: number;
}

export const DEFAULT_CONFIG: LessonConfig = {
	source: 'toy', shape: 'blobs', n: 300, seed: 1, added: [], alg: 'kmeans', k: 4, init: 'random', manual: [],
	eps: 0.12, minPts: 5, linkage: 'ward', cut: 4, step: 0
};

const INITS: KMeansInit[] = ['random', 'farthest', 'kmeans++', 'manual'];
const LINKAGES: Linkage[] = ['ward', 'complete', 'average', 'single'];

export function encodeLesson(c: LessonConfig): string {
	const d = DEFAULT_CONFIG;
	const p = new URLSearchParams();
	if (c.source === 'own') p.set('data', 'own');
	else {
		p.set('shape', c.shape);
		if (c.n !== d.n) p.set('n', String(c.n));
		p.set('seed', String(c.seed));
		if (c.added.length) p.set('add', pairs(c.added));
	}
	p.set('alg', c.alg);
	if (c.alg === 'kmeans' || c.alg === 'gmm') p.set('k', String(c.k));
	if (c.alg === 'kmeans') {
		p.set('init', c.init);
		if (c.init === 'manual' && c.manual.length) p.set('centres', pairs(c.manual));
	}
	if (c.alg === 'dbscan') {
		p.set('eps', String(c.eps));
		p.set('minPts', String(c.minPts));
	}
	if (c.alg === 'agglo') {
		p.set('linkage', c.linkage);
		p.set('cut', String(c.cut));
	}
	p.set('step', String(c.step));
	return p.toString();
}

/** Reads a query string; anything missing or invalid falls back to the default. */
export function decodeLesson(query: string): LessonConfig {
	const p = new URLSearchParams(query);
	const d = DEFAULT_CONFIG;
	const num = (key: string, lo: number, hi: number, fallback: number, int = true) => {
		const v = Number(p.get(key));
		if (p.get(key) === null || !Number.isFinite(v)) return fallback;
		const r = int ? Math.round(v) : v;
		return Math.min(hi, Math.max(lo, r));
	};
	const shape = p.get('shape') ?? '';
	const alg = p.get('alg') ?? '';
	const init = p.get('init') ?? '';
	const link = p.get('linkage') ?? '';
	return {
		source: p.get('data') === 'own' ? 'own' : 'toy',
		shape: isToyShape(shape) ? shape : d.shape,
		n: num('n', 20, 2000, d.n),
		seed: num('seed', 0, 2 ** 31 - 1, d.seed),
		added: readPairs(p.get('add')),
		alg: (ALGORITHMS as string[]).includes(alg) ? (alg as Algorithm) : d.alg,
		k: num('k', 1, 10, d.k),
		init: (INITS as string[]).includes(init) ? (init as KMeansInit) : d.init,
		manual: readPairs(p.get('centres')).slice(0, 20),
		eps: num('eps', 0.01, 100, d.eps, false),
		minPts: num('minPts', 1, 50, d.minPts),
		linkage: (LINKAGES as string[]).includes(link) ? (link as Linkage) : d.linkage,
		cut: num('cut', 1, 20, d.cut),
		step: num('step', 0, 1e6, 0)
	};
}

/** Coordinates to three decimals (a thousandth of the canvas is well under a pixel on a projector). */
function pairs(v: number[]): string {
	return v.map((x) => String(Math.round(x * 1000) / 1000)).join(',');
}

function readPairs(s: string | null): number[] {
	if (!s) return [];
	const v = s.split(',').map(Number);
	if (v.length % 2 !== 0 || v.some((x) => !Number.isFinite(x))) return [];
	return v.slice(0, 4000).map((x) => Math.min(1, Math.max(-1, x)));
}

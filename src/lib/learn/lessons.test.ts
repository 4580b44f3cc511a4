import { describe, expect, it } from 'vitest';
import { kmeans } from '$lib/engine/cluster/kmeans';
import { dbscan } from '$lib/engine/cluster/dbscan';
import { cutTree } from '$lib/engine/cluster/hierarchical';
import { TOY_SHAPES, toyShape } from '$lib/engine/data/toy-shapes';
import { aggloLesson, clusterIds, cutColours, cutHeight } from './agglo-lesson';
import { dbscanFrame, dbscanLesson } from './dbscan-lesson';
import { ellipse, gmmFrames } from './gmm-lesson';
import { farthestPoint, kmeansFrames, startCentres } from './kmeans-lesson';
import { DEFAULT_CONFIG, decodeLesson, encodeLesson } from './lesson-url';
import { Rng } from '$lib/engine/random';

describe('toy shapes', () => {
	it('are seeded, sized and inside the square', () => {
		for (const s of TOY_SHAPES) {
			const a = toyShape(s, 300, 7), b = toyShape(s, 300, 7), c = toyShape(s, 300, 8);
			expect(a.rows).toBe(300);
			expect(a.data).toEqual(b.data);
			expect(a.data).not.toEqual(c.data);
			for (const v of a.data) expect(Math.abs(v)).toBeLessThanOrEqual(0.98);
		}
	});
});

describe('step-by-step k-means', () => {
	it.each(['blobs', 'moons', 'density', 'rings'] as const)('ends with the labels and inertia of kmeans() from the same centres (%s)', (shape) => {
		const { data, rows } = toyShape(shape, 400, 3);
		for (const init of ['random', 'farthest', 'kmeans++'] as const) {
			const start = startCentres(data, rows, 2, 4, init, 11, null);
			const frames = kmeansFrames(data, rows, 2, start, 300);
			const last = frames[frames.length - 1];
			const full = kmeans(data, rows, 2, 4, { init: start, maxIter: 300 }, { seed: 0 });
			expect(last.final).toBe(true);
			expect(last.labels).toEqual(full.labels);
			expect(last.inertia).toBe(full.inertia);
			expect(last.centers).toEqual(full.centers);
		}
	});

	it('alternates assign and update, never raising the inertia', () => {
		const { data, rows } = toyShape('blobs', 300, 1);
		const frames = kmeansFrames(data, rows, 2, startCentres(data, rows, 2, 4, 'random', 3, null));
		expect(frames[0].phase).toBe('init');
		expect(frames[0].labels).toBeNull();
		for (let i = 1; i < frames.length; i++) expect(frames[i].phase).toBe(i % 2 === 1 ? 'assign' : 'update');
		const inertia = frames.slice(1).map((f) => f.inertia!);
		for (let i = 1; i < inertia.length; i++) expect(inertia[i]).toBeLessThanOrEqual(inertia[i - 1] * (1 + 1e-12));
	});

	it('farthest-point starts are spread out', () => {
		const X = Float64Array.from([0, 0, 0.1, 0, 10, 0, 10, 0.1, 5, 8]);
		const c = farthestPoint(X, 5, 2, 3, new Rng(1));
		const chosen = new Set([0, 1, 2].map((i) => `${c[2 * i]},${c[2 * i + 1]}`));
		expect(chosen.has('5,8')).toBe(true);
		expect(chosen.size).toBe(3);
	});
});

describe('step-by-step DBSCAN', () => {
	it('replays to the labels of dbscan()', () => {
		const { data, rows } = toyShape('moons', 300, 2);
		const lesson = dbscanLesson(data, rows, 2, 0.1, 5);
		const end = dbscanFrame(lesson, lesson.frames - 1);
		expect(end.finished).toBe(true);
		expect(end.labels).toEqual(dbscan(data, rows, 2, 0.1, 5).labels);
		expect(dbscanFrame(lesson, 0).reached).toBe(0);
		const f3 = dbscanFrame(lesson, 3);
		expect(f3.point).toBe(lesson.expanded[2]);
		expect(lesson.core[f3.point]).toBe(1);
		expect(f3.reached).toBe(lesson.reachedAfter[2]);
		expect(f3.added).toBe(lesson.reachedAfter[2] - lesson.reachedAfter[1]);
	});
});

describe('step-by-step agglomerative', () => {
	it('reaches cutTree at the cut and one cluster at the end', () => {
		const { data, rows } = toyShape('blobs', 120, 4);
		const L = aggloLesson(data, rows, 2, 'ward');
		const ids = clusterIds(L, rows - 4);
		expect(new Set(ids).size).toBe(4);
		const colours = cutColours(L, rows - 1, 4);
		expect(colours).toEqual(cutTree(L.Z, rows, 4));
		expect(new Set(clusterIds(L, rows - 1)).size).toBe(1);
		const h = cutHeight(L, 4);
		expect(h).toBeGreaterThan(L.Z[4 * (rows - 5) + 2]);
		expect(h).toBeLessThan(L.Z[4 * (rows - 4) + 2]);
		expect([...L.leafOrder].sort((a, b) => a - b)).toEqual([...Array(rows).keys()]);
	});
});

describe('step-by-step Gaussian mixture', () => {
	it('never lowers the likelihood and fits stretched blobs', () => {
		const { data, rows } = toyShape('anisotropic', 300, 1);
		const frames = gmmFrames(data, rows, 3, 1);
		const ll = frames.filter((f) => f.phase === 'expect').map((f) => f.logLik!);
		for (let i = 1; i < ll.length; i++) expect(ll[i]).toBeGreaterThanOrEqual(ll[i - 1] - 1e-9);
		expect(frames[frames.length - 1].final).toBe(true);
	});

	it('draws the ellipse along the main axis', () => {
		const e = ellipse(4, 0, 1, 1);
		expect(e).toEqual({ rx: 2, ry: 1, angle: 0 });
		const t = ellipse(1, 0, 4, 1);
		expect(t.rx).toBeCloseTo(2);
		expect(t.angle).toBeCloseTo(Math.PI / 2);
		const d = ellipse(2, 1, 2, 1);
		expect(d.angle).toBeCloseTo(Math.PI / 4);
	});
});

describe('lesson links', () => {
	it('round-trip every field that matters', () => {
		const c = { ...DEFAULT_CONFIG, shape: 'moons' as const, seed: 42, n: 500, added: [0.125, -0.5], alg: 'kmeans' as const, k: 3, init: 'manual' as const, manual: [0.1, 0.2, -0.3, 0.4], step: 7 };
		expect(decodeLesson(encodeLesson(c))).toEqual({ ...c });
		const d = { ...DEFAULT_CONFIG, alg: 'dbscan' as const, eps: 0.17, minPts: 7, step: 12 };
		expect(decodeLesson(encodeLesson(d))).toEqual(d);
		const a = { ...DEFAULT_CONFIG, alg: 'agglo' as const, linkage: 'single' as const, cut: 2, step: 250 };
		expect(decodeLesson(encodeLesson(a))).toEqual(a);
	});

	it('fall back to defaults on nonsense', () => {
		expect(decodeLesson('shape=cube&alg=magic&k=abc&eps=-1&add=1,2,3')).toEqual({ ...DEFAULT_CONFIG, eps: 0.01 });
	});
});

import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { umapSteps } from './umap';

function run(X: Float64Array, rows: number, cols: number, seed: number) {
	const gen = umapSteps(X, rows, cols, { nNeighbors: 10, nEpochs: 60 }, { seed });
	const frames: number[] = [];
	let r = gen.next();
	while (!r.done) {
		frames.push(r.value.iteration);
		r = gen.next();
	}
	return { frames, Y: r.value };
}

describe('UMAP through umap-js, stepped and seeded', () => {
	it('yields every epoch, is reproducible per seed and separates two far blobs', () => {
		const rng = new Rng(2);
		const rows = 160, cols = 3;
		const X = Float64Array.from({ length: rows * cols }, (_, t) => rng.normal() + (Math.floor(t / cols) < 80 ? 0 : 20));
		const a = run(X, rows, cols, 7), b = run(X, rows, cols, 7), c = run(X, rows, cols, 8);
		expect(a.frames[0]).toBe(0);
		expect(a.frames.at(-1)).toBe(60);
		expect(Array.from(a.Y)).toEqual(Array.from(b.Y));
		expect(Array.from(a.Y)).not.toEqual(Array.from(c.Y));
		const mean = (from: number, to: number, d: number) => {
			let s = 0;
			for (let i = from; i < to; i++) s += a.Y[2 * i + d];
			return s / (to - from);
		};
		const gap = Math.hypot(mean(0, 80, 0) - mean(80, 160, 0), mean(0, 80, 1) - mean(80, 160, 1));
		expect(gap).toBeGreaterThan(2);
	});
});

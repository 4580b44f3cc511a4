/**
 * One k-means run split across threads sharing memory (engine/cluster/kmeans-team.ts, started with Node's
 * worker_threads as the command line does) gives bit-for-bit the labels, centres and inertia of one thread, and of
 * the plain JavaScript kernels (with Hamerly's bounds), because every pass sums its blocks in one fixed order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmeans, setKernelBounds, type KMeansOptions } from '../../src/lib/engine/cluster/kmeans';
import { BLOCK_ROWS } from '../../src/lib/engine/cluster/kmeans-blocks';
import { setWasmEnabled } from '../../src/lib/engine/cluster/kmeans-wasm';
import { Rng } from '../../src/lib/engine/random';
import { kmeansPlusPlus } from '../../src/lib/engine/cluster/kmeans-init';
import { blockedPlusPlus, seedScratchBytes } from '../../src/lib/engine/cluster/kmeans-seed-blocks';
import { hartiganRefine, hartiganScratchBytes } from '../../src/lib/engine/cluster/kmeans-hartigan';
import { startNodeTeam, type NodeTeam } from '../../src/cli/kmeans-threads';
import type { KMeansResult } from '../../src/lib/engine/types';

/** Overlapping blobs on a coarse grid: many exact ties between centres, and clusters that keep moving for many iterations. */
function blobs(rows: number, cols: number, seed: number): Float64Array {
	const rng = new Rng(seed);
	return Float64Array.from({ length: rows * cols }, (_, i) => Math.round((rng.normal() + (Math.floor(i / cols) % 7) * 0.9 * ((i % cols) % 2 ? 1 : -1)) * 8) / 8);
}

const same = (a: KMeansResult, b: KMeansResult) => {
	expect(b.inertia).toBe(a.inertia);
	expect(b.iterations).toBe(a.iterations);
	expect(b.bestRestart).toBe(a.bestRestart);
	let differing = 0;
	for (let i = 0; i < a.labels.length; i++) if (a.labels[i] !== b.labels[i]) differing++;
	expect(differing).toBe(0);
	expect(Array.from(b.centers)).toEqual(Array.from(a.centers));
};

describe('k-means on a team of threads sharing memory', () => {
	let two: NodeTeam | null = null;
	let three: NodeTeam | null = null;
	beforeAll(async () => {
		two = await startNodeTeam(2);
		three = await startNodeTeam(3);
		// Every pass waits for a helper to take a block first, so the checks that helpers took part hold however busy
		// the machine is (they failed once under load: a helper woken late for every pass found nothing left).
		two!.team.waitForHelperMs = 5000;
		three!.team.waitForHelperMs = 5000;
	}, 60_000);
	afterAll(async () => {
		await two?.close();
		await three?.close();
	});

	it('starts helper threads here (Node has shared WebAssembly memory)', () => {
		expect(two?.team.size).toBe(2);
		expect(three?.team.size).toBe(3);
	});

	it.each([
		{ cols: 5, k: 6, refine: 'hartigan' as const },
		{ cols: 3, k: 4, refine: 'none' as const }
	])('gives identical labels, centres and inertia with 1, 2 and 3 threads and without WebAssembly ($cols features, k = $k)', ({ cols, k, refine }) => {
		const rows = 3 * BLOCK_ROWS + 1234;
		const X = blobs(rows, cols, cols);
		const options: KMeansOptions = { nInit: 2, maxIter: 60, refine };
		const one = kmeans(X, rows, cols, k, options, { seed: 7, team: null });
		// The run must be long enough for the sums to matter (and for Hamerly's bounds to start at iteration 9 in JavaScript).
		expect(one.iterations).toBeGreaterThan(9);
		same(one, kmeans(X, rows, cols, k, options, { seed: 7, team: two!.team }));
		same(one, kmeans(X, rows, cols, k, options, { seed: 7, team: three!.team }));
		setWasmEnabled(false);
		try {
			same(one, kmeans(X, rows, cols, k, options, { seed: 7, team: null }));
		} finally {
			setWasmEnabled(true);
		}
	});

	it.each([8, 3])('Hamerly bounds in the WebAssembly kernel: with 2 and 3 threads the plain kernel\'s labels, centres and inertia, k = 2..10 (%i features)', (cols) => {
		const rows = 3 * BLOCK_ROWS + 1234;
		const X = blobs(rows, cols, 60 + cols);
		const options: KMeansOptions = { nInit: 1, maxIter: 30, tol: 0 };
		const before = [two!.team.helped, three!.team.helped];
		try {
			for (let k = 2; k <= 10; k++) {
				setKernelBounds(null);
				const plain = kmeans(X, rows, cols, k, options, { seed: k, team: null });
				setKernelBounds(1, 0, 1);
				for (const nt of [two!, three!]) same(plain, kmeans(X, rows, cols, k, options, { seed: k, team: nt.team }));
			}
			// The helpers took blocks of the bounded passes (over the whole loop: on a busy machine a helper may wake too late for a pass).
			expect(two!.team.helped).toBeGreaterThan(before[0]);
			expect(three!.team.helped).toBeGreaterThan(before[1]);
		} finally {
			setKernelBounds(2);
		}
	});

	it('k-means++ on several blocks: the same centres with 1, 2 and 3 threads, with and without WebAssembly (8 and 5 features)', () => {
		for (const cols of [8, 5]) {
			const rows = 4 * BLOCK_ROWS + 77;
			const X = blobs(rows, cols, 11 + cols);
			for (const [k, trials] of [[7, undefined], [4, 9], [3, 1]] as const) {
				const one = kmeansPlusPlus(X, rows, cols, k, new Rng(k), trials);
				setWasmEnabled(false);
				const js = kmeansPlusPlus(X, rows, cols, k, new Rng(k), trials);
				setWasmEnabled(true);
				expect(Array.from(js)).toEqual(Array.from(one));
				// The starts alone on a team's arena: the helpers take blocks of the seeding passes, the same rows chosen.
				const trialCount = trials ?? 2 + Math.floor(Math.log(k));
				const plain = blockedPlusPlus(X, rows, cols, k, new Rng(k), trialCount, 5);
				for (const nt of [two!, three!]) {
					const arena = nt.team.openArena(8 * rows * cols + seedScratchBytes(rows, cols, trialCount) + 65536)!;
					const copy = arena.f64(rows * cols, false);
					copy.set(X);
					const before = nt.team.helped;
					const teamed = blockedPlusPlus(copy, rows, cols, k, new Rng(k), trialCount, 5);
					expect(nt.team.helped).toBeGreaterThan(before);
					arena.close();
					expect(Array.from(teamed)).toEqual(Array.from(plain));
				}
				// Through a whole run: the starts are made on the run's arena, shared with the team.
				const options: KMeansOptions = { nInit: 2, maxIter: 3, tol: 0, refine: 'none' };
				const base = kmeans(X, rows, cols, k, options, { seed: k, team: null });
				for (const nt of [two!, three!]) {
					const before = nt.team.helped;
					same(base, kmeans(X, rows, cols, k, options, { seed: k, team: nt.team }));
					expect(nt.team.helped).toBeGreaterThan(before);
				}
			}
		}
	});

	it.each([
		{ cols: 8, stride: 8, k: 6 },
		{ cols: 5, stride: 8, k: 9 },
		{ cols: 3, stride: 4, k: 4 },
		// Many small segments: their counts, and so the test's factors, change fastest.
		{ cols: 2, stride: 4, k: 40 }
	])('Hartigan moves with bounds from the team make the very moves of the sequential passes ($cols features, k = $k)', ({ cols, stride, k }) => {
		const rows = 3 * BLOCK_ROWS + 5;
		const X = blobs(rows, cols, 40 + cols);
		const padded = new Float64Array(rows * stride);
		for (let i = 0; i < rows; i++) padded.set(X.subarray(i * cols, (i + 1) * cols), i * stride);
		// Two Lloyd iterations leave many rows to move, over several passes.
		const start = kmeans(X, rows, cols, k, { nInit: 1, maxIter: 2, tol: 0 }, { seed: 3, team: null }).labels;
		const seqLabels = start.slice();
		const seq = hartiganRefine(padded, rows, stride, cols, k, seqLabels);
		expect(seq.moves).toBeGreaterThan(100);
		expect(seq.skipped).toBe(0);
		for (const nt of [two!, three!]) {
			const arena = nt.team.openArena(8 * rows * stride + hartiganScratchBytes(rows, k, stride) + 65536)!;
			const data = arena.f64(rows * stride, false);
			data.set(padded);
			const labels = start.slice();
			const before = nt.team.helped;
			const par = hartiganRefine(data, rows, stride, cols, k, labels);
			const helped = nt.team.helped - before;
			arena.close();
			expect(helped).toBeGreaterThan(0);
			// Most rows are proved to stay without the exact test; the outcome is the sequential one bit for bit.
			expect(par.skipped).toBeGreaterThan(rows);
			expect(par.moves).toBe(seq.moves);
			expect(par.inertia).toBe(seq.inertia);
			expect(Array.from(par.centers)).toEqual(Array.from(seq.centers));
			let differing = 0;
			for (let i = 0; i < rows; i++) if (labels[i] !== seqLabels[i]) differing++;
			expect(differing).toBe(0);
		}
	});

	it('the helpers really take blocks of the passes', () => {
		const rows = 8 * BLOCK_ROWS;
		const X = blobs(rows, 8, 3);
		const before = two!.team.helped;
		const r = kmeans(X, rows, 8, 5, { nInit: 1, maxIter: 20 }, { seed: 1, team: two!.team });
		expect(r.labels.length).toBe(rows);
		expect(two!.team.helped).toBeGreaterThan(before);
	});

	it('a stalled helper costs a pass at most a fraction of a second: its blocks are taken over, with identical results', async () => {
		const stalled = await startNodeTeam(2, { stallMs: 20_000 });
		try {
			const rows = 4 * BLOCK_ROWS + 99;
			const X = blobs(rows, 8, 5);
			const options: KMeansOptions = { nInit: 2, maxIter: 30, refine: 'hartigan' };
			let t = Date.now();
			const one = kmeans(X, rows, 8, 5, options, { seed: 2, team: null });
			const alone = Date.now() - t;
			t = Date.now();
			const par = kmeans(X, rows, 8, 5, options, { seed: 2, team: stalled!.team });
			const ms = Date.now() - t;
			console.log(`one thread ${alone} ms; with a helper that stalls 20 s after each claim ${ms} ms (${stalled!.team.takenOver} blocks taken over)`);
			same(one, par);
			expect(stalled!.team.takenOver).toBeGreaterThan(0);
			// Every block the helper claimed was taken over: none came from it.
			expect(stalled!.team.helped).toBe(0);
			// Far less than one stall of the helper (20 s), whatever the number of passes.
			expect(ms).toBeLessThan(10_000);
		} finally {
			await stalled?.close();
		}
	}, 30_000);
});

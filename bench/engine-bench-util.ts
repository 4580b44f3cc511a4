/** Shared helpers for the hierarchical / DBSCAN / GMM benches: seeded data cached in bench/.data, the Python side. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Rng } from '../src/lib/engine/random';

export const dataDir = join(process.cwd(), 'bench', '.data');
mkdirSync(dataDir, { recursive: true });

/** n × cols points around `centres` uniform centres in [-10, 10]^cols with unit spread, plus a share of uniform noise. */
export function blobs(n: number, cols: number, centres: number, seed: number, noiseShare = 0, spread = 1): Float64Array {
	const rng = new Rng(seed);
	const C = Float64Array.from({ length: centres * cols }, () => rng.next() * 20 - 10);
	const X = new Float64Array(n * cols);
	for (let i = 0; i < n; i++) {
		if (rng.next() < noiseShare) {
			for (let j = 0; j < cols; j++) X[i * cols + j] = rng.next() * 24 - 12;
			continue;
		}
		const c = rng.int(centres);
		for (let j = 0; j < cols; j++) X[i * cols + j] = C[c * cols + j] + spread * rng.normal();
	}
	return X;
}

/** The data file for `name`, written once; returns its path and contents. */
export function cached(name: string, make: () => Float64Array): { path: string; X: Float64Array } {
	const path = join(dataDir, name);
	if (existsSync(path)) {
		const b = readFileSync(path);
		return { path, X: new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice() };
	}
	const X = make();
	writeFileSync(path, Buffer.from(X.buffer, X.byteOffset, X.byteLength));
	return { path, X };
}

export function readF64(path: string): Float64Array {
	const b = readFileSync(path);
	return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice();
}

export function readI32(path: string): Int32Array {
	const b = readFileSync(path);
	return new Int32Array(b.buffer, b.byteOffset, b.byteLength / 4).slice();
}

/** Runs bench/sklearn_engine.py single-threaded and parses its last output line. */
export function python(task: string, ...args: (string | number)[]): Record<string, number> {
	const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
	const r = spawnSync('/usr/bin/python3', ['bench/sklearn_engine.py', task, ...args.map(String)], { env, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`sklearn_engine.py ${task} failed: ${r.stderr}`);
	const lines = r.stdout.trim().split('\n');
	return JSON.parse(lines[lines.length - 1]);
}

export function bestOf<T>(reps: number, f: () => T): { ms: number; out: T } {
	let ms = Infinity;
	let out!: T;
	for (let r = 0; r < reps; r++) {
		const t = performance.now();
		out = f();
		ms = Math.min(ms, performance.now() - t);
	}
	return { ms, out };
}

/**
 * Times ours and the reference alternately (`rounds` times each, best kept): this machine is shared, and
 * alternating keeps both sides under the same background load. `reference` runs the Python side once
 * (repeats = 1) and returns its JSON.
 */
export function interleaved<T>(
	rounds: number, ours: () => T, reference: () => Record<string, number>
): { ours: { ms: number; out: T }; ref: Record<string, number> } {
	let best = { ms: Infinity, out: undefined as unknown as T };
	let ref: Record<string, number> | null = null;
	for (let r = 0; r < rounds; r++) {
		const x = reference();
		if (ref === null || x.ms < ref.ms) ref = x;
		const t = performance.now();
		const out = ours();
		const ms = performance.now() - t;
		if (ms < best.ms) best = { ms, out };
	}
	return { ours: best, ref: ref! };
}

export function line(what: string, ours: number, ref: number, target: number): string {
	const ratio = ours / ref;
	return `${what.padEnd(44)} ours ${ours.toFixed(0).padStart(7)} ms   reference ${ref.toFixed(0).padStart(7)} ms   ratio ${ratio.toFixed(2)} (target ≤ ${target}) ${ratio <= target ? 'ok' : 'SLOWER'}`;
}

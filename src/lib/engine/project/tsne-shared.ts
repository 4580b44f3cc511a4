/**
 * Two-thread Barnes–Hut repulsion over shared memory (SharedArrayBuffer + Atomics): the thread running t-SNE
 * and one helper both build the same quadtree from the shared positions (the build is deterministic). The
 * points, in tree order, are cut into CHUNKS fixed ranges; both threads claim chunks from a shared counter until
 * none are left (the host first computes the attraction, so the helper takes more of the repulsion — the split
 * balances itself whatever the machine is doing). Each chunk writes its points' forces and its own share of Z;
 * the host adds the shares in chunk order, so the result does not depend on which thread did which chunk, and
 * one thread (all chunks in order) gives bit-identical embeddings. Works wherever shared memory and
 * Atomics.wait do: Node's worker_threads, and browser workers on a cross-origin-isolated page.
 *
 * Layout of the shared buffer: Int32 control [generation, done, n, stop, next chunk, 0, 0, 0] (32 bytes), f64
 * θ (8 bytes, then 8 spare), the chunks' Z shares (CHUNKS f64), then Y (2n f64) and neg (2n f64).
 */
import { QuadTree, repulsion } from './bh-quadtree';

/** Enough chunks that the last one claimed is short next to an iteration. */
export const CHUNKS = 64;

export interface SharedTsneMemory {
	buffer: SharedArrayBuffer;
	ctrl: Int32Array;
	scalars: Float64Array;
	zParts: Float64Array;
	Y: Float64Array;
	neg: Float64Array;
	n: number;
}

export function sharedTsneMemory(n: number, buffer?: SharedArrayBuffer): SharedTsneMemory {
	const head = 48 + 8 * CHUNKS;
	const buf = buffer ?? new SharedArrayBuffer(head + 32 * n);
	return {
		buffer: buf,
		ctrl: new Int32Array(buf, 0, 8),
		scalars: new Float64Array(buf, 32, 2),
		zParts: new Float64Array(buf, 48, CHUNKS),
		Y: new Float64Array(buf, head, 2 * n),
		neg: new Float64Array(buf, head + 16 * n, 2 * n),
		n
	};
}

/** Tree positions of chunk c: [chunkStart(n, c), chunkStart(n, c + 1)). */
export function chunkStart(n: number, c: number): number {
	return Math.floor((n * c) / CHUNKS);
}

/** Sums the repulsion of chunk c into neg and returns its share of Z. */
export function repulsionChunk(tree: QuadTree, theta: number, c: number, neg: Float64Array): number {
	return repulsion(tree, theta, chunkStart(tree.n, c), chunkStart(tree.n, c + 1), neg);
}

/** Claims chunks from the shared counter until none are left, writing their Z shares. */
function claimChunks(mem: SharedTsneMemory, tree: QuadTree, theta: number): void {
	for (;;) {
		const c = Atomics.add(mem.ctrl, 4, 1);
		if (c >= CHUNKS) return;
		mem.zParts[c] = repulsionChunk(tree, theta, c, mem.neg);
	}
}

/** The host's side: starts the helper on the shared positions, then shares the chunks with it. */
export class SharedRepulsion {
	private generation = 0;
	constructor(readonly mem: SharedTsneMemory) {}

	/** Starts the helper on the tree built from mem.Y (call before anything changes mem.neg). */
	start(theta: number): void {
		this.mem.scalars[0] = theta;
		Atomics.store(this.mem.ctrl, 4, 0);
		this.generation++;
		Atomics.store(this.mem.ctrl, 0, this.generation);
		Atomics.notify(this.mem.ctrl, 0);
	}

	/** Claims chunks alongside the helper (tree: the host's own copy), waits for it, returns Z in chunk order. */
	finish(tree: QuadTree, theta: number): number {
		const { ctrl, zParts } = this.mem;
		claimChunks(this.mem, tree, theta);
		// Wait on the very value just read: reading it twice (once to test, once for Atomics.wait) can miss the
		// helper's store between the two reads and then wait for a change that never comes.
		for (;;) {
			const done = Atomics.load(ctrl, 1);
			if (done === this.generation) break;
			Atomics.wait(ctrl, 1, done);
		}
		let z = 0;
		for (let c = 0; c < CHUNKS; c++) z += zParts[c];
		return z;
	}

	stop(): void {
		Atomics.store(this.mem.ctrl, 3, 1);
		Atomics.store(this.mem.ctrl, 0, -1);
		Atomics.notify(this.mem.ctrl, 0);
	}
}

/** One thread: every chunk in order, Z added in the same order as with two. */
export function repulsionAllChunks(tree: QuadTree, theta: number, neg: Float64Array): number {
	let z = 0;
	for (let c = 0; c < CHUNKS; c++) z += repulsionChunk(tree, theta, c, neg);
	return z;
}

/** The helper's loop (run it in the helper thread): returns when the host calls stop(). */
export function runRepulsionHelper(buffer: SharedArrayBuffer, n: number): void {
	const mem = sharedTsneMemory(n, buffer);
	const { ctrl } = mem;
	const tree = new QuadTree(n);
	let seen = 0;
	for (;;) {
		Atomics.wait(ctrl, 0, seen);
		if (Atomics.load(ctrl, 3) === 1) return;
		const gen = Atomics.load(ctrl, 0);
		if (gen === seen) continue;
		seen = gen;
		tree.build(mem.Y, n);
		claimChunks(mem, tree, mem.scalars[0]);
		Atomics.store(ctrl, 1, gen);
		Atomics.notify(ctrl, 1);
	}
}

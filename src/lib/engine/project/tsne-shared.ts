/**
 * Two-thread Barnes–Hut repulsion over shared memory (SharedArrayBuffer + Atomics): the thread running t-SNE
 * and one helper both build the same quadtree from the shared positions (the build is deterministic), then
 * each sums the repulsion of its share of the points in tree order into the shared force array. The helper's
 * partial Z is added after the host's, so results do not depend on timing. Works wherever shared memory and
 * Atomics.wait do: Node's worker_threads, and browser workers on a cross-origin-isolated page.
 *
 * Layout of the shared buffer: Int32 control [generation, done, n, stop] (16 bytes), then f64 sumQ, θ,
 * then Y (2n f64) and neg (2n f64).
 */
import { QuadTree, repulsion } from './bh-quadtree';

export interface SharedTsneMemory {
	buffer: SharedArrayBuffer;
	ctrl: Int32Array;
	scalars: Float64Array;
	Y: Float64Array;
	neg: Float64Array;
	n: number;
}

export function sharedTsneMemory(n: number, buffer?: SharedArrayBuffer): SharedTsneMemory {
	const buf = buffer ?? new SharedArrayBuffer(32 + 32 * n);
	return {
		buffer: buf,
		ctrl: new Int32Array(buf, 0, 4),
		scalars: new Float64Array(buf, 16, 2),
		Y: new Float64Array(buf, 32, 2 * n),
		neg: new Float64Array(buf, 32 + 16 * n, 2 * n),
		n
	};
}

/** The host's side: hands the helper the upper half of the tree positions each iteration. */
export class SharedRepulsion {
	private generation = 0;
	constructor(readonly mem: SharedTsneMemory) {}

	/** Starts the helper on positions [split, n) of the tree built from mem.Y. */
	start(theta: number): void {
		this.mem.scalars[1] = theta;
		this.generation++;
		Atomics.store(this.mem.ctrl, 0, this.generation);
		Atomics.notify(this.mem.ctrl, 0);
	}

	/** Waits for the helper; returns its share of Z. */
	finish(): number {
		const { ctrl } = this.mem;
		while (Atomics.load(ctrl, 1) !== this.generation) Atomics.wait(ctrl, 1, Atomics.load(ctrl, 1));
		return this.mem.scalars[0];
	}

	stop(): void {
		Atomics.store(this.mem.ctrl, 3, 1);
		Atomics.store(this.mem.ctrl, 0, -1);
		Atomics.notify(this.mem.ctrl, 0);
	}
}

/**
 * Tree positions [0, split) are the host's, [split, n) the helper's. The host also does the attraction and the
 * update (about a third of an iteration), so it takes about 35% of the repulsion. A single thread sums the same
 * two ranges in the same order, so one and two threads give bit-identical embeddings.
 */
export function sharedSplit(n: number): number {
	return Math.floor(n * 0.35);
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
		mem.scalars[0] = repulsion(tree, mem.scalars[1], sharedSplit(n), n, mem.neg);
		Atomics.store(ctrl, 1, gen);
		Atomics.notify(ctrl, 1);
	}
}

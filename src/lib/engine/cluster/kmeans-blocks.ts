/**
 * The canonical order of k-means' sums: rows are cut into blocks of BLOCK_ROWS; each block's cluster sums, counts,
 * changed labels and inertia are computed on their own (rows in order, from zero), and the blocks' parts are then
 * added in block order. Whoever computes a block — this thread, or any thread of a team sharing memory
 * (kmeans-team.ts) — the floating-point additions are the same, so labels, centres and inertia are bit for bit the
 * same with 1 or N threads. Data of at most BLOCK_ROWS rows is one block, whose sums are those of a plain pass.
 */
import { assignRows, squaredDistances } from './kmeans-kernels';
import { arenaOf } from './kmeans-wasm';
import { seedClosest, seedPotentials } from './kmeans-seed-kernels';
import { hartiganBounds } from './kmeans-hartigan-bounds';

export const BLOCK_ROWS = 32768;

export const blockCount = (rows: number) => Math.max(1, Math.ceil(rows / BLOCK_ROWS));

export const OP_ASSIGN = 1;
export const OP_LABELS = 2;
export const OP_INERTIA = 3;
/** k-means++ (kmeans-seed-blocks.ts): each of k candidates' potential in the block, into sums (nBlocks × k). */
export const OP_TRIALS = 4;
/** k-means++: closest distances updated for the one candidate in centers; the block's total into inertia. */
export const OP_CLOSEST = 5;
/** Hartigan (kmeans-hartigan.ts): per-row bounds into closest (upper) and lower, from labels, centers and counts (k). */
export const OP_MARGINS = 6;
/**
 * k-means++: OP_TRIALS after first updating the closest distances for the previous centre (centers' row k), in
 * each block whose `changed` flag is 0 (the others were updated already): one pass over the rows per centre.
 */
export const OP_UPDATE_TRIALS = 8;
/** Hartigan: each block's cluster sums and counts of the given labels (no assignment), like OP_ASSIGN's parts. */
export const OP_SUMS = 7;
/**
 * Lloyd with Hamerly's bounds (kmeans-lloyd-bounds.ts): OP_ASSIGN's labels, parts and changes, through the bounded
 * WebAssembly kernel; per row, upper bounds in closest and lower bounds in lower; per centre, params. A block whose
 * labels did not change in the previous pass (changed = 0, and params' last value 1: its parts are of those labels)
 * first updates labels and bounds only, and keeps its parts unless a label changes.
 */
export const OP_BOUNDS = 9;

/** One pass over the blocks. Per-block outputs have nBlocks parts; `best` and `out` are per row (this thread only). */
export interface BlockJob {
	op: number;
	X: Float64Array;
	rows: number;
	stride: number;
	k: number;
	centers: Float64Array;
	labels: Int32Array;
	/** nBlocks × k × stride (OP_ASSIGN with sums). */
	sums: Float64Array | null;
	/** nBlocks × k. */
	counts: Float64Array | null;
	/** nBlocks changed-label counts (OP_ASSIGN, OP_LABELS). */
	changed: Int32Array;
	/** nBlocks inertia parts (OP_INERTIA). */
	inertia: Float64Array;
	best?: Float64Array | null;
	out?: Float64Array | null;
	/** Per row: k-means++'s closest squared distances (OP_TRIALS, OP_CLOSEST); Hartigan's upper bounds (OP_MARGINS). */
	closest?: Float64Array | null;
	/** Real features of a padded stride (OP_MARGINS; default: stride). */
	cols?: number;
	/** Per row: Hartigan's lower bounds (OP_MARGINS). */
	lower?: Float64Array | null;
	/** Per row: Hartigan's slack (OP_MARGINS). */
	slack?: Float64Array | null;
	/** OP_BOUNDS: k × 3 per-centre values, then ε and whether the parts are of the previous labels (kmeans-lloyd-bounds.ts). */
	params?: Float64Array | null;
}

/**
 * Where block b's outputs go: views of the job's own arrays (in place), or of a helper's scratch (kmeans-team.ts),
 * which is committed afterwards. Per row (the block's n rows): labels, closest, lower, slack; per block: sums, counts.
 */
export interface BlockOut {
	labels: Int32Array | null;
	closest: Float64Array | null;
	lower: Float64Array | null;
	slack: Float64Array | null;
	sums: Float64Array | null;
	counts: Float64Array | null;
	/** OP_BOUNDS into a helper's scratch: the block's rows whose bounds were written (the others are unchanged). */
	touched?: Int32Array | null;
}

export const blockRange = (rows: number, b: number) => {
	const from = b * BLOCK_ROWS;
	return { from, n: Math.min(BLOCK_ROWS, rows - from) };
};

/** The outputs of block b that the op writes, as views of the job's arrays (null where it writes none). */
export function blockOutputs(job: BlockJob, b: number): BlockOut {
	const { op, k, stride } = job;
	const { from, n } = blockRange(job.rows, b);
	const rowsOf = <T extends Int32Array | Float64Array>(a: T | null | undefined) => (a ? (a.subarray(from, from + n) as T) : null);
	const withSums = (op === OP_ASSIGN || op === OP_SUMS || op === OP_BOUNDS) && job.sums !== null && job.counts !== null;
	return {
		labels: op === OP_ASSIGN || op === OP_LABELS || op === OP_BOUNDS ? rowsOf(job.labels) : null,
		closest: op === OP_CLOSEST || op === OP_MARGINS || op === OP_UPDATE_TRIALS || op === OP_BOUNDS ? rowsOf(job.closest) : null,
		lower: op === OP_MARGINS || op === OP_BOUNDS ? rowsOf(job.lower) : null,
		slack: op === OP_MARGINS ? rowsOf(job.slack) : null,
		sums: withSums ? job.sums!.subarray(b * k * stride, (b + 1) * k * stride) : op === OP_TRIALS || op === OP_UPDATE_TRIALS ? job.sums!.subarray(b * k, (b + 1) * k) : null,
		counts: withSums ? job.counts!.subarray(b * k, (b + 1) * k) : null
	};
}

/**
 * Computes block b of a job into `out` (labels and closest holding the block's current values, which the op
 * reads); returns the block's number: changed labels (OP_ASSIGN, OP_LABELS) or total (OP_INERTIA, OP_CLOSEST).
 */
export function runBlockInto(job: BlockJob, b: number, out: BlockOut): number {
	const { X, rows, stride, k, centers, labels } = job;
	const { from, n } = blockRange(rows, b);
	const Xb = X.subarray(from * stride, (from + n) * stride);
	switch (job.op) {
		case OP_TRIALS:
			seedPotentials(Xb, n, stride, centers, k, job.closest!.subarray(from, from + n), out.sums!);
			return 0;
		case OP_UPDATE_TRIALS:
			if (job.changed[b] === 0) seedClosest(Xb, n, stride, centers.subarray(k * stride, (k + 1) * stride), out.closest!);
			seedPotentials(Xb, n, stride, centers, k, out.closest!, out.sums!);
			return 0;
		case OP_CLOSEST:
			return seedClosest(Xb, n, stride, centers, out.closest!);
		case OP_MARGINS:
			hartiganBounds(Xb, n, stride, job.cols ?? stride, k, centers, job.counts!, labels.subarray(from, from + n), out.closest!, out.lower!, out.slack!);
			return 0;
		case OP_SUMS:
			labelSums(Xb, n, stride, job.cols ?? stride, labels.subarray(from, from + n), out.sums!.fill(0), out.counts!.fill(0));
			return 0;
		case OP_BOUNDS:
			return boundedBlock(job, b, Xb, n, out);
		case OP_INERTIA:
			return squaredDistances(Xb, n, stride, centers, labels.subarray(from, from + n), job.out ? job.out.subarray(from, from + n) : null);
	}
	out.sums?.fill(0);
	out.counts?.fill(0);
	return assignRows(Xb, n, stride, centers, k, out.labels!, out.sums, out.counts, job.best ? job.best.subarray(from, from + n) : null);
}

/**
 * OP_BOUNDS for one block (out holding the block's labels and bounds, and, when they are of those labels, its
 * previous parts). The kernel adds the rows into the parts exactly as OP_ASSIGN's kernel does, from zero in row order.
 */
function boundedBlock(job: BlockJob, b: number, Xb: Float64Array, n: number, out: BlockOut): number {
	const { stride, k, centers } = job;
	const P = job.params!;
	const { from } = blockRange(job.rows, b);
	const labels = job.labels.subarray(from, from + n), upper = job.closest!.subarray(from, from + n), lower = job.lower!.subarray(from, from + n);
	const arena = arenaOf(Xb);
	if (!arena) throw new Error('k-means: the bounded kernel needs the data in a WebAssembly arena.');
	// Into a helper's scratch (kmeans-team-helper.ts): the kernel reads the job's arrays and lists the rows whose
	// bounds it wrote, which alone are committed.
	const list = out.labels!.byteOffset !== labels.byteOffset ? arena.i32(n, false) : null;
	const to = { labels: out.labels!, upper: out.closest!, lower: out.lower!, list };
	const sums = out.sums!, counts = out.counts!;
	const run = (s: Float64Array | null, c: Float64Array | null) => {
		const v = arena.bounds(Xb, n, stride, centers, k, labels, s, c, upper, lower, P, P[3 * k], to);
		if (v < 0) throw new Error('k-means: the bounded kernel cannot run on these arrays.');
		return v;
	};
	let v: number;
	if (P[3 * k + 1] === 1 && job.changed[b] === 0) {
		v = run(null, null);
		if ((v & 0xffff) > 0) arena.labelSums(Xb, n, stride, out.labels!, sums.fill(0), counts.fill(0));
	} else v = run(sums.fill(0), counts.fill(0));
	if (list) out.touched = list.subarray(0, v >>> 16);
	return v & 0xffff;
}

/** sums[l·stride + j] += x_j and counts[l]++ for each row (label l), rows in order. */
function labelSums(X: Float64Array, n: number, stride: number, cols: number, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
	// The WebAssembly kernel adds the same values in the same order (padding adds exact zeros).
	const arena = arenaOf(X);
	if ((stride === 4 || stride === 8) && arena && arena.holds(labels, sums, counts)) {
		arena.labelSums(X, n, stride, labels, sums, counts);
		return;
	}
	for (let i = 0, o = 0; i < n; i++, o += stride) {
		const c = labels[i] * stride;
		counts[labels[i]]++;
		for (let j = 0; j < cols; j++) sums[c + j] += X[o + j];
	}
}

/** Stores block b's number where the job keeps it. */
export function storeBlockValue(job: BlockJob, b: number, v: number): void {
	if (job.op === OP_ASSIGN || job.op === OP_LABELS || job.op === OP_BOUNDS) job.changed[b] = v;
	else if (job.op === OP_INERTIA || job.op === OP_CLOSEST) job.inertia[b] = v;
}

/** Computes block b of a job in place, into its per-block slots. */
export function runBlock(job: BlockJob, b: number): void {
	storeBlockValue(job, b, runBlockInto(job, b, blockOutputs(job, b)));
}

/** Something that runs every block of a job, on one thread or several (kmeans-team.ts). */
export interface BlockRunner {
	readonly size: number;
	/** Runs every block; returns false when it cannot (then the caller runs them itself). */
	runAll(job: BlockJob): boolean;
}

/**
 * Runs every block of `job`: on the team that shares the data's arena when there is one and it holds every array
 * of the job (per-row `best` and `out` are this thread's only), else here, block after block.
 */
export function runBlocks(job: BlockJob): void {
	const blocks = blockCount(job.rows);
	const team = arenaOf(job.X)?.team as BlockRunner | null | undefined;
	if (blocks > 1 && !job.best && !job.out && team && team.size > 1 && team.runAll(job)) return;
	for (let b = 0; b < blocks; b++) runBlock(job, b);
}

/**
 * The per-block scratch of one k-means run, and the passes over the blocks that LloydRun makes: assignment with
 * sums (folded in block order), labels only, and inertia (summed in block order).
 */
export class BlockedRows {
	readonly blocks: number;
	private readonly sums: Float64Array;
	private readonly counts: Float64Array;
	private readonly changed: Int32Array;
	private readonly parts: Float64Array;
	/** Whether the per-block sums and counts are those of the current labels (OP_BOUNDS may then keep them). */
	private partsValid = false;

	constructor(private readonly X: Float64Array, private readonly rows: number, private readonly stride: number, private readonly k: number) {
		this.blocks = blockCount(rows);
		const arena = arenaOf(X);
		const f64 = (n: number) => (arena ? arena.f64(n) : new Float64Array(n));
		this.sums = f64(this.blocks * k * stride);
		this.counts = f64(this.blocks * k);
		this.changed = arena ? arena.i32(this.blocks) : new Int32Array(this.blocks);
		this.parts = f64(this.blocks);
	}

	private run(op: number, centers: Float64Array, labels: Int32Array, withSums: boolean, best: Float64Array | null, out: Float64Array | null): void {
		const job: BlockJob = {
			op, X: this.X, rows: this.rows, stride: this.stride, k: this.k, centers, labels,
			sums: withSums ? this.sums : null, counts: withSums ? this.counts : null, changed: this.changed, inertia: this.parts, best, out
		};
		runBlocks(job);
	}

	/**
	 * assignRows' contract in block order: labels (holding the previous labels) updated; when `sums` is given,
	 * sums and counts (zeroed by the caller) receive the blocks' parts added in order. Returns the rows that changed.
	 */
	assign(centers: Float64Array, labels: Int32Array, sums: Float64Array | null, counts: Float64Array | null, best: Float64Array | null = null): number {
		this.run(sums ? OP_ASSIGN : OP_LABELS, centers, labels, sums !== null, best, null);
		this.partsValid = sums !== null;
		let changed = 0;
		for (let b = 0; b < this.blocks; b++) changed += this.changed[b];
		if (sums && counts) foldParts(this.sums, this.counts, this.blocks, sums, counts);
		return changed;
	}

	/**
	 * assign's contract with sums, through Hamerly's bounds (OP_BOUNDS): upper and lower per row, params as the
	 * job's (k × 3 values, ε, and one slot this sets).
	 */
	bounded(
		centers: Float64Array, labels: Int32Array, sums: Float64Array, counts: Float64Array, upper: Float64Array, lower: Float64Array, params: Float64Array
	): number {
		params[3 * this.k + 1] = this.partsValid ? 1 : 0;
		runBlocks({
			op: OP_BOUNDS, X: this.X, rows: this.rows, stride: this.stride, k: this.k, centers, labels,
			sums: this.sums, counts: this.counts, changed: this.changed, inertia: this.parts, closest: upper, lower, params
		});
		this.partsValid = true;
		let changed = 0;
		for (let b = 0; b < this.blocks; b++) changed += this.changed[b];
		foldParts(this.sums, this.counts, this.blocks, sums, counts);
		return changed;
	}

	/** Exact inertia of these labels against these centres, the blocks' parts summed in order. */
	inertia(centers: Float64Array, labels: Int32Array, out: Float64Array | null = null): number {
		this.run(OP_INERTIA, centers, labels, false, null, out);
		let total = 0;
		for (let b = 0; b < this.blocks; b++) total += this.parts[b];
		return total;
	}
}

/** sums += each block's part, counts likewise, block 0 first (the canonical order). */
export function foldParts(partSums: Float64Array, partCounts: Float64Array, blocks: number, sums: Float64Array, counts: Float64Array): void {
	const n = sums.length, k = counts.length;
	for (let b = 0; b < blocks; b++) {
		for (let i = 0, p = b * n; i < n; i++) sums[i] += partSums[p + i];
		for (let c = 0, p = b * k; c < k; c++) counts[c] += partCounts[p + c];
	}
}

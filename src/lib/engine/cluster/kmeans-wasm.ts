/**
 * The k-means assignment kernel in WebAssembly SIMD (f64x2), for rows padded to a stride of 4 or 8.
 *
 * Two centres are compared at once: lane 0 holds an even centre, lane 1 the odd one after it, and each lane
 * computes exactly the expression of the JavaScript kernels in kmeans-kernels.ts, ‖c‖² + Σ x_j·(−2c_j) with the
 * same tree of additions (WebAssembly has no fused multiply–add, so every product and sum rounds as in
 * JavaScript). Each lane keeps its first minimum; the lanes are then merged taking the lower index on ties. The
 * labels, the sums and counts of the update step, and the minimum values are therefore bit for bit those of
 * `assignRows` in JavaScript; only the time differs. The inertia pass is plain scalar code with the JavaScript
 * loop's order of operations.
 *
 * The kernels read and write one WebAssembly memory, so the data must live there: a run opens a `WasmArena`
 * (a bump allocator over a pooled memory), places the centred data, labels, centres, sums and counts in it, and
 * `assignRows` / `squaredDistances` take the WebAssembly path whenever every array they touch is in one arena.
 * Where WebAssembly SIMD is missing, or memory cannot grow, `openArena` returns null and JavaScript runs.
 */
import { encodeModule, F64, I32, op, V128, type FunctionDef } from './wasm-encode';
import { boundsFunction, labelSumsFunction, marginsFunction } from './kmeans-wasm-bounds';
import { centresThenMerge } from './kmeans-wasm-merge';

/** Bytes of one pair block: `stride` interleaved (−2c_even, −2c_odd) features, then the two norms. */
export const pairBlockBytes = (stride: number) => (stride + 1) * 16;

function v128Of(a: number, b: number, kind: 'f64' | 'i64'): Uint8Array {
	if (kind === 'f64') return new Uint8Array(new Float64Array([a, b]).buffer);
	return new Uint8Array(new BigInt64Array([BigInt(a), BigInt(b)]).buffer);
}

/** assign{F}(X, rows, C, pairs, labels, sums, counts, best) → rows whose label changed. Pointers are byte offsets; 0 = absent. */
function assignFunction(F: 4 | 8, unroll: number | null): FunctionDef {
	const [X, rows, C, kp, labels, sums, counts, best] = [0, 1, 2, 3, 4, 5, 6, 7];
	const [p, q, lab, changed, i0, i1, a, cond] = [8, 9, 10, 11, 12, 13, 14, 15];
	const [b0, b1] = [16, 17];
	const x = (j: number) => 18 + j;
	const [bestv, idx, cur, s, m] = [18 + F, 19 + F, 20 + F, 21 + F, 22 + F];
	const locals = [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, ...new Array(F + 5).fill(V128)];
	const add = (l: number[], r: number[]) => [...l, ...r, ...op.f64x2Add];
	const tree = (off: number) => {
		const prod = (j: number) => [op.get(x(j)), op.get(p), op.v128Load(off + 16 * j), op.f64x2Mul].flat();
		const pair = (j: number) => add(prod(j), prod(j + 1));
		return F === 8 ? add(add(pair(0), pair(2)), add(pair(4), pair(6))) : add(pair(0), pair(2));
	};
	const rowBytes = 8 * F;
	/** One pair of centres; `u` = its index when the loop is unrolled (constant indices, no pointer step). */
	const step = (u: number | null): number[][] => {
		const off = u === null ? 0 : u * pairBlockBytes(F);
		return [
		tree(off), op.get(p), op.v128Load(off + 16 * F), op.f64x2Add,
		op.tee(s), op.get(bestv), op.f64x2Lt, op.set(m),
		// best = s < best ? s : best, one instruction (pmin).
		op.get(bestv), op.get(s), op.f64x2Pmin, op.set(bestv),
		u === null ? [...op.get(cur), ...op.get(idx), ...op.get(m), ...op.v128Bitselect, ...op.set(idx)]
			: [...op.v128Const(v128Of(2 * u, 2 * u + 1, 'i64')), ...op.get(idx), ...op.get(m), ...op.v128Bitselect, ...op.set(idx)],
		u === null ? [...op.get(cur), ...op.v128Const(v128Of(2, 2, 'i64')), ...op.i64x2Add, ...op.set(cur)] : [],
		u === null ? [...op.get(p), ...op.i32(pairBlockBytes(F)), ...op.i32Add, ...op.set(p)] : []
	];
	};
	const body: number[][] = [
		op.i32(0), op.set(changed),
		op.block,
		op.get(rows), op.i32Eqz, op.brIf(0),
		op.loop,
		...Array.from({ length: F }, (_, j) => [...op.get(X), ...op.v128Load64Splat(8 * j), ...op.set(x(j))]),
		op.v128Const(v128Of(Infinity, Infinity, 'f64')), op.set(bestv),
		op.v128Const(v128Of(0, 1, 'i64')), op.tee(idx), op.set(cur),
		op.get(C), op.set(p),
		...centresThenMerge(unroll, step, { kp, q, bestv, idx, b0, b1, i0, i1, cond, lab }),
		op.get(changed), op.get(labels), op.i32Load(), op.get(lab), op.i32Ne, op.i32Add, op.set(changed),
		op.get(labels), op.get(lab), op.i32Store(),
		op.get(best), op.if,
		op.get(best), op.get(b1), op.get(b0), op.get(cond), op.select, op.f64Store(),
		op.get(best), op.i32(8), op.i32Add, op.set(best),
		op.end,
		op.get(sums), op.if,
		op.get(sums), op.get(lab), op.i32(F === 8 ? 6 : 5), op.i32Shl, op.i32Add, op.set(a),
		...Array.from({ length: F / 2 }, (_, h) => [
			...op.get(a), ...op.get(a), ...op.v128Load(16 * h), ...op.get(X), ...op.v128Load(16 * h), ...op.f64x2Add, ...op.v128Store(16 * h)
		]),
		op.get(counts), op.get(lab), op.i32(3), op.i32Shl, op.i32Add, op.tee(a),
		op.get(a), op.f64Load(), op.f64(1), op.f64Add, op.f64Store(),
		op.end,
		op.get(X), op.i32(rowBytes), op.i32Add, op.set(X),
		op.get(labels), op.i32(4), op.i32Add, op.set(labels),
		op.get(rows), op.i32(1), op.i32Sub, op.tee(rows), op.brIf(0),
		op.end,
		op.end,
		op.get(changed)
	];
	return { name: `assign${F}_${unroll ?? 'n'}`, params: [I32, I32, I32, I32, I32, I32, I32, I32], results: [I32], locals, body };
}

/** inertia(X, rows, stride, C, labels, out) → Σ_i Σ_j (x_ij − c_{label i, j})², summed in the JavaScript order. */
function inertiaFunction(): FunctionDef {
	const [X, rows, stride, C, labels, out] = [0, 1, 2, 3, 4, 5];
	const [j, cp, xp] = [6, 7, 8];
	const [s, total, d] = [9, 10, 11];
	const body: number[][] = [
		op.f64(0), op.set(total),
		op.block,
		op.get(rows), op.i32Eqz, op.brIf(0),
		op.loop,
		op.get(C), op.get(labels), op.i32Load(), op.get(stride), op.i32Mul, op.i32(3), op.i32Shl, op.i32Add, op.set(cp),
		op.get(X), op.set(xp),
		op.f64(0), op.set(s),
		op.get(stride), op.set(j),
		op.loop,
		op.get(xp), op.f64Load(), op.get(cp), op.f64Load(), op.f64Sub, op.tee(d), op.get(d), op.f64Mul,
		op.get(s), op.f64Add, op.set(s),
		op.get(xp), op.i32(8), op.i32Add, op.set(xp),
		op.get(cp), op.i32(8), op.i32Add, op.set(cp),
		op.get(j), op.i32(1), op.i32Sub, op.tee(j), op.brIf(0),
		op.end,
		op.get(out), op.if,
		op.get(out), op.get(s), op.f64Store(),
		op.get(out), op.i32(8), op.i32Add, op.set(out),
		op.end,
		op.get(total), op.get(s), op.f64Add, op.set(total),
		op.get(xp), op.set(X),
		op.get(labels), op.i32(4), op.i32Add, op.set(labels),
		op.get(rows), op.i32(1), op.i32Sub, op.tee(rows), op.brIf(0),
		op.end,
		op.end,
		op.get(total)
	];
	return { name: 'inertia', params: [I32, I32, I32, I32, I32, I32], results: [F64], locals: [I32, I32, I32, F64, F64, F64], body };
}

/**
 * trials{np}(X, rows, C, prev, out, totals): k-means++'s local trials for 2·np candidate rows in one pass over X
 * (8 features). Candidate t's distances go to out + t·rows·8: min(prev[i], ‖x_i − c_t‖²), each lane computing the
 * JavaScript expression of kmeans-init.ts (`d0² + d1² + d2² + d3² + (d4² + d5² + d6² + d7²)`, d = x − c); each lane's
 * total is summed row by row, as in JavaScript. C holds np blocks of 8 (c_2p,j, c_2p+1,j) pairs; totals gets 2·np sums.
 */
function trialsFunction(np: number, store: 'all' | 'none' | 'first' = 'all'): FunctionDef {
	const [X, rows, C, prev, out, totals] = [0, 1, 2, 3, 4, 5];
	const o = (t: number) => 6 + t; // i32 pointer into candidate t's output
	const nI32 = 2 * np;
	const x = (j: number) => 6 + nI32 + j;
	const [pv, s, d] = [14 + nI32, 15 + nI32, 16 + nI32];
	const tot = (p: number) => 17 + nI32 + p;
	const sq = (p: number, j: number) => [
		op.get(x(j)), op.get(C), op.v128Load(p * 128 + 16 * j), op.f64x2Sub, op.tee(d), op.get(d), op.f64x2Mul
	].flat();
	const add = (l: number[], r: number[]) => [...l, ...r, ...op.f64x2Add];
	const dist = (p: number) => add(add(add(add(sq(p, 0), sq(p, 1)), sq(p, 2)), sq(p, 3)), add(add(add(sq(p, 4), sq(p, 5)), sq(p, 6)), sq(p, 7)));
	const body: number[][] = [
		...Array.from({ length: nI32 }, (_, t) => [
			...op.get(out), ...op.get(rows), ...op.i32(8 * t), ...op.i32Mul, ...op.i32Add, ...op.set(o(t))
		]),
		op.block,
		op.get(rows), op.i32Eqz, op.brIf(0),
		op.loop,
		...Array.from({ length: 8 }, (_, j) => [...op.get(X), ...op.v128Load64Splat(8 * j), ...op.set(x(j))]),
		op.get(prev), op.v128Load64Splat(0), op.set(pv),
		...Array.from({ length: np }, (_, p) => [
			...dist(p), ...op.set(s),
			...op.get(pv), ...op.get(s), ...op.get(pv), ...op.get(s), ...op.f64x2Lt, ...op.v128Bitselect, ...op.set(s),
			...(store === 'none' || (store === 'first' && p > 0) ? [] : [...op.get(o(2 * p)), ...op.get(s), ...op.v128Store64Lane(0, 0)]),
			...(store === 'all' ? [...op.get(o(2 * p + 1)), ...op.get(s), ...op.v128Store64Lane(0, 1)] : []),
			...op.get(tot(p)), ...op.get(s), ...op.f64x2Add, ...op.set(tot(p))
		]),
		...Array.from({ length: nI32 }, (_, t) => [...op.get(o(t)), ...op.i32(8), ...op.i32Add, ...op.set(o(t))]),
		op.get(X), op.i32(64), op.i32Add, op.set(X),
		op.get(prev), op.i32(8), op.i32Add, op.set(prev),
		op.get(rows), op.i32(1), op.i32Sub, op.tee(rows), op.brIf(0),
		op.end,
		op.end,
		...Array.from({ length: np }, (_, p) => [...op.get(totals), ...op.get(tot(p)), ...op.v128Store(16 * p)])
	];
	return {
		name: store === 'all' ? `trials${np}` : store === 'none' ? `pots${np}` : `closest${np}`, params: [I32, I32, I32, I32, I32, I32], results: [],
		locals: [...new Array(nI32).fill(I32), ...new Array(11 + np).fill(V128)], body
	};
}

/**
 * silhouettePair(Yi, Yj, count, q, qStep, accOut): the silhouette kernel's block for two sorted rows a = Yi and
 * b = Yi + 8 (8 features) against `count` rows from Yj: lanes hold (a, b); each lane computes block8x2's
 * expression (e = y − a, √(e0² + e1² + e2² + e3² + (e4² + e5² + e6² + e7²))), the two accumulators sum row by row,
 * and sums[q] += dA + dB, q stepping by qStep bytes. accOut receives (accA, accB).
 */
function silhouettePairFunction(): FunctionDef {
	const [Yi, Yj, count, q, qStep, accOut] = [0, 1, 2, 3, 4, 5];
	const ab = (j: number) => 6 + j;
	const [e, acc, dd] = [14, 15, 16];
	const sq = (j: number) => [op.get(Yj), op.v128Load64Splat(8 * j), op.get(ab(j)), op.f64x2Sub, op.tee(e), op.get(e), op.f64x2Mul].flat();
	const add = (l: number[], r: number[]) => [...l, ...r, ...op.f64x2Add];
	const tree = add(add(add(add(sq(0), sq(1)), sq(2)), sq(3)), add(add(add(sq(4), sq(5)), sq(6)), sq(7)));
	const body: number[][] = [
		...Array.from({ length: 8 }, (_, j) => [
			...op.get(Yi), ...op.get(Yi), ...op.v128Load64Splat(8 * j), ...op.v128Load64Lane(64 + 8 * j, 1), ...op.set(ab(j))
		]),
		op.v128Const(v128Of(0, 0, 'f64')), op.set(acc),
		op.block,
		op.get(count), op.i32Eqz, op.brIf(0),
		op.loop,
		tree, op.f64x2Sqrt, op.tee(dd), op.get(acc), op.f64x2Add, op.set(acc),
		op.get(q), op.get(q), op.f64Load(), op.get(dd), op.f64x2ExtractLane(0), op.get(dd), op.f64x2ExtractLane(1), op.f64Add, op.f64Add, op.f64Store(),
		op.get(Yj), op.i32(64), op.i32Add, op.set(Yj),
		op.get(q), op.get(qStep), op.i32Add, op.set(q),
		op.get(count), op.i32(1), op.i32Sub, op.tee(count), op.brIf(0),
		op.end,
		op.end,
		op.get(accOut), op.get(acc), op.v128Store()
	];
	return { name: 'silhouettePair', params: [I32, I32, I32, I32, I32, I32], results: [], locals: new Array(11).fill(V128), body };
}

/** Local trials (2 + ln k) up to twice this run in one WebAssembly pass. */
export const TRIAL_PAIRS_MAX = 4;

/** Pairs of centres (k up to twice this) get a kernel with the pair loop unrolled. */
const UNROLL_MAX = 8;

/** The few WebAssembly API members used here (the engine is compiled without DOM or Node typings). */
export interface WasmMemory {
	readonly buffer: ArrayBuffer;
	grow(pages: number): number;
}
interface WasmApi {
	validate(bytes: Uint8Array<ArrayBuffer>): boolean;
	Module: new (bytes: Uint8Array<ArrayBuffer>) => object;
	Instance: new (module: object, imports?: object) => { exports: unknown };
	Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface Exports {
	memory: WasmMemory;
	inertia: (...a: number[]) => number;
	[assign: string]: ((...a: number[]) => number) | WasmMemory;
}

let compiled: object | null | undefined;
/** The same kernels on an imported shared memory (kmeans-team.ts). */
let compiledShared: object | null | undefined;
/** Largest shared memory (pages of 64 KiB): 2 GiB, as for a pooled arena. */
export const SHARED_MAX_PAGES = 32768;
/** When false, every arena request returns null (JavaScript kernels); for tests and benchmarks. */
let enabled = true;

export function setWasmEnabled(on: boolean): void {
	enabled = on;
}

function kernelModule(shared = false): object | null {
	if (shared ? compiledShared !== undefined : compiled !== undefined) return shared ? compiledShared! : compiled!;
	let out: object | null = null;
	try {
		if (wasmApi) {
			const fns = [inertiaFunction(), silhouettePairFunction()];
			for (let np = 1; np <= TRIAL_PAIRS_MAX; np++) fns.push(trialsFunction(np), trialsFunction(np, 'none'));
			fns.push(trialsFunction(1, 'first'));
			for (const F of [4, 8] as const) {
				fns.push(assignFunction(F, null), boundsFunction(F, null), labelSumsFunction(F));
				for (let u = 1; u <= UNROLL_MAX; u++) fns.push(assignFunction(F, u), boundsFunction(F, u));
			}
			for (let u = 1; u <= UNROLL_MAX; u++) fns.push(marginsFunction(u));
			const bytes = encodeModule(fns, 1, shared ? SHARED_MAX_PAGES : null) as Uint8Array<ArrayBuffer>;
			if (wasmApi.validate(bytes)) out = new wasmApi.Module(bytes);
		}
	} catch {
		out = null;
	}
	if (shared) compiledShared = out;
	else compiled = out;
	return out;
}

/** Idle instances (each with its own memory), reused so that a large memory is allocated and touched once. */
const idle: Exports[] = [];

/**
 * Lets the idle memories go (the garbage collector frees them; a WebAssembly memory never shrinks): called by the
 * engine worker when a k of a sweep is done, so the k-means++ and Hartigan arenas (about 100 MB each at
 * 1,000,000 × 8) are not held through the map, the personas and the export. The next k allocates once again.
 */
export function releaseIdleArenas(): void {
	idle.length = 0;
}
const IDLE_MAX = 2;
const IDLE_BYTES = 512 * 2 ** 20;
const arenas = new WeakMap<ArrayBuffer, WasmArena>();
const RESERVED = 64;
const MAX_BYTES = 2 ** 31;

/** Bump allocator over one WebAssembly memory; its views stay valid because it never grows after opening. */
export class WasmArena {
	private top: number;
	private closed = false;
	readonly buffer: ArrayBuffer;
	/** The threads sharing this arena's memory, when it is a team's (kmeans-team.ts); null for a private arena. */
	team: RowTeamLike | null = null;

	constructor(private readonly ex: Exports, private readonly capacity: number, start = RESERVED, private readonly pooled = true) {
		this.top = start;
		this.buffer = ex.memory.buffer;
		arenas.set(this.buffer, this);
	}

	private take(bytes: number): number {
		const at = this.top;
		const next = at + Math.ceil(bytes / 16) * 16;
		if (next > this.capacity) throw new Error(`WasmArena: ${bytes} bytes requested beyond the planned ${this.capacity}.`);
		this.top = next;
		return at;
	}

	/** n doubles, zeroed unless `zero` is false (the memory is reused, so it holds old values). */
	f64(n: number, zero = true): Float64Array {
		const a = new Float64Array(this.buffer, this.take(n * 8), n);
		if (zero) a.fill(0);
		return a;
	}

	i32(n: number, zero = true): Int32Array {
		const a = new Int32Array(this.buffer, this.take(n * 4), n);
		if (zero) a.fill(0);
		return a;
	}

	mark(): number {
		return this.top;
	}

	/** Frees everything allocated after `mark` (its views must no longer be used). */
	reset(mark: number): void {
		this.top = mark;
	}

	/** Returns the memory to the pool; the arena's views must no longer be used. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		arenas.delete(this.buffer);
		if (!this.pooled) return;
		// Keep memories up to IDLE_BYTES for the next run; larger ones go to the garbage collector.
		if (idle.length < IDLE_MAX && this.buffer.byteLength <= IDLE_BYTES) idle.push(this.ex);
	}

	/** Whether every given array (nulls ignored) is a view of this arena's memory. */
	holds(...arrays: (ArrayBufferView | null)[]): boolean {
		for (const a of arrays) if (a !== null && a.buffer !== this.buffer) return false;
		return true;
	}

	/**
	 * The WebAssembly assignment (see the file comment), or −1 when it cannot run here (stride other than 4 or 8,
	 * or no room for the centre blocks). Returns the number of rows whose label changed.
	 */
	assign(
		X: Float64Array, rows: number, stride: number, centers: Float64Array, k: number, labels: Int32Array,
		sums: Float64Array | null, counts: Float64Array | null, best: Float64Array | null
	): number {
		if ((stride !== 4 && stride !== 8) || this.closed) return -1;
		const mark = this.top;
		const C = this.centreBlocks(centers, k, stride);
		if (C === null) return -1;
		const pairs = Math.ceil(k / 2);
		const fn = this.ex[`assign${stride}_${pairs <= UNROLL_MAX ? pairs : 'n'}`] as (...a: number[]) => number;
		const changed = fn(X.byteOffset, rows, C.byteOffset, pairs, labels.byteOffset, sums ? sums.byteOffset : 0,
			counts ? counts.byteOffset : 0, best ? best.byteOffset : 0);
		this.reset(mark);
		return changed;
	}

	/**
	 * Hamerly's bounded assignment (kmeans-wasm-bounds.ts) of `rows` rows (fewer than 65,536): labels, upper and lower
	 * bounds updated in place, or written to `out` (labels of every row; bounds and, in list, the indices of the rows
	 * not proven at once), from the per-centre parameters P; with sums, each row added to its cluster's sum and count.
	 * Returns changed + 65536·touched (see boundsFunction), or −1 when it cannot run here.
	 */
	bounds(
		X: Float64Array, rows: number, stride: number, centers: Float64Array, k: number, labels: Int32Array,
		sums: Float64Array | null, counts: Float64Array | null, upper: Float64Array, lower: Float64Array, P: Float64Array, eps: number,
		out: { labels: Int32Array; upper: Float64Array; lower: Float64Array; list: Int32Array | null } | null = null
	): number {
		if ((stride !== 4 && stride !== 8) || this.closed) return -1;
		const mark = this.top;
		const C = this.centreBlocks(centers, k, stride);
		if (C === null) return -1;
		const pairs = Math.ceil(k / 2);
		const fn = this.ex[`bounds${stride}_${pairs <= UNROLL_MAX ? pairs : 'n'}`] as (...a: number[]) => number;
		const changed = fn(X.byteOffset, rows, C.byteOffset, pairs, labels.byteOffset, sums ? sums.byteOffset : 0,
			counts ? counts.byteOffset : 0, upper.byteOffset, lower.byteOffset, P.byteOffset, eps, 2 * eps,
			(out?.labels ?? labels).byteOffset, (out?.upper ?? upper).byteOffset, (out?.lower ?? lower).byteOffset, out?.list ? out.list.byteOffset : 0);
		this.reset(mark);
		// Unsigned: 65536 · 32,768 touched rows sets the sign bit of the i32.
		return changed >>> 0;
	}

	/** Each row added to its cluster's sum and count in row order, as `assign` adds them (stride 4 or 8). */
	labelSums(X: Float64Array, rows: number, stride: number, labels: Int32Array, sums: Float64Array, counts: Float64Array): void {
		(this.ex[`labelSums${stride}`] as (...a: number[]) => void)(X.byteOffset, rows, labels.byteOffset, sums.byteOffset, counts.byteOffset);
	}

	/**
	 * Hartigan's per-row bounds for rows of 8 features (kmeans-hartigan-bounds.ts bounds8, bit for bit): f and g the
	 * k add and remove factors. False when it cannot run here (k above 16, or no room).
	 */
	margins(X: Float64Array, rows: number, centers: Float64Array, k: number, f: Float64Array, g: Float64Array, labels: Int32Array, upper: Float64Array, lower: Float64Array): boolean {
		const pairs = Math.ceil(k / 2);
		if (pairs > UNROLL_MAX || this.closed || this.top + pairs * 160 + k * 8 + 64 > this.capacity) return false;
		const mark = this.top;
		const C = this.f64(pairs * 16, false), F = this.f64(pairs * 2, false), G = this.f64(k, false);
		for (let c = 0; c < 2 * pairs; c++) {
			for (let j = 0; j < 8; j++) C[(c >> 1) * 16 + 2 * j + (c & 1)] = c < k ? centers[c * 8 + j] : 0;
			F[c] = c < k ? f[c] : Infinity;
		}
		G.set(g);
		(this.ex[`margins8_${pairs}`] as (...a: number[]) => void)(X.byteOffset, rows, C.byteOffset, labels.byteOffset, F.byteOffset, G.byteOffset, upper.byteOffset, lower.byteOffset);
		this.reset(mark);
		return true;
	}

	/** The kernels' centre blocks (pairs of centres interleaved, then their norms), or null without room. */
	private centreBlocks(centers: Float64Array, k: number, stride: number): Float64Array | null {
		const pairs = Math.ceil(k / 2);
		const block = pairBlockBytes(stride);
		if (this.top + pairs * block > this.capacity) return null;
		const C = this.f64((pairs * block) / 8, false);
		for (let c = 0; c < pairs * 2; c++) {
			const lane = c & 1;
			const base = (c >> 1) * (block / 8);
			if (c >= k) {
				for (let j = 0; j < stride; j++) C[base + 2 * j + lane] = 0;
				C[base + 2 * stride + lane] = Infinity;
				continue;
			}
			let s = 0;
			for (let j = 0; j < stride; j++) {
				const v = centers[c * stride + j];
				s += v * v;
				C[base + 2 * j + lane] = -2 * v;
			}
			C[base + 2 * stride + lane] = s;
		}
		return C;
	}

	/**
	 * k-means++ local trials (see trialsFunction): X is rows × 8 in the arena, `prev` the current closest distances,
	 * `out` (2·np·rows, arena) receives candidate t's distances at t·rows; returns each candidate's total.
	 */
	trials(X: Float64Array, rows: number, cands: Float64Array[], prev: Float64Array, out: Float64Array): number[] {
		return this.trialPass('trials', X, rows, cands, prev, out);
	}

	/**
	 * The local trials' totals only (no distances written), up to 2·TRIAL_PAIRS_MAX candidates: each total bit for
	 * bit the one `trials` returns (kmeans-init-blocks.ts).
	 */
	pots(X: Float64Array, rows: number, cands: Float64Array[], prev: Float64Array): number[] {
		return this.trialPass('pots', X, rows, cands, prev, prev);
	}

	/** prev[i] = min(prev[i], ‖X_i − cand‖²) in place, as `trials` computes it; returns their sum. */
	closest(X: Float64Array, rows: number, cand: Float64Array, prev: Float64Array): number {
		return this.trialPass('closest', X, rows, [cand], prev, prev)[0];
	}

	private trialPass(kind: string, X: Float64Array, rows: number, cands: Float64Array[], prev: Float64Array, out: Float64Array): number[] {
		const np = Math.ceil(cands.length / 2);
		const mark = this.top;
		const C = this.f64(np * 16, false);
		for (let t = 0; t < 2 * np; t++) {
			const c = cands[Math.min(t, cands.length - 1)];
			for (let j = 0; j < 8; j++) C[(t >> 1) * 16 + 2 * j + (t & 1)] = c[j];
		}
		const totals = this.f64(2 * np);
		(this.ex[`${kind}${np}`] as (...a: number[]) => void)(X.byteOffset, rows, C.byteOffset, prev.byteOffset, out.byteOffset, totals.byteOffset);
		const res = Array.from(totals.subarray(0, cands.length));
		this.reset(mark);
		return res;
	}

	/** The silhouette kernel's two-row block (see silhouettePairFunction); Y, sums and acc (2 values) in the arena. */
	silhouettePair(Y: Float64Array, i: number, from: number, to: number, sums: Float64Array, q: number, L: number, acc: Float64Array): void {
		(this.ex.silhouettePair as (...a: number[]) => void)(Y.byteOffset + i * 64, Y.byteOffset + from * 64, to - from,
			sums.byteOffset + q * 8, L * 8, acc.byteOffset);
	}

	/** Exact squared distances to the labelled centres (centres must be in the arena too), summed. */
	inertia(X: Float64Array, rows: number, stride: number, centers: Float64Array, labels: Int32Array, out: Float64Array | null): number {
		return this.ex.inertia(X.byteOffset, rows, stride, centers.byteOffset, labels.byteOffset, out ? out.byteOffset : 0);
	}
}

/**
 * Below this size (a few hundred rows) the JavaScript kernels run instead (bit-identical, kmeans-wasm.test.ts): the
 * WebAssembly module's one-time build and compile cost more there than they save — 25 ms of a 150-row command-line run.
 */
export const MIN_ARENA_BYTES = 64 * 1024;

/** openArena for a kernel's working set, or null under MIN_ARENA_BYTES (the JavaScript kernels then run). */
export function kernelArena(bytes: number): WasmArena | null {
	return bytes < MIN_ARENA_BYTES ? null : openArena(bytes);
}

/** An arena of at least `bytes` bytes (plus room for centre blocks), or null where WebAssembly SIMD cannot run. */
export function openArena(bytes: number): WasmArena | null {
	if (!enabled) return null;
	const mod = kernelModule();
	if (mod === null) return null;
	const capacity = RESERVED + Math.ceil(bytes / 16) * 16 + 65536;
	if (capacity > MAX_BYTES) return null;
	const ex = idle.pop() ?? (new wasmApi!.Instance(mod).exports as Exports);
	const have = ex.memory.buffer.byteLength;
	if (have < capacity) {
		try {
			ex.memory.grow(Math.ceil((capacity - have) / 65536));
		} catch {
			return null;
		}
	}
	return new WasmArena(ex, capacity);
}

/** What an arena needs to know of its team (kmeans-team.ts implements it). */
export interface RowTeamLike {
	/** Threads working on the team's blocks, this one included. */
	readonly size: number;
}

/**
 * A new shared kernel memory of one page (grown by `sharedArena`), or null where WebAssembly SIMD or shared
 * memory is missing (a page that is not cross-origin isolated has no SharedArrayBuffer).
 */
export function sharedKernelMemory(): WasmMemory | null {
	if (!enabled || typeof SharedArrayBuffer === 'undefined' || kernelModule(true) === null) return null;
	try {
		return new wasmApi!.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
	} catch {
		return null;
	}
}

/**
 * An arena over bytes [start, end) of a shared kernel memory (grown to `end` first), with its own instance of the
 * kernels; null when the memory cannot grow that far. Never pooled: the memory belongs to its team.
 */
export function sharedArena(memory: WasmMemory, start: number, end: number): WasmArena | null {
	const mod = kernelModule(true);
	if (mod === null || end > SHARED_MAX_PAGES * 65536) return null;
	const have = memory.buffer.byteLength;
	if (have < end) {
		try {
			memory.grow(Math.ceil((end - have) / 65536));
		} catch {
			return null;
		}
	}
	const ex = new wasmApi!.Instance(mod, { env: { memory } }).exports as Exports;
	return new WasmArena(ex, end, start, false);
}

/** The open arena whose memory holds `a`, if any. */
export function arenaOf(a: ArrayBufferView): WasmArena | undefined {
	return arenas.get(a.buffer as ArrayBuffer);
}

/**
 * Hamerly's bounds on the WebAssembly path (G. Hamerly, "Making k-means even faster", SDM 2010), exact: the labels,
 * sums and counts of every pass are bit for bit those of the plain assignment kernel, so Lloyd's centres, its
 * iterations and the inertia are too.
 *
 * Per row, an upper bound on the distance to its centre and a lower bound on the distance to every other centre.
 * After each update a bound moves by the centres' shifts: upper by its centre's shift δ_a, lower by the largest shift
 * of another centre. Rather than rewriting every row, each centre keeps running sums D_a (of δ_a) and E_a (of the
 * largest other shift), and a row stores upper − D_a and lower + E_a at the time it was last computed; a pass reads
 * upper = stored + D_a, lower = stored − E_a, so a proven row writes nothing. With gap_a = the distance from c_a to
 * its nearest other centre, every other centre is also at least gap_a − upper away. The kernel (kmeans-wasm-bounds.ts)
 * skips a row when lb = max(lower, gap_a − upper) satisfies lb > upper and lb² − upper² > 2ε, and otherwise
 * recomputes it exactly as the assignment kernel does.
 *
 * Why a skipped row keeps the kernel's label. The kernel compares computed values s_c ≈ ‖x − c‖² − ‖x‖² (the
 * expanded form ‖c‖² + Σ x_j·(−2c_j), summed in a fixed tree); each differs from its exact value by at most a few
 * dozen units of rounding (2⁻⁵³) of S² = (max‖x‖ + max‖c‖)², below 1e-14·S². With ε = 1e-10·S²:
 * - bounds set from computed values (upper = √(‖x‖² + s_best + ε), lower = √(‖x‖² + s_second − ε)) are true bounds,
 *   as ε covers those errors and the rounding of ‖x‖², the sums and the square root;
 * - the shifts are rounded up (×(1 + 1e-12), then up to a grid of 2⁻⁴⁰ of S, a power of two) and the gaps down; D and
 *   E are sums of grid multiples, hence exact while below 2⁵³ grid steps (the bounds begin again beyond 2⁵⁰), so
 *   D(t) − D(t_i) is exactly the shift since the row was stored; storing and reading round twice, by at most
 *   2⁻⁵³·2¹⁰·S each, so the bounds err by below 1e-12·S;
 * - lb² − upper² > 2ε then leaves the exact squared distances to every other centre above that to c_a by more than
 *   1.9ε, far above twice the error of the computed values: the computed s_a is strictly the least, and the kernel
 *   would pick a again (whatever its tie rule).
 * max‖c‖ is the largest centre norm seen since the bounds began (it only grows), so ε only grows and every earlier
 * bound stays covered. kmeans-lloyd-bounds.test.ts checks the identity, and that a margin too small breaks it.
 */
import type { BlockedRows } from './kmeans-blocks';
import type { WasmArena } from './kmeans-wasm';
import { distance } from './kmeans-hamerly';

/** ε relative to S² (see above); tests set a broken value to check that the identity tests can fail. */
export let BOUND_MARGIN = 1e-10;
export function setBoundMargin(m: number): void {
	BOUND_MARGIN = m;
}

/**
 * The bounds start once at most this share of the rows changed cluster in the last iteration. Measured on the
 * journey matrix (1M × 8, k = 2..10, two seeds each, one thread, CPU time with the k-means++ starts): plain kernel
 * 15.2–16.1 s; bounds from the third iteration 15.3 s; from 5% of rows changing 14.3 s, 1% 12.9–13.2 s, 0.3% 14.6 s,
 * 0.1% 15.3 s (npx tsx bench/kmeans-sweep-profile.ts shows the same on the sweep).
 */
let BOUNDS_SHARE = 0.01;
export const kernelBoundsShare = () => BOUNDS_SHARE;
export function setKernelBoundsShare(share: number): void {
	BOUNDS_SHARE = share;
}

/** Runs allowed more iterations than this do not use the bounds (a bound for a margin set in the analysis above). */
export const MAX_ITER_BOUNDED = 10_000;

const rowNormMax = new WeakMap<Float64Array, number>();

/** The largest row norm of X (cached per array: every restart of a run shares its data). */
function maxRowNorm(X: Float64Array, rows: number, stride: number): number {
	let m = rowNormMax.get(X);
	if (m === undefined) {
		let top = 0;
		for (let i = 0, o = 0; i < rows; i++, o += stride) {
			let s = 0;
			for (let j = 0; j < stride; j++) s += X[o + j] * X[o + j];
			if (s > top) top = s;
		}
		m = Math.sqrt(top) * (1 + 1e-9);
		rowNormMax.set(X, m);
	}
	return m;
}

export class KernelBounds {
	/** Per row: the upper bound less D of its centre, and the lower bound plus E of its centre (see the kernel). */
	readonly upper: Float64Array;
	readonly lower: Float64Array;
	/** Per centre (D, E, gap), then ε and a slot for BlockedRows.bounded. */
	readonly params: Float64Array;
	private readonly xmax: number;
	private rmax = 0;
	/** The grid of the running sums (a power of two): sums of its multiples are exact while below 2⁵³ of it. */
	private quantum = 0;

	constructor(X: Float64Array, rows: number, private readonly stride: number, private readonly k: number, arena: WasmArena) {
		this.upper = arena.f64(rows, false);
		this.lower = arena.f64(rows, false);
		this.params = arena.f64(3 * k + 2);
		this.xmax = maxRowNorm(X, rows, stride);
	}

	/** Fresh bounds for the centres about to be used: upper = ∞ makes every row prove itself on the next pass. */
	begin(centers: Float64Array): void {
		this.upper.fill(Infinity);
		this.lower.fill(0);
		for (let c = 0; c < this.k; c++) this.params[3 * c] = this.params[3 * c + 1] = 0;
		this.setGaps(centers);
		this.quantum = 2 ** (Math.floor(Math.log2(this.xmax + this.rmax || 1)) - 40);
	}

	/** The bounded assignment pass (BlockedRows.bounded). */
	assign(blocked: BlockedRows, centers: Float64Array, labels: Int32Array, sums: Float64Array, counts: Float64Array): number {
		return blocked.bounded(centers, labels, sums, counts, this.upper, this.lower, this.params);
	}

	/**
	 * The centres moved from `before` to `after`: each shift, rounded up to the grid, is added to its centre's D and,
	 * as the largest other shift, to the others' E (exact sums, so that D(t) − D(t_i) is the shift since row i's
	 * bounds were stored); then the new centres' gaps. Should the sums outgrow 2⁵⁰ grid steps, the bounds begin again.
	 */
	moved(before: Float64Array, after: Float64Array): void {
		const { k, params: P, stride, quantum: q } = this;
		let top = -1, first = 0, second = 0;
		const d = new Float64Array(k);
		for (let c = 0; c < k; c++) {
			d[c] = Math.ceil((distance(before, c * stride, after, c * stride, stride) * (1 + 1e-12)) / q) * q;
			if (d[c] > first) {
				second = first;
				first = d[c];
				top = c;
			} else if (d[c] > second) second = d[c];
		}
		let most = 0;
		for (let c = 0; c < k; c++) {
			P[3 * c] += d[c];
			P[3 * c + 1] += c === top ? second : first;
			most = Math.max(most, P[3 * c], P[3 * c + 1]);
		}
		if (most > 2 ** 50 * q) this.begin(after);
		else this.setGaps(after);
	}

	private setGaps(centers: Float64Array): void {
		const { k, params: P, stride } = this;
		for (let c = 0; c < k; c++) {
			let s = 0;
			for (let j = 0; j < stride; j++) s += centers[c * stride + j] * centers[c * stride + j];
			this.rmax = Math.max(this.rmax, Math.sqrt(s) * (1 + 1e-9));
			P[3 * c + 2] = Infinity;
		}
		for (let a = 0; a < k; a++) {
			for (let b = a + 1; b < k; b++) {
				const d = distance(centers, a * stride, centers, b * stride, stride) * (1 - 1e-12);
				if (d < P[3 * a + 2]) P[3 * a + 2] = d;
				if (d < P[3 * b + 2]) P[3 * b + 2] = d;
			}
		}
		const S = this.xmax + this.rmax;
		P[3 * k] = BOUND_MARGIN * S * S;
	}
}

/**
 * Bounds that let the Hartigan pass (kmeans-hartigan.ts) skip rows without changing its outcome. With the centres
 * c and counts n frozen at a pass start, row x of segment a gets
 *     upper = √(g(n_a)·‖x − c_a‖²),   lower = min over b ≠ a of √(f(n_b)·‖x − c_b‖²),
 * with g(n) = n/(n − 1) and f(n) = n/(n + 1), the factors of the transfer test (move iff f(n_b)‖x − c_b‖² <
 * g(n_a)‖x − c_a‖²). These are per-row and independent of each other, so the rows' blocks can run on any thread
 * (kmeans-blocks.ts OP_MARGINS) with the same values. Later in the pass, after moves have shifted the centres by at
 * most δ and changed the counts, the triangle inequality gives
 *     √(f(n_b')) ‖x − c_b'‖ ≥ ρ·lower − δ_max,   √(g(n_a')) ‖x − c_a'‖ ≤ σ_a·upper + √2·δ_a,
 * ρ = min_b √(f(n_b')/f(n_b)), σ_a = √(g(n_a')/g(n_a)) (and √g ≤ √2, √f ≤ 1 for n_a' ≥ 2). When the first exceeds the
 * second (with a margin far above rounding), no b passes the exact test, so the pass may skip the row.
 */
import { arenaOf } from './kmeans-wasm';

/**
 * The budget within which a pass may skip a row on its slack alone: while every segment keeps √(f(n')/f(n)) ≥ RHO0
 * and √(g(n')/g(n)) ≤ SIGMA0 (a few moves among thousands of rows change them by far less), the skip test holds
 * whenever slack = RHO0·(1 − 1e-9)·lower − SIGMA0·(1 + 1e-9)·upper exceeds 2.5·δ_max (≥ (1 + √2·(1 + 1e-9))·δ_max).
 */
export const RHO0 = 1 - 1e-6;
export const SIGMA0 = 1 + 1e-6;

/** g(n) = n/(n − 1): the cost factor of removing a row from a segment of n (Infinity for n ≤ 1: never removed). */
export const removeFactor = (n: number) => (n > 1 ? n / (n - 1) : Infinity);
/** f(n) = n/(n + 1): the cost factor of adding a row to a segment of n. */
export const addFactor = (n: number) => n / (n + 1);

/**
 * upper[i], lower[i] for the n rows of X (row stride `stride`, `cols` real features; one block), from their labels,
 * the k centres (k × stride) and the k counts.
 */
export function hartiganBounds(
	X: Float64Array, n: number, stride: number, cols: number, k: number,
	centers: Float64Array, counts: Float64Array, labels: Int32Array, upper: Float64Array, lower: Float64Array, slack: Float64Array
): void {
	const f = new Float64Array(k), g = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		f[c] = addFactor(counts[c]);
		g[c] = removeFactor(counts[c]);
	}
	if (stride === 8) {
		// The WebAssembly kernel gives the same values where every array is in one arena (kmeans-wasm-bounds.ts).
		const arena = arenaOf(X);
		if (!(arena && arena.holds(centers, labels, upper, lower) && arena.margins(X, n, centers, k, f, g, labels, upper, lower))) {
			bounds8(X, n, k, centers, f, g, labels, upper, lower);
		}
	} else {
		for (let i = 0; i < n; i++) {
			const a = labels[i], o = i * stride;
			let low = Infinity;
			for (let b = 0; b < k; b++) {
				const s = sqN(X, o, centers, b * stride, cols);
				if (b === a) upper[i] = g[a] === Infinity ? Infinity : Math.sqrt(g[a] * s);
				else if (f[b] * s < low) low = f[b] * s;
			}
			lower[i] = Math.sqrt(low);
		}
	}
	for (let i = 0; i < n; i++) slack[i] = RHO0 * (1 - 1e-9) * lower[i] - SIGMA0 * (1 + 1e-9) * upper[i];
}

/** hartiganBounds for a stride of 8, the row's values held in locals across the centres. */
function bounds8(
	X: Float64Array, n: number, k: number, C: Float64Array, f: Float64Array, g: Float64Array,
	labels: Int32Array, upper: Float64Array, lower: Float64Array
): void {
	for (let i = 0, o = 0; i < n; i++, o += 8) {
		const a = labels[i];
		const x0 = X[o], x1 = X[o + 1], x2 = X[o + 2], x3 = X[o + 3], x4 = X[o + 4], x5 = X[o + 5], x6 = X[o + 6], x7 = X[o + 7];
		let low = Infinity, own = 0;
		for (let b = 0, c = 0; b < k; b++, c += 8) {
			const d0 = x0 - C[c], d1 = x1 - C[c + 1], d2 = x2 - C[c + 2], d3 = x3 - C[c + 3];
			const d4 = x4 - C[c + 4], d5 = x5 - C[c + 5], d6 = x6 - C[c + 6], d7 = x7 - C[c + 7];
			const s = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + (d4 * d4 + d5 * d5 + d6 * d6 + d7 * d7);
			if (b === a) own = s;
			else if (f[b] * s < low) low = f[b] * s;
		}
		upper[i] = g[a] === Infinity ? Infinity : Math.sqrt(g[a] * own);
		lower[i] = Math.sqrt(low);
	}
}

/** ‖X_o − C_c‖² over `cols` features, summed in feature order (kmeans-hartigan.ts uses the same one). */
export function sqN(X: Float64Array, o: number, C: Float64Array, c: number, cols: number): number {
	let s = 0;
	for (let j = 0; j < cols; j++) {
		const d = X[o + j] - C[c + j];
		s += d * d;
	}
	return s;
}

/**
 * The drift bookkeeping of one Hartigan pass over rows whose bounds were computed at the pass start: per segment,
 * how far its centre may have moved (δ, with every update's rounding added) and √(g(n')/g(n)); over all segments,
 * the largest δ and the smallest √(f(n')/f(n)).
 */
export class PassDrift {
	/** Per segment: how far its centre may have moved since the pass start. */
	readonly drift: Float64Array;
	/** Per segment: √(g(n')/g(n)) (Infinity once it has one row left). */
	readonly sigma: Float64Array;
	/** The largest drift, the smallest √(f(n')/f(n)) and the largest √(g(n')/g(n)) over all segments so far. */
	dmax = 0;
	rho = 1;
	sigmaMax = 1;
	private readonly f0: Float64Array;
	private readonly g0: Float64Array;

	constructor(counts: Float64Array) {
		const k = counts.length;
		this.f0 = Float64Array.from(counts, addFactor);
		this.g0 = Float64Array.from(counts, removeFactor);
		this.drift = new Float64Array(k);
		this.sigma = new Float64Array(k).fill(1);
	}

	/** Whether rows may still be skipped on their slack alone (see RHO0). */
	get withinBudget(): boolean {
		return this.rho >= RHO0 && this.sigmaMax <= SIGMA0;
	}

	/**
	 * Segment c's centre moved by the vector whose squared length is `moved2`, its coordinates' magnitudes summing
	 * to `mass` after the move (each stored coordinate rounds by at most 2⁻⁵³ of itself), and it now has n rows.
	 */
	moved(c: number, moved2: number, mass: number, n: number): void {
		const d = (this.drift[c] += Math.sqrt(moved2) * (1 + 1e-9) + 2.3e-16 * mass);
		if (d > this.dmax) this.dmax = d;
		this.sigma[c] = n > 1 ? Math.sqrt(removeFactor(n) / this.g0[c]) : Infinity;
		if (!(this.sigma[c] <= this.sigmaMax)) this.sigmaMax = this.sigma[c];
		if (this.f0[c] > 0) this.rho = Math.min(this.rho, Math.sqrt(addFactor(n) / this.f0[c]));
	}
}

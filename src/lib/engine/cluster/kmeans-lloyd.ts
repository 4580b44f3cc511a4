/**
 * One run of Lloyd's algorithm as a resumable state, shared by `kmeans` (which runs it to the end) and
 * `kmeansSteps` (which yields after every iteration), so both reach the same final state bit for bit.
 *
 * Follows scikit-learn 1.2 `_kmeans.py::_kmeans_single_lloyd` and `_k_means_lloyd.pyx::lloyd_iter_chunked_dense`:
 * each iteration assigns rows to the current centres and averages them into new centres (relocating empty
 * clusters as `_k_means_common.pyx::_relocate_empty_clusters_dense` does); it stops when the labels did not change
 * (strict convergence) or when the total squared centre shift is ≤ tol·mean(feature variance) (`_tolerance`);
 * without strict convergence a last assignment pass makes the labels match the final centres.
 *
 * When X lives in a WebAssembly arena (kmeans-wasm.ts), the run's labels, centres, sums and counts are allocated
 * there too, so that the kernels take the WebAssembly path; the caller owns the arena's lifetime. Every pass over
 * the rows goes block by block in the canonical order of kmeans-blocks.ts, so a team of threads sharing the arena
 * (kmeans-team.ts) gives the same bits as one thread.
 */
import { squaredDistances } from './kmeans-kernels';
import { BlockedRows } from './kmeans-blocks';
import { HamerlyBounds } from './kmeans-hamerly';
import { KernelBounds, kernelBoundsShare, MAX_ITER_BOUNDED } from './kmeans-lloyd-bounds';
import { arenaOf } from './kmeans-wasm';

export class LloydRun {
	readonly labels: Int32Array;
	/** Current centres, k × stride, in the centred space. */
	centers: Float64Array;
	iteration = 0;
	done = false;
	strict = false;
	/** Total squared centre shift of the last iteration. */
	shift = Infinity;
	private next: Float64Array;
	private readonly counts: Float64Array;
	private bounds: HamerlyBounds | null = null;
	private kernelBounds: KernelBounds | null = null;
	/** Rows whose label changed in the last iteration. */
	private lastChanged = Infinity;
	private readonly blocked: BlockedRows;

	constructor(
		private readonly X: Float64Array,
		private readonly rows: number,
		private readonly stride: number,
		private readonly k: number,
		initial: Float64Array,
		private readonly maxIter: number,
		private readonly tolScaled: number,
		/**
		 * Iteration from which Hamerly's bounds (identical results) take over, or null for never. Bounds cost a
		 * pass to set up and pay off only once few rows change cluster, so long runs on large data benefit.
		 */
		private readonly accelerateFrom: number | null = null
	) {
		const arena = arenaOf(X);
		this.centers = arena ? arena.f64(initial.length) : new Float64Array(initial.length);
		this.centers.set(initial);
		this.next = arena ? arena.f64(initial.length) : new Float64Array(initial.length);
		// −1: the first iteration counts every row as changed (labels hold the previous iteration's labels).
		this.labels = (arena ? arena.i32(rows, false) : new Int32Array(rows)).fill(-1);
		this.counts = arena ? arena.f64(k) : new Float64Array(k);
		this.blocked = new BlockedRows(X, rows, stride, k);
		if (maxIter < 1) this.finish();
	}

	/** One Lloyd iteration (plus the final relabelling when it ends the run). */
	step(): void {
		if (this.done) return;
		const { X, rows, stride, k, counts, labels } = this;
		const sums = this.next;
		sums.fill(0);
		counts.fill(0);
		if (this.bounds === null && this.kernelBounds === null && this.accelerateFrom !== null && this.iteration >= this.accelerateFrom && k > 1) {
			// The WebAssembly kernel's own bounds where it runs (strides 4 and 8), once few rows still change cluster
			// (setting them up costs about two plain passes, which a run that is about to converge never repays);
			// else the JavaScript ones.
			const arena = arenaOf(X);
			if (arena && (stride === 4 || stride === 8) && this.maxIter <= MAX_ITER_BOUNDED) {
				if (this.lastChanged <= rows * kernelBoundsShare()) {
					this.kernelBounds = new KernelBounds(X, rows, stride, k, arena);
					this.kernelBounds.begin(this.centers);
				}
			} else this.bounds = new HamerlyBounds(X, rows, stride, k, this.blocked);
		}
		const changed = this.kernelBounds
			? this.kernelBounds.assign(this.blocked, this.centers, labels, sums, counts)
			: this.bounds
				? this.bounds.assign(this.centers, labels, sums, counts)
				: this.blocked.assign(this.centers, labels, sums, counts);
		this.lastChanged = changed;
		this.relocateEmpty(sums);
		for (let c = 0; c < k; c++) {
			// sklearn `_average_centers`: a cluster left with no weight keeps its (sum) values.
			if (counts[c] > 0) {
				const a = 1 / counts[c];
				for (let j = 0, p = c * stride; j < stride; j++) sums[p + j] *= a;
			}
		}
		let shift = 0;
		for (let i = 0; i < sums.length; i++) {
			const d = sums[i] - this.centers[i];
			shift += d * d;
		}
		this.shift = shift;
		this.bounds?.moved(this.centers, sums, labels);
		this.kernelBounds?.moved(this.centers, sums);
		this.next = this.centers;
		this.centers = sums;
		this.iteration++;
		if (changed === 0) {
			this.strict = true;
			this.done = true;
		} else if (shift <= this.tolScaled || this.iteration >= this.maxIter) {
			this.finish();
		}
	}

	/** Rows for which Hamerly's bounds skipped the distance computations (0 when not accelerated). */
	get skippedRows(): number {
		return this.bounds?.skipped ?? 0;
	}

	/** Whether the run stopped on its criterion rather than by reaching maxIter. */
	get converged(): boolean {
		return this.strict || (this.done && this.shift <= this.tolScaled);
	}

	/** Exact inertia of the current labels against the current centres. */
	inertia(out: Float64Array | null = null): number {
		return this.blocked.inertia(this.centers, this.labels, out);
	}

	private finish(): void {
		// The final relabelling: with the kernel's bounds, only rows they cannot prove are recomputed (same labels).
		if (this.kernelBounds) {
			const { k, stride } = this;
			this.kernelBounds.assign(this.blocked, this.centers, this.labels, new Float64Array(k * stride), new Float64Array(k));
		} else this.blocked.assign(this.centers, this.labels, null, null);
		this.done = true;
	}

	/**
	 * Empty clusters take the rows farthest from their (old) centres, largest distance first; the row's
	 * contribution moves from its cluster's sum to the empty one. Labels are not changed, as in sklearn.
	 */
	private relocateEmpty(sums: Float64Array): void {
		const { counts, k, stride, X } = this;
		const empty: number[] = [];
		for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
		if (empty.length === 0) return;
		const dist = new Float64Array(this.rows);
		squaredDistances(X, this.rows, stride, this.centers, this.labels, dist);
		const far = largest(dist, empty.length);
		for (let e = 0; e < empty.length; e++) {
			const row = far[e];
			const from = this.labels[row];
			const to = empty[e];
			for (let j = 0; j < stride; j++) {
				sums[from * stride + j] -= X[row * stride + j];
				sums[to * stride + j] = X[row * stride + j];
			}
			counts[to] = 1;
			counts[from] -= 1;
		}
	}
}

/** Indices of the m largest values, largest first (ties: lower index first). */
function largest(values: Float64Array, m: number): number[] {
	const top: number[] = [];
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (top.length === m && v <= values[top[m - 1]]) continue;
		let at = top.length;
		while (at > 0 && values[top[at - 1]] < v) at--;
		top.splice(at, 0, i);
		if (top.length > m) top.pop();
	}
	return top;
}

/**
 * sklearn `_tolerance`: tol × mean of the per-feature (population) variances. X is centred (column means zero up
 * to rounding), so one pass suffices: var = mean(x²) − mean(x)², where the second term is at rounding level.
 */
export function scaledTolerance(X: Float64Array, rows: number, stride: number, cols: number, tol: number): number {
	if (tol === 0) return 0;
	const m = new Float64Array(cols);
	const v = new Float64Array(cols);
	if (cols === 8 && stride === 8) {
		let m0 = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0, m5 = 0, m6 = 0, m7 = 0;
		let v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0, v6 = 0, v7 = 0;
		for (let o = 0; o < rows * 8; o += 8) {
			const x0 = X[o], x1 = X[o + 1], x2 = X[o + 2], x3 = X[o + 3], x4 = X[o + 4], x5 = X[o + 5], x6 = X[o + 6], x7 = X[o + 7];
			m0 += x0; m1 += x1; m2 += x2; m3 += x3; m4 += x4; m5 += x5; m6 += x6; m7 += x7;
			v0 += x0 * x0; v1 += x1 * x1; v2 += x2 * x2; v3 += x3 * x3; v4 += x4 * x4; v5 += x5 * x5; v6 += x6 * x6; v7 += x7 * x7;
		}
		m.set([m0, m1, m2, m3, m4, m5, m6, m7]);
		v.set([v0, v1, v2, v3, v4, v5, v6, v7]);
	} else {
		for (let i = 0, o = 0; i < rows; i++, o += stride) {
			for (let j = 0; j < cols; j++) {
				const x = X[o + j];
				m[j] += x;
				v[j] += x * x;
			}
		}
	}
	let total = 0;
	for (let j = 0; j < cols; j++) {
		const mj = m[j] / rows;
		total += Math.max(0, v[j] / rows - mj * mj);
	}
	return (total / cols) * tol;
}

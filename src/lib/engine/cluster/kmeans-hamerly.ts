import { BLOCK_ROWS, type BlockedRows } from './kmeans-blocks';

/**
 * Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010) as an exact accelerator of the plain
 * assignment kernel: a row whose bounds prove that its centre is still the nearest skips the k dot products.
 *
 * The labels must be bit-for-bit those of `assignRows` (‖c‖² − 2·x·c, first minimum), so a row is skipped only
 * when the proven gap between the squared distances to its centre and to every other centre exceeds twice
 * `eps = 1e-10·(‖x‖ + max‖c‖)²`, a bound far above the rounding error of that dot-product expression for any
 * realistic number of features. Near-ties therefore always fall back to the full computation. The per-cluster
 * sums are still accumulated over every row, per block of BLOCK_ROWS rows added in block order (kmeans-blocks.ts),
 * so the new centres are identical too.
 */
export class HamerlyBounds {
	/** Upper bound on the distance from each row to its assigned centre. */
	private readonly upper: Float64Array;
	/** Lower bound on the distance from each row to every other centre. */
	private readonly lower: Float64Array;
	private readonly norm: Float64Array;
	private ready = false;
	/** Rows whose distance computations were skipped so far (for tests and benchmarks). */
	skipped = 0;

	constructor(
		private readonly X: Float64Array, private readonly rows: number, private readonly stride: number, private readonly k: number,
		private readonly blocked: BlockedRows
	) {
		this.upper = new Float64Array(rows);
		this.lower = new Float64Array(rows);
		this.norm = new Float64Array(rows);
		for (let i = 0, o = 0; i < rows; i++, o += stride) {
			let s = 0;
			for (let j = 0; j < stride; j++) s += X[o + j] * X[o + j];
			this.norm[i] = Math.sqrt(s);
		}
	}

	/** Same contract as assignRows with sums: labels (holding the previous labels) updated, sums/counts filled; returns the rows that changed label. */
	assign(centers: Float64Array, labels: Int32Array, sums: Float64Array, counts: Float64Array): number {
		const { X, rows, stride, k, upper, lower, norm } = this;
		if (!this.ready) {
			// First pass: the plain kernel, keeping each row's best ‖c‖² − 2·x·c to seed the upper bounds. The
			// lower bounds start at 0, so next time only rows within half a centre gap of their centre skip.
			const changed = this.blocked.assign(centers, labels, sums, counts, upper);
			let R2 = 0;
			for (let c = 0; c < k; c++) R2 = Math.max(R2, rowNorm2(centers, c * stride, stride));
			const R = Math.sqrt(R2);
			for (let i = 0; i < rows; i++) {
				const eps = 1e-10 * (norm[i] + R) * (norm[i] + R);
				upper[i] = Math.sqrt(Math.max(0, norm[i] * norm[i] + upper[i] + eps));
				lower[i] = 0;
			}
			this.ready = true;
			return changed;
		}
		let changed = 0;
		const cNorm2 = new Float64Array(k);
		const c2 = new Float64Array(k * stride);
		let R = 0;
		for (let c = 0; c < k; c++) {
			let s = 0;
			for (let j = 0; j < stride; j++) {
				const v = centers[c * stride + j];
				s += v * v;
				c2[c * stride + j] = -2 * v;
			}
			cNorm2[c] = s;
			R = Math.max(R, Math.sqrt(s));
		}
		const half = halfGaps(centers, k, stride);
		// This block's sums and counts, added to the totals at the end of each block (the canonical order).
		const bs = new Float64Array(k * stride);
		const bc = new Float64Array(k);
		for (let i = 0, o = 0; i < rows; i++, o += stride) {
			let a = labels[i];
			const eps = 1e-10 * (norm[i] + R) * (norm[i] + R);
			{
				const e2 = 2 * eps;
				let u = upper[i];
				let lb = Math.max(lower[i], 2 * half[a] - u);
				if (!(lb > u && lb * lb - u * u > e2)) {
					u = upper[i] = distance(X, o, centers, a * stride, stride);
					lb = Math.max(lower[i], 2 * half[a] - u);
				}
				if (!(lb > u && lb * lb - u * u > e2)) {
					a = this.full(i, o, centers, c2, cNorm2, eps);
					if (a !== labels[i]) changed++;
					labels[i] = a;
				} else this.skipped++;
			}
			const q = a * stride;
			if (stride === 8) {
				bs[q] += X[o]; bs[q + 1] += X[o + 1]; bs[q + 2] += X[o + 2]; bs[q + 3] += X[o + 3];
				bs[q + 4] += X[o + 4]; bs[q + 5] += X[o + 5]; bs[q + 6] += X[o + 6]; bs[q + 7] += X[o + 7];
			} else for (let j = 0; j < stride; j++) bs[q + j] += X[o + j];
			bc[a]++;
			if ((i + 1) % BLOCK_ROWS === 0 || i + 1 === rows) {
				for (let j = 0; j < bs.length; j++) sums[j] += bs[j];
				for (let c = 0; c < k; c++) counts[c] += bc[c];
				bs.fill(0);
				bc.fill(0);
			}
		}
		return changed;
	}

	/** After the centres moved from `before` to `after`, loosen the bounds by how far they moved. */
	moved(before: Float64Array, after: Float64Array, labels: Int32Array): void {
		const { k, stride, rows, upper, lower } = this;
		const delta = new Float64Array(k);
		let top = -1;
		let second = 0;
		for (let c = 0; c < k; c++) {
			delta[c] = distance(before, c * stride, after, c * stride, stride);
			if (top < 0 || delta[c] > delta[top]) {
				if (top >= 0) second = delta[top];
				top = c;
			} else if (delta[c] > second) second = delta[c];
		}
		for (let i = 0; i < rows; i++) {
			const a = labels[i];
			upper[i] += delta[a];
			lower[i] -= a === top ? second : delta[top];
		}
	}

	/** All k dot products for one row, exactly as assignRows orders them; sets both bounds, returns the nearest centre. */
	private full(
		i: number, o: number, centers: Float64Array, c2: Float64Array, cNorm2: Float64Array, eps: number
	): number {
		const { X, stride, k } = this;
		let best = Infinity;
		let next = Infinity;
		let bi = 0;
		if (stride === 8) {
			const x0 = X[o], x1 = X[o + 1], x2 = X[o + 2], x3 = X[o + 3];
			const x4 = X[o + 4], x5 = X[o + 5], x6 = X[o + 6], x7 = X[o + 7];
			for (let c = 0, p = 0; c < k; c++, p += 8) {
				const s = cNorm2[c] + (((x0 * c2[p] + x1 * c2[p + 1]) + (x2 * c2[p + 2] + x3 * c2[p + 3])) +
					((x4 * c2[p + 4] + x5 * c2[p + 5]) + (x6 * c2[p + 6] + x7 * c2[p + 7])));
				if (s < best) {
					next = best;
					best = s;
					bi = c;
				} else if (s < next) next = s;
			}
		} else {
			for (let c = 0, p = 0; c < k; c++, p += stride) {
				let s: number;
				if (stride === 4) {
					s = cNorm2[c] + ((X[o] * c2[p] + X[o + 1] * c2[p + 1]) + (X[o + 2] * c2[p + 2] + X[o + 3] * c2[p + 3]));
				} else {
					// Same association as assignWide: blocks of eight summed left to right, then the norm added.
					let acc = 0;
					for (let j = 0; j < stride; j += 8) {
						const b = o + j, q = p + j;
						acc += X[b] * c2[q] + X[b + 1] * c2[q + 1] + X[b + 2] * c2[q + 2] + X[b + 3] * c2[q + 3] +
							X[b + 4] * c2[q + 4] + X[b + 5] * c2[q + 5] + X[b + 6] * c2[q + 6] + X[b + 7] * c2[q + 7];
					}
					s = cNorm2[c] + acc;
				}
				if (s < best) {
					next = best;
					best = s;
					bi = c;
				} else if (s < next) next = s;
			}
		}
		this.upper[i] = distance(X, o, centers, bi * stride, stride);
		// ‖x‖² + s is the squared distance up to far less than eps; subtracting eps keeps a true lower bound.
		const n2 = this.norm[i] * this.norm[i];
		this.lower[i] = next === Infinity ? Infinity : Math.sqrt(Math.max(0, n2 + next - eps));
		return bi;
	}
}

function rowNorm2(A: Float64Array, a: number, n: number): number {
	let s = 0;
	for (let j = 0; j < n; j++) s += A[a + j] * A[a + j];
	return s;
}

/** Euclidean distance between A[a .. a+n) and B[b .. b+n). */
export function distance(A: Float64Array, a: number, B: Float64Array, b: number, n: number): number {
	let s = 0;
	for (let j = 0; j < n; j++) {
		const d = A[a + j] - B[b + j];
		s += d * d;
	}
	return Math.sqrt(s);
}

/** Half the distance from each centre to its nearest other centre (Hamerly's s(c)). */
function halfGaps(centers: Float64Array, k: number, stride: number): Float64Array {
	const half = new Float64Array(k).fill(Infinity);
	for (let a = 0; a < k; a++) {
		for (let b = a + 1; b < k; b++) {
			const d = distance(centers, a * stride, centers, b * stride, stride) / 2;
			if (d < half[a]) half[a] = d;
			if (d < half[b]) half[b] = d;
		}
	}
	return half;
}

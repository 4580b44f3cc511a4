/**
 * A k-d tree for Euclidean range counting, range listing and k-nearest-neighbour distances, in the spirit of
 * scikit-learn's `sklearn/neighbors/_kd_tree.pyx` (Bentley 1975; bounding boxes per node, sliding-midpoint-free
 * median splits on the widest dimension, leaves of up to `leafSize` points). Points are copied in tree order so
 * that leaf scans read memory contiguously.
 *
 * Distances are compared squared, summed feature by feature in order, exactly as sklearn's `rdist` does, so a
 * point lies within r of q here exactly when it does for sklearn's KDTree. A node whose farthest corner is
 * within r is counted without visiting its points: per feature |q − x| ≤ max(|q − lo|, |q − hi|) holds in
 * floating point too, so this never changes the answer.
 */
export class KDTree {
	readonly cols: number;
	readonly size: number;
	/** Points in tree order, row-major. */
	readonly data: Float64Array;
	/** Original row of each tree position. */
	readonly index: Int32Array;
	/** Tree position of each original row. */
	readonly position: Int32Array;
	/** Node v covers tree positions [start[v], end[v]); its children are left[v] and left[v] + 1 (-1: leaf). */
	readonly start: Int32Array;
	readonly end: Int32Array;
	readonly left: Int32Array;
	/** Bounding box of node v: lo / hi[v·cols + f]. */
	readonly lo: Float64Array;
	readonly hi: Float64Array;
	/** Traversal stack shared by the queries (depth ≈ log2(rows / leafSize), far below 256). */
	readonly stack = new Int32Array(256);
	private nodes = 0;

	constructor(X: Float64Array, rows: number, cols: number, leafSize = 16) {
		this.cols = cols;
		this.size = rows;
		const idx = Int32Array.from({ length: rows }, (_, i) => i);
		// Splits only nodes above leafSize, so leaves hold at least leafSize / 2 points: fewer than 4·rows/leafSize nodes.
		const maxNodes = 4 * Math.ceil(rows / Math.max(1, leafSize)) + 1;
		this.start = new Int32Array(maxNodes);
		this.end = new Int32Array(maxNodes);
		this.left = new Int32Array(maxNodes).fill(-1);
		this.lo = new Float64Array(maxNodes * cols);
		this.hi = new Float64Array(maxNodes * cols);
		this.build(X, idx, 0, rows, Math.max(1, leafSize));
		this.index = idx;
		this.data = new Float64Array(rows * cols);
		this.position = new Int32Array(rows);
		for (let p = 0; p < rows; p++) {
			this.data.set(X.subarray(idx[p] * cols, idx[p] * cols + cols), p * cols);
			this.position[idx[p]] = p;
		}
	}

	/** Builds the subtree of idx[s, e) iteratively by node; children of node v are left[v] and left[v] + 1. */
	private build(X: Float64Array, idx: Int32Array, s: number, e: number, leafSize: number): void {
		const cols = this.cols;
		const todo: number[] = [0];
		this.start[0] = s;
		this.end[0] = e;
		this.nodes = 1;
		while (todo.length) {
			const v = todo.pop()!;
			const a = this.start[v];
			const b = this.end[v];
			let bestDim = 0;
			let bestSpread = -1;
			for (let f = 0; f < cols; f++) {
				let mn = Infinity;
				let mx = -Infinity;
				for (let p = a; p < b; p++) {
					const x = X[idx[p] * cols + f];
					if (x < mn) mn = x;
					if (x > mx) mx = x;
				}
				this.lo[v * cols + f] = mn;
				this.hi[v * cols + f] = mx;
				if (mx - mn > bestSpread) {
					bestSpread = mx - mn;
					bestDim = f;
				}
			}
			if (b - a <= leafSize || bestSpread === 0) continue;
			const mid = (a + b) >> 1;
			quickselect(X, idx, cols, bestDim, a, b - 1, mid);
			const c = this.nodes;
			this.nodes += 2;
			this.left[v] = c;
			this.start[c] = a;
			this.end[c] = mid;
			this.start[c + 1] = mid;
			this.end[c + 1] = b;
			todo.push(c + 1, c);
		}
	}

	/** Squared distance from point q (offset qo in Q) to node v's box: [min, max]. */
	minDist2(Q: Float64Array, qo: number, v: number): number {
		const cols = this.cols;
		let s = 0;
		for (let f = 0; f < cols; f++) {
			const x = Q[qo + f];
			const l = this.lo[v * cols + f];
			const h = this.hi[v * cols + f];
			const d = x < l ? l - x : x > h ? x - h : 0;
			s += d * d;
		}
		return s;
	}

	maxDist2(Q: Float64Array, qo: number, v: number): number {
		const cols = this.cols;
		let s = 0;
		for (let f = 0; f < cols; f++) {
			const x = Q[qo + f];
			const a = Math.abs(x - this.lo[v * cols + f]);
			const b = Math.abs(x - this.hi[v * cols + f]);
			const d = a > b ? a : b;
			s += d * d;
		}
		return s;
	}

	/** Points within squared radius r2 of Q[qo..] (itself included), stopping once the count reaches stopAt. */
	countWithin(Q: Float64Array, qo: number, r2: number, stopAt = Infinity): number {
		const { data, cols, stack } = this;
		let top = 0;
		let count = 0;
		stack[top++] = 0;
		while (top > 0 && count < stopAt) {
			const v = stack[--top];
			if (this.minDist2(Q, qo, v) > r2) continue;
			if (this.maxDist2(Q, qo, v) <= r2) {
				count += this.end[v] - this.start[v];
				continue;
			}
			const c = this.left[v];
			if (c >= 0) {
				stack[top++] = c + 1;
				stack[top++] = c;
				continue;
			}
			for (let p = this.start[v]; p < this.end[v]; p++) {
				const po = p * cols;
				let s = 0;
				for (let f = 0; f < cols; f++) {
					const d = Q[qo + f] - data[po + f];
					s += d * d;
				}
				if (s <= r2) count++;
			}
		}
		return count;
	}

	/** Tree positions of the points within squared radius r2, written to out (grown when full); returns the count. */
	within(Q: Float64Array, qo: number, r2: number, out: { buf: Int32Array }): number {
		const { data, cols, stack } = this;
		let top = 0;
		let n = 0;
		stack[top++] = 0;
		while (top > 0) {
			const v = stack[--top];
			if (this.minDist2(Q, qo, v) > r2) continue;
			const all = this.maxDist2(Q, qo, v) <= r2;
			const c = this.left[v];
			if (c >= 0 && !all) {
				stack[top++] = c + 1;
				stack[top++] = c;
				continue;
			}
			if (n + this.end[v] - this.start[v] > out.buf.length) {
				const bigger = new Int32Array(Math.max(2 * out.buf.length, n + this.end[v] - this.start[v]));
				bigger.set(out.buf.subarray(0, n));
				out.buf = bigger;
			}
			const buf = out.buf;
			for (let p = this.start[v]; p < this.end[v]; p++) {
				if (all) {
					buf[n++] = p;
					continue;
				}
				const po = p * cols;
				let s = 0;
				for (let f = 0; f < cols; f++) {
					const d = Q[qo + f] - data[po + f];
					s += d * d;
				}
				if (s <= r2) buf[n++] = p;
			}
		}
		return n;
	}
}

/** Hoare-partition quickselect of idx[a..b] on feature f, leaving position m at its sorted place. */
function quickselect(X: Float64Array, idx: Int32Array, cols: number, f: number, a: number, b: number, m: number): void {
	while (b > a) {
		const pivot = X[idx[(a + b) >> 1] * cols + f];
		let i = a;
		let j = b;
		while (i <= j) {
			while (X[idx[i] * cols + f] < pivot) i++;
			while (X[idx[j] * cols + f] > pivot) j--;
			if (i <= j) {
				const t = idx[i];
				idx[i] = idx[j];
				idx[j] = t;
				i++;
				j--;
			}
		}
		if (m <= j) b = j;
		else if (m >= i) a = i;
		else return;
	}
}

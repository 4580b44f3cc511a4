/**
 * Exact k-nearest neighbours of every row with a vantage-point tree (Yianilos 1993, "Data structures and
 * algorithms for nearest neighbor search in general metric spaces"), the structure van der Maaten's bhtsne uses
 * for t-SNE's input similarities (van der Maaten 2014, §4.1). Works in any dimension; distances are Euclidean.
 *
 * The tree is stored implicitly in one permutation: the node at position `lo` of range [lo, hi) is its vantage
 * point, [lo + 1, mid) are the points within `radius[lo]` of it and [mid, hi) the rest.
 */
import type { Rng } from '../random';

const LEAF = 8;

export interface KnnGraph {
	/** rows × k neighbour indices, nearest first (a row never lists itself). */
	indices: Int32Array;
	/** rows × k squared Euclidean distances, ascending. */
	distances2: Float64Array;
	k: number;
}

/** The k nearest other rows of every row of X (rows × cols, row-major); k is capped at rows − 1. */
export function knnGraph(X: Float64Array, rows: number, cols: number, k: number, rng: Rng, tick?: (f: number) => void): KnnGraph {
	k = Math.max(0, Math.min(k, rows - 1));
	const order = Int32Array.from({ length: rows }, (_, i) => i);
	const radius = new Float64Array(rows);
	const split = new Int32Array(rows);
	const scratch = new Float64Array(rows);
	const dist = (a: number, b: number): number => {
		let s = 0;
		const oa = a * cols, ob = b * cols;
		for (let j = 0; j < cols; j++) {
			const d = X[oa + j] - X[ob + j];
			s += d * d;
		}
		return Math.sqrt(s);
	};
	// Build without recursion: a stack of ranges.
	const stack: number[] = [0, rows];
	while (stack.length) {
		const hi = stack.pop()!, lo = stack.pop()!;
		if (hi - lo <= LEAF) continue;
		const pick = lo + rng.int(hi - lo);
		swap(order, lo, pick);
		const vp = order[lo];
		for (let i = lo + 1; i < hi; i++) scratch[i] = dist(vp, order[i]);
		const mid = (lo + 1 + hi) >> 1;
		select(order, scratch, lo + 1, hi - 1, mid);
		radius[lo] = scratch[mid];
		split[lo] = mid;
		stack.push(lo + 1, mid, mid, hi);
	}

	const indices = new Int32Array(rows * k);
	const distances2 = new Float64Array(rows * k);
	const heapD = new Float64Array(k + 1);
	const heapI = new Int32Array(k + 1);
	for (let q = 0; q < rows; q++) {
		let size = 0;
		let tau = Infinity;
		const push = (d: number, i: number) => {
			if (size < k) {
				heapPush(heapD, heapI, size++, d, i);
				if (size === k) tau = heapD[0];
			} else if (d < heapD[0]) {
				heapReplaceTop(heapD, heapI, k, d, i);
				tau = heapD[0];
			}
		};
		// Depth-first; the depth is about log2(rows) because every split is at the median position.
		const search = (lo: number, hi: number): void => {
			if (hi - lo <= LEAF) {
				for (let p = lo; p < hi; p++) {
					const i = order[p];
					if (i !== q) push(dist(q, i), i);
				}
				return;
			}
			const vp = order[lo];
			const d = dist(q, vp);
			if (vp !== q) push(d, vp);
			const r = radius[lo], mid = split[lo];
			if (d < r) {
				if (d - tau <= r) search(lo + 1, mid);
				if (d + tau >= r) search(mid, hi);
			} else {
				if (d + tau >= r) search(mid, hi);
				if (d - tau <= r) search(lo + 1, mid);
			}
		};
		if (k > 0) search(0, rows);
		// Heap → ascending order.
		for (let s = size - 1; s >= 0; s--) {
			indices[q * k + s] = heapI[0];
			distances2[q * k + s] = heapD[0] * heapD[0];
			heapPop(heapD, heapI, s + 1);
		}
		if (tick && (q & 1023) === 0) tick(q / rows);
	}
	return { indices, distances2, k };
}

function swap(a: Int32Array, i: number, j: number): void {
	const t = a[i];
	a[i] = a[j];
	a[j] = t;
}

/** Quickselect on key[lo..hi] (inclusive), moving `order` along, so key[nth] is the nth smallest. */
function select(order: Int32Array, key: Float64Array, lo: number, hi: number, nth: number): void {
	while (hi > lo) {
		const pivot = key[(lo + hi) >> 1];
		let i = lo, j = hi;
		while (i <= j) {
			while (key[i] < pivot) i++;
			while (key[j] > pivot) j--;
			if (i <= j) {
				const tk = key[i];
				key[i] = key[j];
				key[j] = tk;
				swap(order, i, j);
				i++;
				j--;
			}
		}
		if (nth <= j) hi = j;
		else if (nth >= i) lo = i;
		else return;
	}
}

// A max-heap on distance (ties: larger index on top, so results are deterministic).
function above(d: Float64Array, ix: Int32Array, a: number, b: number): boolean {
	return d[a] > d[b] || (d[a] === d[b] && ix[a] > ix[b]);
}

function heapPush(d: Float64Array, ix: Int32Array, size: number, dv: number, iv: number): void {
	let c = size;
	d[c] = dv;
	ix[c] = iv;
	while (c > 0) {
		const p = (c - 1) >> 1;
		if (!above(d, ix, c, p)) break;
		swapHeap(d, ix, c, p);
		c = p;
	}
}

function heapReplaceTop(d: Float64Array, ix: Int32Array, size: number, dv: number, iv: number): void {
	d[0] = dv;
	ix[0] = iv;
	siftDown(d, ix, size);
}

function heapPop(d: Float64Array, ix: Int32Array, size: number): void {
	d[0] = d[size - 1];
	ix[0] = ix[size - 1];
	siftDown(d, ix, size - 1);
}

function siftDown(d: Float64Array, ix: Int32Array, size: number): void {
	let c = 0;
	for (;;) {
		const l = 2 * c + 1, r = l + 1;
		let m = c;
		if (l < size && above(d, ix, l, m)) m = l;
		if (r < size && above(d, ix, r, m)) m = r;
		if (m === c) return;
		swapHeap(d, ix, c, m);
		c = m;
	}
}

function swapHeap(d: Float64Array, ix: Int32Array, a: number, b: number): void {
	const td = d[a];
	d[a] = d[b];
	d[b] = td;
	const ti = ix[a];
	ix[a] = ix[b];
	ix[b] = ti;
}

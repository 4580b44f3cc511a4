/**
 * The Barnes–Hut part of the t-SNE gradient (van der Maaten 2014, "Accelerating t-SNE using tree-based
 * algorithms", JMLR 15, §4.2; Barnes & Hut 1986): a quadtree over the 2-D embedding whose cells carry their
 * point count and centre of mass, so the repulsion of a far cell is one term. A cell is summarised when
 * width² < θ² · distance² (scikit-learn's `_quad_tree.pyx::summarize` test, θ = `angle` = 0.5).
 *
 * Two things make it fast, both measured on 5,000 × 8 blobs (bench/tsne.bench.ts):
 * - Nodes are stored in pre-order with a skip index (the node after the subtree), so a traversal is one
 *   forward scan with no stack: opening a cell goes to node + 1, summarising or finishing a leaf jumps to skip.
 * - Leaves hold up to LEAF points, and the traversal is done once per leaf, not once per point (a "group"
 *   walk, as in Barnes 1990, "A modified tree code"): a cell is summarised for the whole leaf when the test
 *   holds for the leaf's nearest possible point — the distance from the cell's centre of mass to the leaf's
 *   bounding box — so it holds for every point in the leaf and the approximation is never coarser than the
 *   per-point walk. The resulting interaction list (summarised cells and single points) is then summed for
 *   each point of the leaf in a tight loop.
 * Flat typed arrays, rebuilt every iteration into the same buffers; points are kept in tree order.
 */
const MAX_DEPTH = 40;
/**
 * Points per leaf. Repulsion + build, best of 15, on the bench's blobs after 100/400/1,000 iterations: at 5,000
 * points leaves of 1, 4, 8, 16, 32 took 11.0, 6.4, 4.6, 4.4, 5.1 ms (the per-point walk: 7.5 ms); at 20,000,
 * leaves of 8, 16, 32 took 25, 23, 25 ms (per-point walk: 38–50 ms).
 */
export const LEAF = 16;

export class QuadTree {
	n = 0;
	nodes = 0;
	/** Point indices in tree order; node v holds perm[pStart[v] .. pEnd[v]). */
	perm: Int32Array;
	comX: Float64Array;
	comY: Float64Array;
	count: Float64Array;
	width2: Float64Array;
	/** Pre-order: the first child of v is v + 1; skip[v] is the node after v's subtree (v + 1 for a leaf). */
	skip: Int32Array;
	pStart: Int32Array;
	pEnd: Int32Array;
	/** Leaves in pre-order (= in order of their points). */
	leaves: Int32Array;
	nLeaves = 0;
	/** Coordinates in tree order (xs[t] belongs to perm[t]). */
	xs: Float64Array;
	ys: Float64Array;
	/** Interaction list of the current leaf: x, y, mass. */
	private lx: Float64Array;
	private ly: Float64Array;
	private lm: Float64Array;

	constructor(capacity: number, readonly leafSize = LEAF) {
		this.perm = new Int32Array(capacity);
		this.xs = new Float64Array(capacity);
		this.ys = new Float64Array(capacity);
		const m = Math.max(16, 2 * capacity);
		this.comX = new Float64Array(m);
		this.comY = new Float64Array(m);
		this.count = new Float64Array(m);
		this.width2 = new Float64Array(m);
		this.skip = new Int32Array(m);
		this.pStart = new Int32Array(m);
		this.pEnd = new Int32Array(m);
		this.leaves = new Int32Array(Math.max(16, capacity));
		this.lx = new Float64Array(256);
		this.ly = new Float64Array(256);
		this.lm = new Float64Array(256);
	}

	/** Builds the tree over Y (n × 2, row-major). */
	build(Y: Float64Array, n: number): void {
		this.n = n;
		let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
		for (let i = 0; i < n; i++) {
			const x = Y[2 * i], y = Y[2 * i + 1];
			this.perm[i] = i;
			this.xs[i] = x;
			this.ys[i] = y;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
		}
		const half = Math.max(x1 - x0, y1 - y0) / 2 * (1 + 1e-6) + 1e-12;
		this.nodes = 0;
		this.nLeaves = 0;
		this.split(0, n, (x0 + x1) / 2, (y0 + y1) / 2, half, 0);
	}

	private grow(): void {
		const m = this.comX.length * 2;
		const f = (a: Float64Array) => { const b = new Float64Array(m); b.set(a); return b; };
		const g = (a: Int32Array) => { const b = new Int32Array(m); b.set(a); return b; };
		this.comX = f(this.comX);
		this.comY = f(this.comY);
		this.count = f(this.count);
		this.width2 = f(this.width2);
		this.skip = g(this.skip);
		this.pStart = g(this.pStart);
		this.pEnd = g(this.pEnd);
	}

	/** Adds a node for points [s, e) of perm inside the square (cx ± half, cy ± half), then its subtree. */
	private split(s: number, e: number, cx: number, cy: number, half: number, depth: number): void {
		if (this.nodes + 1 > this.comX.length) this.grow();
		const node = this.nodes++;
		const { perm, xs, ys } = this;
		let sx = 0, sy = 0;
		for (let p = s; p < e; p++) {
			sx += xs[p];
			sy += ys[p];
		}
		const cnt = e - s;
		this.comX[node] = sx / cnt;
		this.comY[node] = sy / cnt;
		this.count[node] = cnt;
		this.width2[node] = 4 * half * half;
		this.pStart[node] = s;
		this.pEnd[node] = e;
		if (cnt <= this.leafSize || depth >= MAX_DEPTH || sameSpot(xs, ys, s, e)) {
			this.skip[node] = node + 1;
			if (this.nLeaves === this.leaves.length) {
				const l = new Int32Array(2 * this.leaves.length);
				l.set(this.leaves);
				this.leaves = l;
			}
			this.leaves[this.nLeaves++] = node;
			return;
		}
		// Partition by y (lower half first), then each half by x: quadrants SW, SE, NW, NE.
		const my = partition(perm, xs, ys, s, e, cy, false);
		const m0 = partition(perm, xs, ys, s, my, cx, true);
		const m1 = partition(perm, xs, ys, my, e, cx, true);
		const h = half / 2;
		if (m0 > s) this.split(s, m0, cx - h, cy - h, h, depth + 1);
		if (my > m0) this.split(m0, my, cx + h, cy - h, h, depth + 1);
		if (m1 > my) this.split(my, m1, cx - h, cy + h, h, depth + 1);
		if (e > m1) this.split(m1, e, cx + h, cy + h, h, depth + 1);
		this.skip[node] = this.nodes;
	}

	/** Room for m entries in the interaction list. */
	ensureList(m: number): void {
		if (m <= this.lx.length) return;
		const size = Math.max(m, 2 * this.lx.length);
		const f = (a: Float64Array) => { const b = new Float64Array(size); b.set(a); return b; };
		this.lx = f(this.lx);
		this.ly = f(this.ly);
		this.lm = f(this.lm);
	}

	/** The interaction list of leaf `leaf` for accuracy θ²; returns its length (lists are in lx, ly, lm). */
	interactions(leaf: number, theta2: number): number {
		const { comX, comY, count, width2, skip, pStart, pEnd, xs, ys } = this;
		const s0 = pStart[leaf], e0 = pEnd[leaf];
		let bx0 = Infinity, bx1 = -Infinity, by0 = Infinity, by1 = -Infinity;
		for (let p = s0; p < e0; p++) {
			const x = xs[p], y = ys[p];
			if (x < bx0) bx0 = x;
			if (x > bx1) bx1 = x;
			if (y < by0) by0 = y;
			if (y > by1) by1 = y;
		}
		let lx = this.lx, ly = this.ly, lm = this.lm;
		let len = 0;
		const nodes = this.nodes;
		let v = 0;
		while (v < nodes) {
			const cx = comX[v], cy = comY[v];
			// Distance from the centre of mass to the nearest point of the leaf's bounding box.
			const ddx = cx < bx0 ? bx0 - cx : cx > bx1 ? cx - bx1 : 0;
			const ddy = cy < by0 ? by0 - cy : cy > by1 ? cy - by1 : 0;
			const next = skip[v];
			if (width2[v] < theta2 * (ddx * ddx + ddy * ddy)) {
				if (len === lx.length) {
					this.ensureList(len + 1);
					(lx = this.lx), (ly = this.ly), (lm = this.lm);
				}
				lx[len] = cx;
				ly[len] = cy;
				lm[len++] = count[v];
				v = next;
			} else if (next === v + 1) {
				const e = pEnd[v];
				if (len + e - pStart[v] > lx.length) {
					this.ensureList(len + e - pStart[v]);
					(lx = this.lx), (ly = this.ly), (lm = this.lm);
				}
				for (let p = pStart[v]; p < e; p++) {
					lx[len] = xs[p];
					ly[len] = ys[p];
					lm[len++] = 1;
				}
				v = next;
			} else v++;
		}
		return len;
	}

	/** Interaction list buffers (valid after interactions()). */
	list(): { lx: Float64Array; ly: Float64Array; lm: Float64Array } {
		return { lx: this.lx, ly: this.ly, lm: this.lm };
	}
}

function sameSpot(xs: Float64Array, ys: Float64Array, s: number, e: number): boolean {
	for (let p = s + 1; p < e; p++) if (xs[p] !== xs[s] || ys[p] !== ys[s]) return false;
	return true;
}

/** Moves points with coordinate < pivot to the front of [s, e); returns the boundary. */
function partition(perm: Int32Array, xs: Float64Array, ys: Float64Array, s: number, e: number, pivot: number, byX: boolean): number {
	const key = byX ? xs : ys;
	let i = s, j = e - 1;
	while (i <= j) {
		if (key[i] < pivot) i++;
		else {
			const tp = perm[i]; perm[i] = perm[j]; perm[j] = tp;
			const tx = xs[i]; xs[i] = xs[j]; xs[j] = tx;
			const ty = ys[i]; ys[i] = ys[j]; ys[j] = ty;
			j--;
		}
	}
	return i;
}

/**
 * Repulsive forces for the points of the leaves that start at tree positions [from, to): neg[2i], neg[2i + 1] =
 * Σ_j q_ij² (y_i − y_j)·Z (unnormalised, q_ij Z = 1 / (1 + ‖y_i − y_j‖²)); returns those points' share of
 * Z = Σ_{i≠j} q_ij Z. A point's own term (q = 1, no force) is in its leaf's list and taken off Z afterwards.
 */
export function repulsion(tree: QuadTree, theta: number, from: number, to: number, neg: Float64Array): number {
	const { perm, xs, ys, leaves, nLeaves, pStart, pEnd } = tree;
	const theta2 = theta * theta;
	let sumQ = 0;
	for (let l = 0; l < nLeaves; l++) {
		const leaf = leaves[l];
		const s0 = pStart[leaf];
		if (s0 < from) continue;
		if (s0 >= to) break;
		const len = tree.interactions(leaf, theta2);
		const { lx, ly, lm } = tree.list();
		const e0 = pEnd[leaf];
		for (let t = s0; t < e0; t++) {
			const xi = xs[t], yi = ys[t];
			let fx = 0, fy = 0, z = 0;
			for (let k = 0; k < len; k++) {
				const dx = xi - lx[k], dy = yi - ly[k];
				const q = 1 / (1 + dx * dx + dy * dy);
				const mq = lm[k] * q;
				z += mq;
				const mq2 = mq * q;
				fx += mq2 * dx;
				fy += mq2 * dy;
			}
			const i = perm[t];
			neg[2 * i] = fx;
			neg[2 * i + 1] = fy;
			sumQ += z - 1;
		}
	}
	return sumQ;
}

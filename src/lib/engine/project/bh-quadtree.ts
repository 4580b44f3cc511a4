/**
 * The Barnes–Hut part of the t-SNE gradient (van der Maaten 2014, "Accelerating t-SNE using tree-based
 * algorithms", JMLR 15, §4.2; Barnes & Hut 1986): a quadtree over the 2-D embedding whose cells carry their
 * point count and centre of mass, so the repulsion of a far cell is one term. A cell is summarised when
 * width² < θ² · distance² (scikit-learn's `_quad_tree.pyx::summarize` test, θ = `angle` = 0.5).
 *
 * Flat typed arrays, rebuilt every iteration into the same buffers (no allocation per iteration); points are
 * visited in tree order so consecutive traversals touch the same cells. Coincident points end in one leaf.
 */
const MAX_DEPTH = 40;

export class QuadTree {
	n = 0;
	nodes = 0;
	/** Point indices in tree order; leaf l holds perm[pStart[l] .. pEnd[l]). */
	perm: Int32Array;
	comX: Float64Array;
	comY: Float64Array;
	count: Float64Array;
	width2: Float64Array;
	/** First child (children are consecutive) or −1 for a leaf. */
	child: Int32Array;
	nChild: Uint8Array;
	pStart: Int32Array;
	pEnd: Int32Array;
	/** Coordinates in tree order (xs[t] belongs to perm[t]). */
	xs: Float64Array;
	ys: Float64Array;

	constructor(capacity: number) {
		this.perm = new Int32Array(capacity);
		this.xs = new Float64Array(capacity);
		this.ys = new Float64Array(capacity);
		const m = Math.max(16, 2 * capacity);
		this.comX = new Float64Array(m);
		this.comY = new Float64Array(m);
		this.count = new Float64Array(m);
		this.width2 = new Float64Array(m);
		this.child = new Int32Array(m);
		this.nChild = new Uint8Array(m);
		this.pStart = new Int32Array(m);
		this.pEnd = new Int32Array(m);
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
		this.nodes = 1;
		this.split(0, 0, n, (x0 + x1) / 2, (y0 + y1) / 2, half, 0);
	}

	private grow(): void {
		const m = this.comX.length * 2;
		const f = (a: Float64Array) => { const b = new Float64Array(m); b.set(a); return b; };
		const g = (a: Int32Array) => { const b = new Int32Array(m); b.set(a); return b; };
		this.comX = f(this.comX);
		this.comY = f(this.comY);
		this.count = f(this.count);
		this.width2 = f(this.width2);
		this.child = g(this.child);
		this.pStart = g(this.pStart);
		this.pEnd = g(this.pEnd);
		const c = new Uint8Array(m);
		c.set(this.nChild);
		this.nChild = c;
	}

	/** Fills node `node` with points [s, e) of perm inside the square (cx ± half, cy ± half), and recurses. */
	private split(node: number, s: number, e: number, cx: number, cy: number, half: number, depth: number): void {
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
		if (cnt === 1 || depth >= MAX_DEPTH) {
			this.child[node] = -1;
			this.nChild[node] = 0;
			return;
		}
		// Partition by y (lower half first), then each half by x: quadrants SW, SE, NW, NE.
		const my = partition(perm, xs, ys, s, e, cy, false);
		const m0 = partition(perm, xs, ys, s, my, cx, true);
		const m1 = partition(perm, xs, ys, my, e, cx, true);
		const bounds = [s, m0, my, m1, e];
		let kids = 0;
		for (let q = 0; q < 4; q++) if (bounds[q + 1] > bounds[q]) kids++;
		if (kids === 1 && sameSpot(xs, ys, s, e)) {
			this.child[node] = -1;
			this.nChild[node] = 0;
			return;
		}
		while (this.nodes + 4 > this.comX.length) this.grow();
		const first = this.nodes;
		this.nodes += kids;
		this.child[node] = first;
		this.nChild[node] = kids;
		const h = half / 2;
		let c = first;
		for (let q = 0; q < 4; q++) {
			if (bounds[q + 1] === bounds[q]) continue;
			const qx = q & 1 ? cx + h : cx - h, qy = q & 2 ? cy + h : cy - h;
			this.split(c++, bounds[q], bounds[q + 1], qx, qy, h, depth + 1);
		}
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
 * Repulsive forces for the points at tree positions [from, to): neg[2i], neg[2i + 1] = Σ_j q_ij² (y_i − y_j)·Z
 * (unnormalised, q_ij Z = 1 / (1 + ‖y_i − y_j‖²)); returns this range's share of Z = Σ_{i≠j} q_ij Z.
 */
export function repulsion(tree: QuadTree, theta: number, from: number, to: number, neg: Float64Array): number {
	const { perm, comX, comY, count, width2, child, nChild, pStart, pEnd, xs, ys } = tree;
	const theta2 = theta * theta;
	const stack = new Int32Array(4 * MAX_DEPTH + 8);
	let sumQ = 0;
	for (let t = from; t < to; t++) {
		const i = perm[t];
		const xi = xs[t], yi = ys[t];
		let fx = 0, fy = 0, z = 0;
		let sp = 0;
		stack[sp++] = 0;
		while (sp > 0) {
			const node = stack[--sp];
			const dx = xi - comX[node], dy = yi - comY[node];
			const d2 = dx * dx + dy * dy;
			const c = child[node];
			if (c < 0) {
				const e = pEnd[node];
				for (let p = pStart[node]; p < e; p++) {
					if (p === t) continue;
					const ex = xi - xs[p], ey = yi - ys[p];
					const q = 1 / (1 + ex * ex + ey * ey);
					z += q;
					const q2 = q * q;
					fx += q2 * ex;
					fy += q2 * ey;
				}
			} else if (width2[node] < theta2 * d2) {
				const q = 1 / (1 + d2);
				const m = count[node];
				z += m * q;
				const mq2 = m * q * q;
				fx += mq2 * dx;
				fy += mq2 * dy;
			} else {
				const k = nChild[node];
				for (let s = 0; s < k; s++) stack[sp++] = c + s;
			}
		}
		neg[2 * i] = fx;
		neg[2 * i + 1] = fy;
		sumQ += z;
	}
	return sumQ;
}

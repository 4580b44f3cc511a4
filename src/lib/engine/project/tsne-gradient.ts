/**
 * The Barnes–Hut t-SNE gradient (van der Maaten 2014, eq. 5 split into attraction and repulsion), with the
 * constant of scikit-learn's `_kl_divergence_bh`: ∂C/∂y_i = 4 (exaggeration · Σ_j p_ij q_ij Z (y_i − y_j)
 * − Σ_j q_ij² Z² (y_i − y_j) / Z). Attraction runs over the sparse P; repulsion over the quadtree.
 */
import { QuadTree, repulsion } from './bh-quadtree';
import type { SparseP } from './tsne-affinities';
import { repulsionAllChunks, type SharedRepulsion } from './tsne-shared';

/** Attraction for rows [from, to): pos[2i..] = Σ_j p_ij (y_i − y_j) / (1 + ‖y_i − y_j‖²). */
export function attraction(P: SparseP, Y: Float64Array, from: number, to: number, pos: Float64Array): void {
	const { indptr, cols, values } = P;
	for (let i = from; i < to; i++) {
		const xi = Y[2 * i], yi = Y[2 * i + 1];
		let fx = 0, fy = 0;
		const e = indptr[i + 1];
		for (let s = indptr[i]; s < e; s++) {
			const j = cols[s];
			const dx = xi - Y[2 * j], dy = yi - Y[2 * j + 1];
			const w = values[s] / (1 + dx * dx + dy * dy);
			fx += w * dx;
			fy += w * dy;
		}
		pos[2 * i] = fx;
		pos[2 * i + 1] = fy;
	}
}

/** Work buffers for one embedding size, reused every iteration; optionally a helper thread sharing the repulsion. */
export class TsneGradient {
	readonly tree: QuadTree;
	readonly pos: Float64Array;
	readonly neg: Float64Array;
	constructor(readonly n: number, private readonly shared: SharedRepulsion | null = null) {
		this.tree = new QuadTree(n);
		this.pos = new Float64Array(2 * n);
		this.neg = shared ? shared.mem.neg : new Float64Array(2 * n);
	}

	/** Writes the full gradient into grad (n × 2). With a helper, Y must be the shared positions. */
	compute(P: SparseP, Y: Float64Array, exaggeration: number, theta: number, grad: Float64Array): void {
		const { n, pos, neg, tree, shared } = this;
		shared?.start(theta);
		tree.build(Y, n);
		attraction(P, Y, 0, n, pos);
		let sumQ = shared ? shared.finish(tree, theta) : repulsionAllChunks(tree, theta, neg);
		sumQ = Math.max(sumQ, 2.220446049250313e-16);
		const a = 4 * exaggeration, b = 4 / sumQ;
		for (let t = 0; t < 2 * n; t++) grad[t] = a * pos[t] - b * neg[t];
	}
}

/**
 * KL(P‖Q) with Q from the same Barnes–Hut sum as the gradient: Σ p_ij log(p_ij / q_ij), q_ij = (1 + d²)⁻¹ / Z.
 * Costs one extra pass over P; called rarely (progress display, tests).
 */
export function klDivergence(P: SparseP, Y: Float64Array, theta = 0.5): number {
	const n = P.rows;
	const g = new TsneGradient(n);
	g.tree.build(Y, n);
	const Z = repulsion(g.tree, theta, 0, n, g.neg);
	const { indptr, cols, values } = P;
	let kl = 0;
	for (let i = 0; i < n; i++) {
		for (let s = indptr[i]; s < indptr[i + 1]; s++) {
			const j = cols[s], p = values[s];
			if (p <= 0) continue;
			const dx = Y[2 * i] - Y[2 * j], dy = Y[2 * i + 1] - Y[2 * j + 1];
			const q = 1 / (1 + dx * dx + dy * dy) / Z;
			kl += p * Math.log(Math.max(p, 1e-12) / Math.max(q, 1e-12));
		}
	}
	return kl;
}

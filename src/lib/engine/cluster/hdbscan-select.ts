/**
 * The last part of HDBSCAN*: cluster stabilities, the choice of flat clusters from the condensed tree (excess
 * of mass, or the leaves), labels, membership probabilities and GLOSH outlier scores, with the definitions of
 * the `hdbscan` Python package and scikit-learn ≥ 1.3 (`_tree.pyx`):
 * - stability(C) = Σ over rows of the condensed tree under C of (λ − λ_birth(C)) · size;
 * - excess of mass: bottom-up, a cluster is kept when its stability is at least the summed stabilities of the
 *   clusters kept below it (a tie keeps the parent); the root is never chosen (no `allow_single_cluster`);
 * - a row's label is its nearest chosen cluster at or above the cluster it fell out of, else noise (−1);
 * - probability = min(λ_row, λ_max(C)) / λ_max(C), λ_max(C) the largest λ among C's own condensed-tree rows;
 * - outlier score (GLOSH, Campello et al. 2015) = (λ_max − λ_row) / λ_max, λ_max the largest λ anywhere in the
 *   subtree of the cluster the row fell out of.
 */
import type { CondensedTree } from './hdbscan-tree';

export type HdbscanSelection = 'eom' | 'leaf';

/** One cluster of the condensed tree (id 0 is the root), for charts and reports. */
export interface CondensedCluster {
	/** Parent cluster (-1 for the root). */
	parent: number;
	/** λ at which the cluster appears (0 for the root) and the largest λ among its rows. */
	birth: number;
	death: number;
	/** Rows when it appears. */
	size: number;
	stability: number;
	/** Segment number when chosen, else -1. */
	label: number;
}

export interface HdbscanFlat {
	labels: Int32Array;
	probabilities: Float64Array;
	outlierScores: Float64Array;
	nClusters: number;
	clusters: CondensedCluster[];
}

export function extractClusters(tree: CondensedTree, n: number, selection: HdbscanSelection): HdbscanFlat {
	const C = tree.clusters;
	const { parent, child, lambda, childSize } = tree;
	const rowsOfTree = child.length;
	const up = new Int32Array(C).fill(-1);
	const birth = new Float64Array(C);
	const size = new Int32Array(C);
	size[0] = n;
	const hasChildren = new Uint8Array(C);
	for (let t = 0; t < rowsOfTree; t++) {
		if (child[t] >= n) {
			const c = child[t] - n;
			up[c] = parent[t] - n;
			birth[c] = lambda[t];
			size[c] = childSize[t];
			hasChildren[parent[t] - n] = 1;
		}
	}
	const stability = new Float64Array(C);
	const death = new Float64Array(C);
	for (let t = 0; t < rowsOfTree; t++) {
		const p = parent[t] - n;
		stability[p] += (lambda[t] - birth[p]) * childSize[t];
		if (lambda[t] > death[p]) death[p] = lambda[t];
	}

	const chosen = new Uint8Array(C);
	if (selection === 'leaf') {
		for (let c = 1; c < C; c++) chosen[c] = hasChildren[c] ? 0 : 1;
	} else {
		// Children have larger ids than their parents, so a descending pass is bottom-up.
		const below = new Float64Array(C);
		for (let c = C - 1; c >= 1; c--) {
			let best = stability[c];
			if (hasChildren[c] && below[c] > stability[c]) best = below[c];
			else chosen[c] = 1;
			below[up[c]] += best;
		}
	}
	// Keep a chosen cluster only if no ancestor is chosen (excess of mass unselects the subtree of a kept cluster).
	const label = new Int32Array(C).fill(-1);
	const covered = new Uint8Array(C);
	let nClusters = 0;
	for (let c = 1; c < C; c++) {
		const p = up[c];
		covered[c] = covered[p] || (p > 0 && label[p] >= 0) ? 1 : 0;
		if (chosen[c] && !covered[c]) label[c] = nClusters++;
	}
	// Segment of every cluster: its own if chosen, else its nearest chosen ancestor's.
	const segmentOf = new Int32Array(C).fill(-1);
	const clusterOfSegment = new Int32Array(nClusters);
	for (let c = 1; c < C; c++) {
		segmentOf[c] = label[c] >= 0 ? label[c] : segmentOf[up[c]];
		if (label[c] >= 0) clusterOfSegment[label[c]] = c;
	}
	// λ_max over each cluster's whole subtree, bottom-up.
	const deathBelow = Float64Array.from(death);
	for (let c = C - 1; c >= 1; c--) if (deathBelow[c] > deathBelow[up[c]]) deathBelow[up[c]] = deathBelow[c];

	const labels = new Int32Array(n).fill(-1);
	const probabilities = new Float64Array(n);
	const outlierScores = new Float64Array(n);
	for (let t = 0; t < rowsOfTree; t++) {
		const row = child[t];
		if (row >= n) continue;
		const c = parent[t] - n;
		const lam = lambda[t];
		const seg = segmentOf[c];
		labels[row] = seg;
		if (seg >= 0) {
			const max = death[clusterOfSegment[seg]];
			probabilities[row] = max === 0 || !Number.isFinite(lam) ? 1 : Math.min(lam, max) / max;
		}
		const top = deathBelow[c];
		const score = top === 0 || !Number.isFinite(lam) ? 0 : (top - lam) / top;
		outlierScores[row] = Number.isNaN(score) ? 0 : score;
	}
	const clusters: CondensedCluster[] = [];
	for (let c = 0; c < C; c++) {
		clusters.push({ parent: up[c], birth: birth[c], death: death[c], size: size[c], stability: stability[c], label: label[c] });
	}
	return { labels, probabilities, outlierScores, nClusters, clusters };
}

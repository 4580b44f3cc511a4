/**
 * t-SNE's input affinities on a k-nearest-neighbour graph, as scikit-learn 1.2 computes them for
 * method="barnes_hut" (`sklearn/manifold/_t_sne.py::_joint_probabilities_nn` and `_utils.pyx::_binary_search_perplexity`):
 * for each row a Gaussian over its 3·perplexity nearest neighbours, its precision found by bisection so the
 * entropy equals log(perplexity) (tolerance 1e-5, at most 100 steps); then P = (P + Pᵀ) / sum, stored sparse (CSR).
 * The bisection is van der Maaten & Hinton (2008), §2; the neighbour truncation is van der Maaten (2014), §4.1.
 */
import type { KnnGraph } from './vp-tree';

export interface SparseP {
	/** Row i's entries are indptr[i] .. indptr[i + 1] − 1. */
	indptr: Int32Array;
	cols: Int32Array;
	values: Float64Array;
	rows: number;
}

const PERPLEXITY_TOLERANCE = 1e-5;
const MAX_STEPS = 100;
const EPSILON_DBL = 1e-8;

/** Conditional p(j | i) over each row's neighbours (rows × k, same layout as the graph). */
export function conditionalP(graph: KnnGraph, rows: number, perplexity: number): Float64Array {
	const { k, distances2 } = graph;
	const P = new Float64Array(rows * k);
	const desiredEntropy = Math.log(perplexity);
	for (let i = 0; i < rows; i++) {
		const o = i * k;
		let betaMin = -Infinity, betaMax = Infinity, beta = 1;
		for (let step = 0; step < MAX_STEPS; step++) {
			let sumP = 0;
			for (let j = 0; j < k; j++) {
				const p = Math.exp(-distances2[o + j] * beta);
				P[o + j] = p;
				sumP += p;
			}
			if (sumP === 0) sumP = EPSILON_DBL;
			let sumDP = 0;
			for (let j = 0; j < k; j++) {
				P[o + j] /= sumP;
				sumDP += distances2[o + j] * P[o + j];
			}
			const diff = Math.log(sumP) + beta * sumDP - desiredEntropy;
			if (Math.abs(diff) <= PERPLEXITY_TOLERANCE) break;
			if (diff > 0) {
				betaMin = beta;
				beta = betaMax === Infinity ? beta * 2 : (beta + betaMax) / 2;
			} else {
				betaMax = beta;
				beta = betaMin === -Infinity ? beta / 2 : (beta + betaMin) / 2;
			}
		}
	}
	return P;
}

/** Symmetrised joint probabilities (P + Pᵀ) / Σ, columns sorted within each row. */
export function jointP(graph: KnnGraph, rows: number, perplexity: number): SparseP {
	const { k, indices } = graph;
	const cond = conditionalP(graph, rows, perplexity);
	// Every stored p(j|i) lands at (i, j) and at (j, i): count, fill, then sort and merge each row.
	const count = new Int32Array(rows + 1);
	for (let i = 0; i < rows; i++) {
		for (let t = 0; t < k; t++) {
			count[i + 1]++;
			count[indices[i * k + t] + 1]++;
		}
	}
	for (let i = 0; i < rows; i++) count[i + 1] += count[i];
	const fill = count.slice(0, rows);
	const tmpCols = new Int32Array(count[rows]);
	const tmpVals = new Float64Array(count[rows]);
	for (let i = 0; i < rows; i++) {
		for (let t = 0; t < k; t++) {
			const j = indices[i * k + t], p = cond[i * k + t];
			tmpCols[fill[i]] = j;
			tmpVals[fill[i]++] = p;
			tmpCols[fill[j]] = i;
			tmpVals[fill[j]++] = p;
		}
	}
	const indptr = new Int32Array(rows + 1);
	const outCols = new Int32Array(count[rows]);
	const outVals = new Float64Array(count[rows]);
	let nnz = 0, total = 0;
	const order: number[] = [];
	for (let i = 0; i < rows; i++) {
		order.length = 0;
		for (let s = count[i]; s < count[i + 1]; s++) order.push(s);
		order.sort((a, b) => tmpCols[a] - tmpCols[b]);
		for (let t = 0; t < order.length; t++) {
			const s = order[t];
			if (t > 0 && tmpCols[s] === outCols[nnz - 1]) outVals[nnz - 1] += tmpVals[s];
			else {
				outCols[nnz] = tmpCols[s];
				outVals[nnz++] = tmpVals[s];
			}
			total += tmpVals[s];
		}
		indptr[i + 1] = nnz;
	}
	const norm = Math.max(total, 2.220446049250313e-16);
	const values = outVals.slice(0, nnz);
	for (let s = 0; s < nnz; s++) values[s] /= norm;
	return { indptr, cols: outCols.slice(0, nnz), values, rows };
}

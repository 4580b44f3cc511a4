/**
 * Each algorithm's own outputs as plain JSON for the command line's report (and anyone saving a run): linkage
 * heights and the SciPy linkage matrix, DBSCAN's core flags and noise, HDBSCAN's stabilities and noise, the mixture's BIC, AIC and log-likelihood.
 */
import type { AnalysisResult } from './analyse';
import { UNCERTAIN_BELOW } from './cluster-k';

export interface AlgorithmReport {
	algorithm: AnalysisResult['recipe']['algorithm'];
	hierarchy?: {
		linkage: string;
		approximate: boolean;
		microClusters: number;
		leaves: number;
		/** Merge heights, ascending (SciPy linkage column 2). */
		heights: number[];
		/** SciPy linkage matrix rows [idA, idB, height, size]. */
		linkageMatrix: number[][];
		/** Per k: the cut height that leaves k clusters. */
		cutHeights: { k: number; height: number }[];
	};
	dbscan?: {
		eps: number;
		minPts: number;
		clusters: number;
		noise: number;
		coreCount: number;
		suggestedEps: number;
		/** 1 for core rows, in clustered-row order; noise rows have segment -1 in the labelled CSV. */
		core: number[];
	};
	hdbscan?: {
		minClusterSize: number;
		minSamples: number;
		selection: string;
		clusters: number;
		noise: number;
		/** Stability of each segment's cluster, segment 1 first. */
		stabilities: number[];
	};
	gmm?: { k: number; covariance: string; logLikelihood: number; bic: number; aic: number; nParameters: number; converged: boolean; degenerate: string[]; illDefined: string | null; uncertainRows: number }[];
	uncertainBelow?: number;
	/** PAM on Gower distances: per k the medoids (1-based table rows, segment order) and the sum of Gower distances. */
	pam?: { k: number; medoidRows: number[]; cost: number; swaps: number }[];
	/** k-prototypes: γ, where it came from, and per k Huang's cost. */
	kprototypes?: { gamma: number; gammaRule: 'huang' | 'recipe'; perK: { k: number; cost: number; passes: number }[] };
}

export function algorithmReport(result: AnalysisResult): AlgorithmReport {
	const out: AlgorithmReport = { algorithm: result.recipe.algorithm };
	const h = result.hierarchy;
	if (h) {
		const n = h.leaves;
		const rows = Array.from({ length: Math.max(0, n - 1) }, (_, r) => Array.from(h.Z.subarray(r * 4, r * 4 + 4)));
		out.hierarchy = {
			linkage: h.linkage, approximate: h.approximate, microClusters: h.microClusters, leaves: n,
			heights: rows.map((r) => r[2]), linkageMatrix: rows,
			cutHeights: result.perK.map((s) => ({ k: s.k, height: s.cutHeight ?? NaN }))
		};
	}
	const d = result.perK.find((s) => s.dbscan);
	if (d?.dbscan) {
		out.dbscan = {
			eps: d.dbscan.eps, minPts: d.dbscan.minPts, clusters: d.k, noise: d.dbscan.noise, coreCount: d.dbscan.coreCount,
			suggestedEps: d.dbscan.suggestedEps, core: Array.from(d.dbscan.core)
		};
	}
	const hd = result.perK.find((s) => s.hdbscan);
	if (hd?.hdbscan) {
		const x = hd.hdbscan;
		out.hdbscan = { minClusterSize: x.minClusterSize, minSamples: x.minSamples, selection: x.selection, clusters: hd.k, noise: x.noise, stabilities: x.stabilities };
	}
	const g = result.perK.filter((s) => s.gmm);
	if (g.length) {
		out.gmm = g.map((s) => ({
			k: s.k, covariance: s.gmm!.covariance, logLikelihood: s.gmm!.logLikelihood, bic: s.gmm!.bic, aic: s.gmm!.aic,
			nParameters: s.gmm!.nParameters, converged: s.gmm!.converged, degenerate: s.gmm!.degenerate, illDefined: s.gmm!.illDefined ?? null, uncertainRows: s.gmm!.uncertain
		}));
		out.uncertainBelow = UNCERTAIN_BELOW;
	}
	const mixed = result.perK.filter((s) => s.mixed);
	if (mixed.length && mixed[0].mixed!.algorithm === 'pam') {
		out.pam = mixed.map((s) => ({ k: s.k, medoidRows: (s.mixed!.medoids ?? []).map((i) => result.rowIndex[i] + 1), cost: s.mixed!.cost, swaps: s.mixed!.swaps ?? 0 }));
	} else if (mixed.length) {
		const m = mixed[0].mixed!;
		out.kprototypes = { gamma: m.gamma ?? NaN, gammaRule: m.gammaRule ?? 'huang', perK: mixed.map((s) => ({ k: s.k, cost: s.mixed!.cost, passes: s.mixed!.passes ?? 0 })) };
	}
	return out;
}

/** The same outputs as a few lines of text for the command line. */
export function algorithmLines(result: AnalysisResult): string[] {
	const rep = algorithmReport(result);
	const out: string[] = [];
	if (rep.hierarchy) {
		const h = rep.hierarchy;
		out.push(`${h.linkage} linkage: ${h.approximate ? `approximate tree over ${h.microClusters} micro-clusters` : `exact tree over ${h.leaves} rows`}; top merge heights ${h.heights.slice(-5).map((v) => v.toPrecision(4)).join(', ')}`);
		out.push(`cut heights: ${h.cutHeights.map((c) => `k = ${c.k}: ${c.height.toPrecision(4)}`).join(', ')}`);
	}
	if (rep.dbscan) {
		const d = rep.dbscan;
		out.push(`DBSCAN eps = ${d.eps}, minPts = ${d.minPts}: ${d.clusters} clusters, ${d.noise} noise rows (segment -1), ${d.coreCount} core rows; the k-distance knee suggests eps ≈ ${d.suggestedEps.toPrecision(4)}`);
	}
	if (rep.hdbscan) {
		const d = rep.hdbscan;
		out.push(`HDBSCAN min cluster size = ${d.minClusterSize}, min samples = ${d.minSamples} (${d.selection === 'leaf' ? 'leaf' : 'excess of mass'} selection): ${d.clusters} clusters, ${d.noise} noise rows (segment -1); stabilities ${d.stabilities.map((v) => v.toPrecision(4)).join(', ')}`);
	}
	for (const p of rep.pam ?? []) out.push(`pam k = ${p.k}: medoids at rows ${p.medoidRows.join(', ')} (segment order); sum of Gower distances ${p.cost.toPrecision(8)} after ${p.swaps} swap(s)`);
	if (rep.kprototypes) {
		const kp = rep.kprototypes;
		out.push(`k-prototypes γ = ${kp.gamma.toPrecision(4)} (${kp.gammaRule === 'huang' ? "Huang's rule: half the mean standard deviation of the prepared numeric features" : 'set in the recipe'}); cost ${kp.perK.map((c) => `k = ${c.k}: ${c.cost.toPrecision(6)}`).join(', ')}`);
	}
	if (rep.gmm) {
		for (const g of rep.gmm) {
			out.push(`gmm k = ${g.k} (${g.covariance}): log-likelihood ${g.logLikelihood.toPrecision(8)}, BIC ${g.bic.toPrecision(8)}, AIC ${g.aic.toPrecision(8)}, ${g.nParameters} parameters, ${g.uncertainRows} uncertain rows (max probability < ${rep.uncertainBelow})${g.converged ? '' : ', not converged (EM stopped at max_iter)'}${g.illDefined ? `; NOT RECOMMENDED, ${g.illDefined}` : ''}${g.degenerate.length ? `; degenerate: ${g.degenerate.join('; ')}` : ''}`);
		}
	}
	return out;
}

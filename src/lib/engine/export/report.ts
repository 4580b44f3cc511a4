import type { AnalysisResult } from '../analyse';

/** The machine-readable run report (CLI `--report`): per k, the evidence and the segments in original units. */
export function runReport(result: AnalysisResult) {
	return {
		tool: 'segment-lab',
		source: result.source,
		recipe: result.recipe,
		features: result.features,
		rows: result.rowCount,
		rowsClustered: result.rowsClustered,
		chosenK: result.chosenK,
		bestSilhouetteK: result.bestSilhouetteK,
		recommendation: {
			k: result.recommendation.k,
			agree: result.recommendation.agree,
			disagree: result.recommendation.disagree,
			votes: result.recommendation.votes.map((v) => ({ metric: v.metric, k: v.k })),
			knee: result.recommendation.knee,
			reasons: result.recommendation.reasons
		},
		gapAtK1: result.gapK1,
		pcaExplainedVarianceRatio: result.pca.explainedRatio,
		notes: result.notes,
		perK: result.perK.map((s) => ({
			k: s.k,
			inertia: s.inertia,
			silhouette: s.silhouette,
			silhouetteSampleSize: s.silhouetteSampleSize,
			silhouetteExact: s.silhouetteExact,
			silhouetteRepeats: s.silhouetteRepeats,
			silhouetteCi95: s.silhouetteCi,
			daviesBouldin: s.daviesBouldin,
			calinskiHarabasz: s.calinskiHarabasz,
			gap: s.gap && { gap: s.gap.gap, se: s.gap.se, logW: s.gap.logW, expectedLogW: s.gap.expectedLogW, B: s.gap.B, dPower: s.gap.dPower },
			stability: s.stability && { B: s.stability.B, scheme: s.stability.scheme, meanAri: s.stability.meanAri, ari: s.stability.ari, jaccard: s.stability.jaccard, labels: s.stability.labels },
			iterations: s.iterations,
			converged: s.converged,
			segments: s.sizes.map((size, i) => ({
				segment: i + 1,
				size,
				...(s.stability ? { jaccard: s.stability.jaccard[i], stability: s.stability.labels[i] } : {}),
				center: Object.fromEntries(result.features.map((f, j) => [f, s.centers[i][j]])),
				mean: Object.fromEntries(result.features.map((f, j) => [f, s.means[i][j]]))
			}))
		}))
	};
}

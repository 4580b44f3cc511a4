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
		pcaExplainedVarianceRatio: result.pca.explainedRatio,
		notes: result.notes,
		perK: result.perK.map((s) => ({
			k: s.k,
			inertia: s.inertia,
			silhouette: s.silhouette,
			silhouetteSampleSize: s.silhouetteSampleSize,
			silhouetteExact: s.silhouetteExact,
			iterations: s.iterations,
			converged: s.converged,
			segments: s.sizes.map((size, i) => ({
				segment: i + 1,
				size,
				center: Object.fromEntries(result.features.map((f, j) => [f, s.centers[i][j]])),
				mean: Object.fromEntries(result.features.map((f, j) => [f, s.means[i][j]]))
			}))
		}))
	};
}

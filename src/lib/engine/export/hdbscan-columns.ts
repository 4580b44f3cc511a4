/** HDBSCAN's per-row outputs as results-file columns, as the page and the command line both write them. */
export interface RowColumn {
	name: string;
	values: ArrayLike<number>;
}

/** scikit-learn's `probabilities_` (0 for noise) and the GLOSH outlier score of each clustered row. */
export function hdbscanColumns(h: { probabilities: ArrayLike<number>; outlierScores: ArrayLike<number> } | undefined): RowColumn[] {
	if (!h) return [];
	return [{ name: 'membership_probability', values: h.probabilities }, { name: 'outlier_score', values: h.outlierScores }];
}

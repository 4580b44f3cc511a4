import { NO_OUTLIERS } from '../recipe';
import type { FeatureMatrix, FittedPrep, Table } from '../types';
import { runPipeline } from './pipeline';
import { planFeatures, type PrepInput } from './plan';

/**
 * Table + the Recipe's features and preparation → the matrix that is clustered, with every fitted parameter
 * (fills, clip and outlier bounds, one-hot levels, scaler centres and scales, weights) in `fitted`. Rows that are
 * not clustered (a missing value under "drop", an outlier set aside) keep their place through rowIndex/status.
 */
export function prepare(table: Table, recipe: PrepInput): FeatureMatrix {
	return runPipeline(table, { plans: planFeatures(table, recipe), outliers: recipe.prep.outliers ?? NO_OUTLIERS, exclude: recipe.exclude?.rows, distinct: recipe.prep.distinctRows === true });
}

/**
 * Applies preparation fitted elsewhere (a saved model, "score new customers") to a table without refitting
 * anything: new data is filled, clipped, encoded and scaled with the original parameters.
 */
export function applyFittedPrep(table: Table, fitted: FittedPrep): FeatureMatrix {
	return runPipeline(table, { fitted });
}

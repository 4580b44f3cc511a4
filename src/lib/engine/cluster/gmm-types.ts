/** Shapes shared by the Gaussian-mixture files. */

export type CovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/**
 * A fitted mixture, in scikit-learn's layouts (row-major):
 * - means: k × cols;
 * - covariances: 'full' k × cols × cols, 'tied' cols × cols, 'diag' k × cols, 'spherical' k;
 * - precisionsCholesky: the same layouts; for 'full' / 'tied' the upper-triangular U with U·Uᵀ = Σ⁻¹,
 *   for 'diag' / 'spherical' 1/√variance (sklearn's `precisions_cholesky_`).
 */
export interface GmmModel {
	k: number;
	cols: number;
	covarianceType: CovarianceType;
	weights: Float64Array;
	means: Float64Array;
	covariances: Float64Array;
	precisionsCholesky: Float64Array;
}

/** Starting parameters in sklearn's `weights_init`, `means_init`, `precisions_init` layouts. */
export interface GmmInit {
	weights: Float64Array;
	means: Float64Array;
	/** 'full' k × cols × cols, 'tied' cols × cols, 'diag' k × cols, 'spherical' k precision values. */
	precisions: Float64Array;
}

export interface GmmOptions {
	covarianceType?: CovarianceType;
	/** Restarts from different k-means starts, keeping the best lower bound (default 1, as sklearn). */
	nInit?: number;
	/** EM iterations per restart (default 100). */
	maxIter?: number;
	/** Stop when the mean log-likelihood lower bound changes by less than this (default 1e-3). */
	tol?: number;
	/** Added to covariance diagonals (default 1e-6). */
	regCovar?: number;
}

/**
 * Small dense Cholesky helpers for Gaussian mixtures (d × d, row-major, d = number of features, so tens at most).
 * scikit-learn parameterises each Gaussian by the Cholesky factor of its precision matrix
 * (`sklearn/mixture/_gaussian_mixture.py::_compute_precision_cholesky`): with cov = L·Lᵀ, the factor is
 * U = (L⁻¹)ᵀ, upper triangular, U·Uᵀ = cov⁻¹. Then ‖(x − μ)·U‖² is the Mahalanobis term and Σ log Uⱼⱼ is half the
 * log-determinant of the precision, with no explicit inverse or determinant.
 */

/** In-place lower Cholesky of A[off .. off + d²) (upper part zeroed). False when A is not positive definite. */
export function choleskyLower(A: Float64Array, d: number, off = 0): boolean {
	for (let j = 0; j < d; j++) {
		let s = A[off + j * d + j];
		for (let k = 0; k < j; k++) s -= A[off + j * d + k] * A[off + j * d + k];
		if (!(s > 0)) return false;
		const ljj = Math.sqrt(s);
		A[off + j * d + j] = ljj;
		for (let i = j + 1; i < d; i++) {
			let t = A[off + i * d + j];
			for (let k = 0; k < j; k++) t -= A[off + i * d + k] * A[off + j * d + k];
			A[off + i * d + j] = t / ljj;
		}
		for (let k = j + 1; k < d; k++) A[off + j * d + k] = 0;
	}
	return true;
}

/**
 * U = (chol(cov)⁻¹)ᵀ for the covariance at cov[off ..], written to out[off ..]. False when cov is not positive
 * definite (sklearn raises "ill-defined empirical covariance" there).
 */
export function precisionCholesky(cov: Float64Array, d: number, out: Float64Array, off = 0): boolean {
	const L = cov.slice(off, off + d * d);
	if (!choleskyLower(L, d)) return false;
	// Solve L·W = I by forward substitution (W = L⁻¹, lower), then U = Wᵀ.
	for (let c = 0; c < d; c++) {
		for (let i = 0; i < d; i++) {
			let s = i === c ? 1 : 0;
			for (let k = c; k < i; k++) s -= L[i * d + k] * out[off + c * d + k];
			// out row c holds column c of W, i.e. row c of U = Wᵀ.
			out[off + c * d + i] = i < c ? 0 : s / L[i * d + i];
		}
	}
	return true;
}

/** Upper-triangular U with U·Uᵀ = P for a precision matrix P (the reversed-order Cholesky). */
export function upperCholesky(P: Float64Array, d: number, out: Float64Array, off = 0): boolean {
	// With J the reversal permutation, J·P·J = L·Lᵀ gives P = (J·L·J)(J·L·J)ᵀ and J·L·J is upper triangular.
	const R = new Float64Array(d * d);
	for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) R[i * d + j] = P[off + (d - 1 - i) * d + (d - 1 - j)];
	if (!choleskyLower(R, d)) return false;
	for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[off + i * d + j] = R[(d - 1 - i) * d + (d - 1 - j)];
	return true;
}

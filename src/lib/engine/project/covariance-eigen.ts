/**
 * The leading eigenpairs of the covariance of centred data, computed the cheaper way round. With more features
 * than rows (a wide file: 2,000 columns × 20 rows) the cols × cols covariance has rank < rows, and its O(cols³)
 * eigen-decomposition took minutes; the rows × rows Gram matrix G = Z·Zᵀ/(n − 1) has the same non-zero
 * eigenvalues, and each eigenvector u of G gives the covariance's v = Zᵀu / √((n − 1)λ) (the "dual" or snapshot
 * PCA; Sirovich 1987, and sklearn's SVD gives the same through the thin SVD Z = U S Vᵀ). Components past the rank
 * (λ = 0) are completed to an orthonormal set by Gram–Schmidt on unit vectors, as any SVD basis would be.
 */
import { eigenSymmetric, type SymmetricEigen } from './eigen-symmetric';

/**
 * Eigenvalues (descending) and unit eigenvectors (rows, nc × cols) of the covariance of X (rows × cols, centred by
 * `mean`), the first nc only, plus the covariance's trace.
 */
export function covarianceEigen(X: Float64Array, rows: number, cols: number, mean: Float64Array, nc: number, tick?: (f: number) => void): SymmetricEigen & { trace: number } {
	if (cols <= rows) {
		const cov = covariance(X, rows, cols, mean, tick);
		let trace = 0;
		for (let j = 0; j < cols; j++) trace += cov[j * cols + j];
		const e = eigenSymmetric(cov, cols);
		return { values: e.values.subarray(0, nc), vectors: e.vectors.subarray(0, nc * cols), trace };
	}
	// Gram matrix of the centred rows (rows × rows).
	const Z = new Float64Array(rows * cols);
	for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) Z[i * cols + j] = X[i * cols + j] - mean[j];
	const G = new Float64Array(rows * rows);
	for (let a = 0; a < rows; a++) {
		for (let b = a; b < rows; b++) {
			let s = 0;
			for (let j = 0, pa = a * cols, pb = b * cols; j < cols; j++) s += Z[pa + j] * Z[pb + j];
			G[a * rows + b] = G[b * rows + a] = s / (rows - 1);
		}
		tick?.(a / rows);
	}
	let trace = 0;
	for (let a = 0; a < rows; a++) trace += G[a * rows + a];
	const g = eigenSymmetric(G, rows);
	const values = new Float64Array(nc);
	const vectors = new Float64Array(nc * cols);
	const tiny = Math.max(g.values[0], 0) * 1e-12;
	for (let r = 0; r < nc; r++) {
		const lambda = g.values[r];
		const v = vectors.subarray(r * cols, (r + 1) * cols);
		if (lambda > tiny) {
			values[r] = lambda;
			const f = 1 / Math.sqrt((rows - 1) * lambda);
			for (let i = 0; i < rows; i++) {
				const u = g.vectors[r * rows + i] * f;
				if (u === 0) continue;
				for (let j = 0, p = i * cols; j < cols; j++) v[j] += u * Z[p + j];
			}
		} else completeBasis(vectors, r, cols);
	}
	return { values, vectors, trace };
}

/** Row r of `vectors` := a unit vector orthogonal to rows 0..r−1 (Gram–Schmidt on e_0, e_1, …). */
function completeBasis(vectors: Float64Array, r: number, cols: number): void {
	const v = vectors.subarray(r * cols, (r + 1) * cols);
	for (let e = 0; e < cols; e++) {
		v.fill(0);
		v[e] = 1;
		for (let q = 0; q < r; q++) {
			const w = vectors.subarray(q * cols, (q + 1) * cols);
			const dot = w[e];
			if (dot !== 0) for (let j = 0; j < cols; j++) v[j] -= dot * w[j];
		}
		let norm = 0;
		for (let j = 0; j < cols; j++) norm += v[j] * v[j];
		if (norm > 0.25) {
			const s = 1 / Math.sqrt(norm);
			for (let j = 0; j < cols; j++) v[j] *= s;
			return;
		}
	}
}

/**
 * Centred covariance (divisor rows − 1), two-pass for accuracy. Rows are processed in blocks copied transposed
 * (feature-major), so each of the cols·(cols+1)/2 dot products runs over contiguous memory that stays in cache.
 */
export function covariance(
	X: Float64Array, rows: number, cols: number, mean: Float64Array, tick?: (fraction: number) => void
): Float64Array {
	const B = 512;
	const T = new Float64Array(cols * B);
	const C = new Float64Array(cols * cols);
	for (let r0 = 0; r0 < rows; r0 += B) {
		const nb = Math.min(B, rows - r0);
		for (let i = 0; i < nb; i++) {
			const o = (r0 + i) * cols;
			for (let j = 0; j < cols; j++) T[j * B + i] = X[o + j] - mean[j];
		}
		for (let a = 0; a < cols; a++) {
			const pa = a * B;
			let b = a;
			for (; b + 3 < cols; b += 4) {
				const p0 = b * B, p1 = p0 + B, p2 = p1 + B, p3 = p2 + B;
				let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
				for (let i = 0; i < nb; i++) {
					const x = T[pa + i];
					s0 += x * T[p0 + i];
					s1 += x * T[p1 + i];
					s2 += x * T[p2 + i];
					s3 += x * T[p3 + i];
				}
				C[a * cols + b] += s0;
				C[a * cols + b + 1] += s1;
				C[a * cols + b + 2] += s2;
				C[a * cols + b + 3] += s3;
			}
			for (; b < cols; b++) {
				const pb = b * B;
				let s = 0;
				for (let i = 0; i < nb; i++) s += T[pa + i] * T[pb + i];
				C[a * cols + b] += s;
			}
		}
		if (tick && (r0 / B) % 256 === 0) tick(r0 / rows);
	}
	for (let a = 0; a < cols; a++) {
		for (let b = a; b < cols; b++) {
			const v = C[a * cols + b] / (rows - 1);
			C[a * cols + b] = v;
			C[b * cols + a] = v;
		}
	}
	return C;
}

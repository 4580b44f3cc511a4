/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to tridiagonal form followed by the
 * implicit QL algorithm with Wilkinson-style shifts. A port of the public-domain JAMA
 * `EigenvalueDecomposition` (tred2 / tql2), itself from the EISPACK routines of the same names (Wilkinson &
 * Reinsch, Handbook for Automatic Computation vol. II, 1971). O(n³), backward stable, eigenvectors orthonormal.
 */
import { EngineError } from '../errors';

export interface SymmetricEigen {
	/** Eigenvalues in descending order. */
	values: Float64Array;
	/** Eigenvectors as rows (n × n, row-major): row i belongs to values[i], unit length. */
	vectors: Float64Array;
}

/** Eigenvalues (descending) and eigenvectors of the symmetric n × n row-major matrix A (only read). */
export function eigenSymmetric(A: Float64Array, n: number): SymmetricEigen {
	if (A.length !== n * n) throw new EngineError('internal', `eigenSymmetric: expected ${n * n} values, got ${A.length}.`);
	// V[i][j] lives at V[i * n + j]; it ends holding the eigenvectors as columns.
	const V = Float64Array.from(A);
	const d = new Float64Array(n);
	const e = new Float64Array(n);
	if (n > 0) {
		tred2(V, d, e, n);
		tql2(V, d, e, n);
	}
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d[b] - d[a] || a - b);
	const values = new Float64Array(n);
	const vectors = new Float64Array(n * n);
	order.forEach((col, r) => {
		values[r] = d[col];
		for (let k = 0; k < n; k++) vectors[r * n + k] = V[k * n + col];
	});
	return { values, vectors };
}

/** Householder tridiagonalisation: d = diagonal, e = sub-diagonal (e[0] = 0), V = accumulated transform. */
function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
	for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j];
	for (let i = n - 1; i > 0; i--) {
		let scale = 0;
		let h = 0;
		for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
		if (scale === 0) {
			e[i] = d[i - 1];
			for (let j = 0; j < i; j++) {
				d[j] = V[(i - 1) * n + j];
				V[i * n + j] = 0;
				V[j * n + i] = 0;
			}
		} else {
			for (let k = 0; k < i; k++) {
				d[k] /= scale;
				h += d[k] * d[k];
			}
			let f = d[i - 1];
			let g = Math.sqrt(h);
			if (f > 0) g = -g;
			e[i] = scale * g;
			h -= f * g;
			d[i - 1] = f - g;
			for (let j = 0; j < i; j++) e[j] = 0;
			for (let j = 0; j < i; j++) {
				f = d[j];
				V[j * n + i] = f;
				g = e[j] + V[j * n + j] * f;
				for (let k = j + 1; k <= i - 1; k++) {
					g += V[k * n + j] * d[k];
					e[k] += V[k * n + j] * f;
				}
				e[j] = g;
			}
			f = 0;
			for (let j = 0; j < i; j++) {
				e[j] /= h;
				f += e[j] * d[j];
			}
			const hh = f / (h + h);
			for (let j = 0; j < i; j++) e[j] -= hh * d[j];
			for (let j = 0; j < i; j++) {
				f = d[j];
				g = e[j];
				for (let k = j; k <= i - 1; k++) V[k * n + j] -= f * e[k] + g * d[k];
				d[j] = V[(i - 1) * n + j];
				V[i * n + j] = 0;
			}
		}
		d[i] = h;
	}
	for (let i = 0; i < n - 1; i++) {
		V[(n - 1) * n + i] = V[i * n + i];
		V[i * n + i] = 1;
		const h = d[i + 1];
		if (h !== 0) {
			for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1] / h;
			for (let j = 0; j <= i; j++) {
				let g = 0;
				for (let k = 0; k <= i; k++) g += V[k * n + i + 1] * V[k * n + j];
				for (let k = 0; k <= i; k++) V[k * n + j] -= g * d[k];
			}
		}
		for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
	}
	for (let j = 0; j < n; j++) {
		d[j] = V[(n - 1) * n + j];
		V[(n - 1) * n + j] = 0;
	}
	V[(n - 1) * n + n - 1] = 1;
	e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e), rotating V along; d ends holding the eigenvalues. */
function tql2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
	for (let i = 1; i < n; i++) e[i - 1] = e[i];
	e[n - 1] = 0;
	let f = 0;
	let tst1 = 0;
	const eps = 2 ** -52;
	for (let l = 0; l < n; l++) {
		tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
		let m = l;
		while (m < n) {
			if (Math.abs(e[m]) <= eps * tst1) break;
			m++;
		}
		if (m > l) {
			let iter = 0;
			do {
				// EISPACK allows 30 iterations per eigenvalue; convergence is normally 1–3.
				if (++iter > 60) throw new EngineError('internal', 'The eigen-decomposition did not converge.', 'Check the data for extreme values.');
				let g = d[l];
				let p = (d[l + 1] - g) / (2 * e[l]);
				let r = Math.hypot(p, 1);
				if (p < 0) r = -r;
				d[l] = e[l] / (p + r);
				d[l + 1] = e[l] * (p + r);
				const dl1 = d[l + 1];
				let h = g - d[l];
				for (let i = l + 2; i < n; i++) d[i] -= h;
				f += h;
				p = d[m];
				let c = 1, c2 = c, c3 = c;
				const el1 = e[l + 1];
				let s = 0, s2 = 0;
				for (let i = m - 1; i >= l; i--) {
					c3 = c2;
					c2 = c;
					s2 = s;
					g = c * e[i];
					h = c * p;
					r = Math.hypot(p, e[i]);
					e[i + 1] = s * r;
					s = e[i] / r;
					c = p / r;
					p = c * d[i] - s * g;
					d[i + 1] = h + s * (c * g + s * d[i]);
					for (let k = 0; k < n; k++) {
						const row = k * n;
						h = V[row + i + 1];
						V[row + i + 1] = s * V[row + i] + c * h;
						V[row + i] = c * V[row + i] - s * h;
					}
				}
				p = (-s * s2 * c3 * el1 * e[l]) / dl1;
				e[l] = s * p;
				d[l] = c * p;
			} while (Math.abs(e[l]) > eps * tst1);
		}
		d[l] += f;
		e[l] = 0;
	}
}

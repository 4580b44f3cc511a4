/**
 * One EM run of a Gaussian mixture with scikit-learn's loop (`sklearn/mixture/_base.py::BaseMixture.fit_predict`):
 * each iteration does an E-step under the current parameters (its mean log-likelihood is the lower bound), then an
 * M-step; the run stops when the lower bound changes by less than tol. Note the lower bound therefore belongs to
 * the parameters *before* the last M-step, as in sklearn.
 */
import type { CovarianceType, GmmInit, GmmModel } from './gmm-types';
import { eStep } from './gmm-estep';
import { mStep } from './gmm-mstep';
import { upperCholesky } from './cholesky';
import { EngineError } from '../errors';

export class EmRun {
	model: GmmModel;
	iteration = 0;
	lowerBound = -Infinity;
	change = Infinity;
	converged = false;
	/** Components that needed extra regularisation at some M-step. */
	jittered = new Set<number>();
	/** Components where scikit-learn would have stopped ("ill-defined empirical covariance") at some M-step. */
	illDefined = new Set<number>();
	readonly resp: Float64Array;
	private XtX: Float64Array | null = null;

	constructor(
		private X: Float64Array, private rows: number, private d: number, model: GmmModel,
		private maxIter: number, private tol: number, private regCovar: number
	) {
		this.model = model;
		this.resp = new Float64Array(rows * model.k);
		if (model.covarianceType === 'tied') {
			const XtX = new Float64Array(d * d);
			for (let i = 0; i < rows; i++) {
				for (let a = 0; a < d; a++) {
					const xa = X[i * d + a];
					for (let b = 0; b < d; b++) XtX[a * d + b] += xa * X[i * d + b];
				}
			}
			this.XtX = XtX;
		}
	}

	get done(): boolean {
		return this.converged || this.iteration >= this.maxIter;
	}

	step(): void {
		const { X, rows, d, model } = this;
		const prev = this.lowerBound;
		this.lowerBound = eStep(X, rows, d, model.k, model.covarianceType, model.weights, model.means, model.precisionsCholesky, this.resp);
		const m = mStep(X, rows, d, model.k, model.covarianceType, this.resp, this.regCovar, this.XtX);
		for (const c of m.jittered) this.jittered.add(c);
		for (const c of m.illDefined) this.illDefined.add(c);
		this.model = { ...model, weights: m.weights, means: m.means, covariances: m.covariances, precisionsCholesky: m.precisionsCholesky };
		this.iteration++;
		this.change = this.lowerBound - prev;
		if (Math.abs(this.change) < this.tol) this.converged = true;
	}
}

/** The model an M-step makes from hard labels (sklearn's init from k-means labels: one-hot responsibilities). */
export function modelFromLabels(
	X: Float64Array, rows: number, d: number, k: number, labels: Int32Array, type: CovarianceType, regCovar: number
): { model: GmmModel; jittered: number[]; illDefined: number[] } {
	const resp = new Float64Array(rows * k);
	for (let i = 0; i < rows; i++) resp[i * k + labels[i]] = 1;
	let XtX: Float64Array | null = null;
	if (type === 'tied') {
		XtX = new Float64Array(d * d);
		for (let i = 0; i < rows; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) XtX[a * d + b] += X[i * d + a] * X[i * d + b];
	}
	const m = mStep(X, rows, d, k, type, resp, regCovar, XtX);
	return { model: { k, cols: d, covarianceType: type, weights: m.weights, means: m.means, covariances: m.covariances, precisionsCholesky: m.precisionsCholesky }, jittered: m.jittered, illDefined: m.illDefined };
}

/** A model from sklearn-style weights_init / means_init / precisions_init (covariances derived for reporting). */
export function modelFromInit(init: GmmInit, k: number, d: number, type: CovarianceType): GmmModel {
	const sizes = { full: k * d * d, tied: d * d, diag: k * d, spherical: k };
	const bad = (what: string) => new EngineError('bad-parameter', `Initial ${what} have the wrong size or invalid values.`,
		`Pass ${k} weights summing to 1, ${k} × ${d} means and ${sizes[type]} precision values for '${type}' covariances.`);
	if (init.weights.length !== k || init.weights.some((w) => !(w > 0))) throw bad('weights');
	if (init.means.length !== k * d || init.means.some((v) => !Number.isFinite(v))) throw bad('means');
	if (init.precisions.length !== sizes[type]) throw bad('precisions');
	const pc = new Float64Array(sizes[type]);
	const cov = new Float64Array(sizes[type]);
	if (type === 'full' || type === 'tied') {
		for (let c = 0; c < (type === 'full' ? k : 1); c++) {
			if (!upperCholesky(init.precisions, d, pc, c * d * d)) throw bad('precisions (not positive definite)');
			// Σ = (U·Uᵀ)⁻¹ = U⁻ᵀ·U⁻¹; computed only to fill `covariances` before the first M-step.
			const Uinv = invertUpper(pc, d, c * d * d);
			for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
				let s = 0;
				for (let t = 0; t <= Math.min(a, b); t++) s += Uinv[t * d + a] * Uinv[t * d + b];
				cov[c * d * d + a * d + b] = s;
			}
		}
	} else {
		for (let t = 0; t < pc.length; t++) {
			if (!(init.precisions[t] > 0)) throw bad('precisions (must be positive)');
			pc[t] = Math.sqrt(init.precisions[t]);
			cov[t] = 1 / init.precisions[t];
		}
	}
	let total = 0;
	for (const w of init.weights) total += w;
	return { k, cols: d, covarianceType: type, weights: init.weights.map((w) => w / total), means: init.means.slice(), covariances: cov, precisionsCholesky: pc };
}

function invertUpper(U: Float64Array, d: number, off: number): Float64Array {
	const inv = new Float64Array(d * d);
	for (let c = 0; c < d; c++) {
		for (let i = c; i >= 0; i--) {
			let s = i === c ? 1 : 0;
			for (let t = i + 1; t <= c; t++) s -= U[off + i * d + t] * inv[t * d + c];
			inv[i * d + c] = s / U[off + i * d + i];
		}
	}
	return inv;
}

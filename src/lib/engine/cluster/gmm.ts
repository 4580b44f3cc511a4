/**
 * Gaussian mixtures fitted by EM, following scikit-learn 1.2's `GaussianMixture` (`sklearn/mixture/`):
 * covariance_type 'full' | 'tied' | 'diag' | 'spherical', reg_covar 1e-6, tol 1e-3 on the change of the mean
 * log-likelihood lower bound, max_iter 100, init_params='kmeans' (each restart runs k-means with n_init = 1 and
 * starts from an M-step on its hard labels), n_init restarts keeping the best lower bound (ties keep the first),
 * and a final E-step under the chosen parameters for labels and probabilities. Parameters are stored as Cholesky
 * factors of the precisions, as sklearn does, for stability. Where sklearn raises on a collapsed component we
 * regularise it further, report it in `degenerate`, and mark the fit `illDefined` (see there).
 */
import type { RunControl } from '../progress';
import { throttle, throwIfAborted } from '../progress';
import { EngineError } from '../errors';
import { deriveSeed } from '../random';
import { checkMatrix } from './check-matrix';
import { kmeans } from './kmeans';
import type { CovarianceType, GmmInit, GmmModel, GmmOptions } from './gmm-types';
import { EmRun, modelFromInit, modelFromLabels } from './gmm-em';
import { assignGmm, nParameters, describeDegenerate, describeIllDefined } from './gmm-assign';

export type { CovarianceType, GmmInit, GmmModel, GmmOptions } from './gmm-types';
export { assignGmm, nParameters } from './gmm-assign';

export interface GmmResult extends GmmModel {
	labels: Int32Array;
	/** rows × k membership probabilities. */
	probs: Float64Array;
	/** Σ log p(xᵢ) under the returned parameters (= n × sklearn's `score(X)`). */
	logLikelihood: number;
	meanLogLikelihood: number;
	/** sklearn's `lower_bound_`: the mean log-likelihood at the last E-step of the best restart. */
	lowerBound: number;
	bic: number;
	aic: number;
	nParameters: number;
	converged: boolean;
	iterations: number;
	bestRestart: number;
	/** Components that collapsed (tiny weight or near-singular covariance), in words. Reported, never thrown. */
	degenerate: string[];
	/**
	 * scikit-learn's rule (`_compute_precision_cholesky`): at the M-step from the starting labels or at any EM
	 * M-step of the returned run, a 'full' / 'tied' covariance with reg_covar on its diagonal had no Cholesky factor,
	 * or a 'diag' / 'spherical' variance was ≤ 0 — where sklearn stops with "ill-defined empirical covariance". The
	 * affected components (1-based; the shared one for 'tied') in words, or null.
	 */
	illDefined: string | null;
}

export interface GmmControl extends RunControl {
	seed: number;
}

/** Fits a k-component mixture with k-means starts (`GaussianMixture(n_components=k, init_params='kmeans')`). */
export function gmm(X: Float64Array, rows: number, cols: number, k: number, options: GmmOptions, control: GmmControl): GmmResult {
	const o = check(X, rows, cols, k, options);
	const nInit = Math.max(1, Math.floor(options.nInit ?? 1));
	const starts = (r: number) => {
		const km = kmeans(X, rows, cols, k, { nInit: 1 }, { seed: deriveSeed(control.seed, r), signal: control.signal });
		return modelFromLabels(X, rows, cols, k, km.labels, o.type, o.reg);
	};
	return fit(X, rows, cols, nInit, starts, o, control);
}

/** EM from given parameters (sklearn's weights_init / means_init / precisions_init), one run. */
export function gmmFromInitialParams(
	X: Float64Array, rows: number, cols: number, init: GmmInit, options: GmmOptions = {}, control: RunControl = {}
): GmmResult {
	const k = init.weights.length;
	const o = check(X, rows, cols, k, options);
	// sklearn computes no precision factor from given precisions, so the start cannot be ill-defined.
	return fit(X, rows, cols, 1, () => ({ model: modelFromInit(init, k, cols, o.type), jittered: [], illDefined: [] }), o, control);
}

export interface GmmStep {
	iteration: number;
	/** Mean log-likelihood before this iteration's M-step (sklearn's lower bound). */
	lowerBound: number;
	change: number;
	converged: boolean;
	/** Parameters after this iteration's M-step. */
	model: GmmModel;
	/** Responsibilities from this iteration's E-step (rows × k, live: copy to keep). */
	probs: Float64Array;
}

/** One EM iteration per step from given parameters, for the teaching page. */
export function* gmmSteps(X: Float64Array, rows: number, cols: number, init: GmmInit, options: GmmOptions = {}): Generator<GmmStep> {
	const k = init.weights.length;
	const o = check(X, rows, cols, k, options);
	const run = new EmRun(X, rows, cols, modelFromInit(init, k, cols, o.type), o.maxIter, o.tol, o.reg);
	while (!run.done) {
		run.step();
		yield { iteration: run.iteration, lowerBound: run.lowerBound, change: run.change, converged: run.converged, model: run.model, probs: run.resp };
	}
}

interface Checked { type: CovarianceType; maxIter: number; tol: number; reg: number }

function fit(
	X: Float64Array, rows: number, cols: number, nInit: number, start: (r: number) => { model: GmmModel; jittered: number[]; illDefined: number[] },
	o: Checked, control: RunControl
): GmmResult {
	const report = throttle(control.onProgress);
	let best: EmRun | null = null;
	let bestRestart = 0;
	let anyConverged = false;
	for (let r = 0; r < nInit; r++) {
		const stage = `Gaussian mixture, restart ${r + 1} of ${nInit}`;
		report?.({ stage, fraction: r / nInit });
		throwIfAborted(control.signal);
		const first = start(r);
		const run = new EmRun(X, rows, cols, first.model, o.maxIter, o.tol, o.reg);
		for (const c of first.jittered) run.jittered.add(c);
		for (const c of first.illDefined) run.illDefined.add(c);
		while (!run.done) {
			run.step();
			throwIfAborted(control.signal);
			report?.({ stage, fraction: (r + run.iteration / o.maxIter) / nInit });
		}
		// sklearn sets converged_ when any restart converged.
		anyConverged ||= run.converged;
		if (best === null || run.lowerBound > best.lowerBound) {
			best = run;
			bestRestart = r;
		}
	}
	const model = best!.model;
	const a = assignGmm(model, X, rows, cols);
	let total = 0;
	for (let i = 0; i < rows; i++) total += a.logLikelihood[i];
	const p = nParameters(model);
	report?.({ stage: 'Gaussian mixture', fraction: 1 });
	return {
		...model,
		labels: a.labels,
		probs: a.probs,
		logLikelihood: total,
		meanLogLikelihood: total / rows,
		lowerBound: best!.lowerBound,
		// sklearn: bic = −2·score·n + p·ln n, aic = −2·score·n + 2p, score = mean log-likelihood.
		bic: -2 * (total / rows) * rows + p * Math.log(rows),
		aic: -2 * (total / rows) * rows + 2 * p,
		nParameters: p,
		converged: anyConverged,
		iterations: best!.iteration,
		bestRestart,
		degenerate: describeDegenerate(model, rows, o.reg, best!.jittered),
		illDefined: describeIllDefined(model.covarianceType, best!.illDefined, o.reg)
	};
}

function check(X: Float64Array, rows: number, cols: number, k: number, options: GmmOptions): Checked {
	checkMatrix(X, rows, cols, 'A Gaussian mixture');
	const type = options.covarianceType ?? 'full';
	const bad = (m: string, h: string) => new EngineError('bad-parameter', m, h);
	if (!['full', 'diag', 'spherical', 'tied'].includes(type)) throw bad(`Unknown covariance type '${type}'.`, "Choose 'full', 'diag', 'spherical' or 'tied'.");
	if (!Number.isInteger(k) || k < 1) throw bad(`The number of components must be a whole number of at least 1 (got ${k}).`, 'Choose k = 2 or more.');
	if (k > rows) throw bad(`Cannot fit ${k} components to ${rows} rows.`, `Choose k between 1 and ${rows}.`);
	const maxIter = options.maxIter ?? 100;
	const tol = options.tol ?? 1e-3;
	const reg = options.regCovar ?? 1e-6;
	if (!(maxIter >= 1)) throw bad(`Maximum iterations must be at least 1 (got ${maxIter}).`, 'Use the default of 100.');
	if (!(tol >= 0)) throw bad(`Tolerance must be zero or positive (got ${tol}).`, 'Use the default of 0.001.');
	if (!(reg >= 0)) throw bad(`reg_covar must be zero or positive (got ${reg}).`, 'Use the default of 1e-6.');
	return { type, maxIter, tol, reg };
}

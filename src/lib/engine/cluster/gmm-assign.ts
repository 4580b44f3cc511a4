/**
 * Scoring rows under a fitted Gaussian mixture (sklearn's `predict`, `predict_proba`, `score_samples`), the
 * parameter count behind BIC and AIC (sklearn's `GaussianMixture._n_parameters`), and the degenerate-component
 * report.
 */
import type { GmmModel } from './gmm-types';
import { eStep } from './gmm-estep';
import { checkMatrix } from './check-matrix';
import { EngineError } from '../errors';

/** Most probable component (first on ties, like argmax), probabilities (rows × k) and log p(x) per row. */
export function assignGmm(
	model: GmmModel, X: Float64Array, rows: number, cols: number
): { labels: Int32Array; probs: Float64Array; logLikelihood: Float64Array } {
	checkMatrix(X, rows, cols, 'Scoring with a Gaussian mixture');
	if (cols !== model.cols) {
		throw new EngineError('bad-parameter', `The model was fitted on ${model.cols} features; these rows have ${cols}.`,
			'Prepare the new rows with the same recipe as the fitted model.');
	}
	const k = model.k;
	const probs = new Float64Array(rows * k);
	const logLikelihood = new Float64Array(rows);
	eStep(X, rows, cols, k, model.covarianceType, model.weights, model.means, model.precisionsCholesky, probs, logLikelihood);
	const labels = new Int32Array(rows);
	for (let i = 0; i < rows; i++) {
		let best = 0;
		for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
		labels[i] = best;
	}
	return { labels, probs, logLikelihood };
}

/** Free parameters: k − 1 weights, k·d means, and the covariance parameters of the type (sklearn's count). */
export function nParameters(model: Pick<GmmModel, 'k' | 'cols' | 'covarianceType'>): number {
	const { k, cols: d } = model;
	const cov = { full: (k * d * (d + 1)) / 2, diag: k * d, tied: (d * (d + 1)) / 2, spherical: k }[model.covarianceType];
	return Math.trunc(cov + d * k + k - 1);
}

/**
 * Components with under two rows' worth of weight, or a variance direction collapsed to near reg_covar (the
 * smallest pivot of the covariance's Cholesky factor, squared, under 1e-3 of the largest variance — with
 * z-scored features that is a component squeezed into a lower-dimensional subspace), or that needed extra
 * regularisation.
 */
export function describeDegenerate(model: GmmModel, rows: number, reg: number, jittered: Set<number>): string[] {
	const { k, cols: d, covarianceType: type } = model;
	const pc = model.precisionsCholesky;
	const covarianceIssues = (c: number): string[] => {
		// Variances along the factor's pivots: 1 / U_jj² for full / tied, the variances for diag / spherical.
		const vars: number[] = [];
		for (let j = 0; j < d; j++) {
			const u = type === 'full' ? pc[c * d * d + j * d + j] : type === 'tied' ? pc[j * d + j] : type === 'diag' ? pc[c * d + j] : pc[c];
			vars.push(1 / (u * u));
		}
		const smallest = Math.min(...vars);
		const out: string[] = [];
		if (smallest <= Math.max(1e-3 * Math.max(...vars), 10 * reg)) out.push(`a near-singular covariance (smallest variance ${smallest.toExponential(2)})`);
		if (jittered.has(c)) out.push('needed extra regularisation to stay positive definite');
		return out;
	};
	const out: string[] = [];
	for (let c = 0; c < k; c++) {
		const reasons: string[] = [];
		if (model.weights[c] * rows < 2) reasons.push(`almost no rows (weight ${model.weights[c].toExponential(2)})`);
		if (type !== 'tied') reasons.push(...covarianceIssues(c));
		if (reasons.length) out.push(`Component ${c + 1}: ${reasons.join('; ')}.`);
	}
	if (type === 'tied') {
		const shared = covarianceIssues(0);
		if (shared.length) out.push(`Shared covariance: ${shared.join('; ')}.`);
	}
	return out;
}

/**
 * The components where scikit-learn's `_compute_precision_cholesky` would have raised "ill-defined empirical
 * covariance" (gmm-mstep.ts finds them), in words, or null.
 */
export function describeIllDefined(type: GmmModel['covarianceType'], components: Set<number>, reg: number): string | null {
	if (components.size === 0) return null;
	const which = type === 'tied' ? 'the shared covariance' : `component${components.size === 1 ? '' : 's'} ${[...components].sort((a, b) => a - b).map((c) => c + 1).join(', ')}`;
	const test = type === 'full' || type === 'tied' ? 'was not positive definite' : 'had a variance of zero or less';
	return `ill-defined fit: the covariance of ${which} ${test} even with reg_covar = ${reg} added (collapsed or duplicate rows); scikit-learn refuses such a fit`;
}

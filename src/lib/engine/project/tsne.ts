/**
 * Barnes–Hut t-SNE (van der Maaten & Hinton 2008; van der Maaten 2014), following scikit-learn 1.2's
 * `TSNE(method="barnes_hut", init="pca", learning_rate="auto")` (`sklearn/manifold/_t_sne.py`):
 * - affinities on the 3·perplexity + 1 nearest neighbours (VP-tree), perplexity by bisection (tsne-affinities.ts);
 * - initial positions: the first two principal components scaled so column 0 has standard deviation 1e-4;
 * - gradient descent with momentum 0.5 for the first 250 iterations under early exaggeration 12, then momentum
 *   0.8 without it (gains and the update are reset between the two stages, as sklearn's two `_gradient_descent`
 *   calls do); per-coordinate gains +0.2 / ×0.8, floored at 0.01 (Jacobs 1988);
 * - learning rate "auto" = max(n / early_exaggeration / 4, 50);
 * - stops early when the gradient norm falls below 1e-7, checked every 50 iterations.
 * Seeded through random.ts. `tsneSteps` yields after every iteration so a worker can stream positions, pause
 * (stop pulling) and cancel (return).
 */
import { EngineError } from '../errors';
import { throwIfAborted, type ProgressFn } from '../progress';
import { Rng } from '../random';
import { pca, pcaTransform } from './pca';
import { jointP, type SparseP } from './tsne-affinities';
import { TsneGradient } from './tsne-gradient';
import type { SharedRepulsion } from './tsne-shared';
import { knnGraph } from './vp-tree';

export interface TsneOptions {
	perplexity?: number;
	nIter?: number;
	earlyExaggeration?: number;
	/** Iterations under early exaggeration (sklearn's _EXPLORATION_N_ITER). */
	explorationIter?: number;
	learningRate?: number | 'auto';
	/** Barnes–Hut accuracy (sklearn's `angle`). */
	theta?: number;
	init?: 'pca' | 'random';
	minGradNorm?: number;
}

export interface TsneFrame {
	/** Iterations done (0 = initial positions). */
	iteration: number;
	nIter: number;
	exaggerating: boolean;
	/** The live positions (n × 2, row-major): copy before keeping. */
	Y: Float64Array;
	gradNorm: number;
}

export interface TsneControl {
	seed: number;
	/** A helper thread for half of the repulsion (tsne-shared.ts); positions then live in its shared memory. */
	shared?: SharedRepulsion;
	signal?: AbortSignal;
	onProgress?: ProgressFn;
}

export const TSNE_DEFAULTS = {
	perplexity: 30, nIter: 1000, earlyExaggeration: 12, explorationIter: 250, learningRate: 'auto', theta: 0.5, init: 'pca', minGradNorm: 1e-7
} as const;

export function checkTsneInput(rows: number, cols: number, perplexity: number): void {
	if (rows < 3) throw new EngineError('too-few-rows', `t-SNE needs at least 3 rows (got ${rows}).`, 'Use PCA for very small tables.');
	if (cols < 1) throw new EngineError('no-features', 't-SNE needs at least one feature.', 'Choose one or more feature columns.');
	if (!(perplexity > 0) || perplexity >= rows) {
		throw new EngineError('bad-parameter', `Perplexity must be above 0 and below the number of rows (${rows}); got ${perplexity}.`,
			`Try ${Math.max(1, Math.min(30, Math.floor((rows - 1) / 3)))}: about a third of the rows at most, 5–50 usually.`);
	}
}

/** Joint probabilities P for X, from an exact kNN graph; exposed for tests and for workers that share P. */
export function tsneAffinities(X: Float64Array, rows: number, cols: number, perplexity: number, rng: Rng): SparseP {
	const k = Math.min(rows - 1, Math.floor(3 * perplexity + 1));
	const graph = knnGraph(X, rows, cols, k, rng);
	return jointP(graph, rows, perplexity);
}

/** Initial positions as sklearn: PCA scaled to std 1e-4 (column 0), or N(0, 1e-4²). */
export function tsneInit(X: Float64Array, rows: number, cols: number, init: 'pca' | 'random', rng: Rng): Float64Array {
	const Y = new Float64Array(2 * rows);
	if (init === 'pca') {
		const model = pca(X, rows, cols, 2);
		const T = pcaTransform(model, X, rows, cols);
		const nc = model.nComponents;
		let m = 0, s = 0;
		for (let i = 0; i < rows; i++) m += T[i * nc];
		m /= rows;
		for (let i = 0; i < rows; i++) s += (T[i * nc] - m) ** 2;
		const std = Math.sqrt(s / rows);
		if (std > 0) {
			for (let i = 0; i < rows; i++) {
				Y[2 * i] = (T[i * nc] / std) * 1e-4;
				Y[2 * i + 1] = nc > 1 ? (T[i * nc + 1] / std) * 1e-4 : rng.normal() * 1e-4;
			}
			return Y;
		}
	}
	for (let t = 0; t < 2 * rows; t++) Y[t] = rng.normal() * 1e-4;
	return Y;
}

/** Step form: yields the initial positions, then after every iteration. Returns the final positions. */
export function* tsneSteps(X: Float64Array, rows: number, cols: number, options: TsneOptions, control: TsneControl): Generator<TsneFrame, Float64Array> {
	const o = { ...TSNE_DEFAULTS, ...options };
	checkTsneInput(rows, cols, o.perplexity);
	if (X.length !== rows * cols) throw new EngineError('internal', `t-SNE: expected ${rows * cols} values, got ${X.length}.`);
	const rng = new Rng(control.seed);
	control.onProgress?.({ stage: 't-SNE: nearest neighbours', fraction: 0 });
	const P = tsneAffinities(X, rows, cols, o.perplexity, rng);
	throwIfAborted(control.signal);
	const init = tsneInit(X, rows, cols, o.init, rng);
	const Y = control.shared ? control.shared.mem.Y : init;
	if (control.shared) Y.set(init);
	const lr = o.learningRate === 'auto' ? Math.max(rows / o.earlyExaggeration / 4, 50) : o.learningRate;
	const gradient = new TsneGradient(rows, control.shared ?? null);
	const grad = new Float64Array(2 * rows);
	const update = new Float64Array(2 * rows);
	const gains = new Float64Array(2 * rows);
	yield { iteration: 0, nIter: o.nIter, exaggerating: true, Y, gradNorm: NaN };
	for (let it = 0; it < o.nIter; it++) {
		if (it === 0 || it === o.explorationIter) {
			update.fill(0);
			gains.fill(1);
		}
		const exaggerating = it < o.explorationIter;
		const momentum = exaggerating ? 0.5 : 0.8;
		gradient.compute(P, Y, exaggerating ? o.earlyExaggeration : 1, o.theta, grad);
		let norm2 = 0;
		for (let t = 0; t < 2 * rows; t++) {
			const g0 = grad[t];
			let gain = gains[t];
			gain = update[t] * g0 < 0 ? gain + 0.2 : gain * 0.8;
			if (gain < 0.01) gain = 0.01;
			gains[t] = gain;
			const g = g0 * gain;
			norm2 += g * g;
			const u = momentum * update[t] - lr * g;
			update[t] = u;
			Y[t] += u;
		}
		const gradNorm = Math.sqrt(norm2);
		const frame: TsneFrame = { iteration: it + 1, nIter: o.nIter, exaggerating, Y, gradNorm };
		if ((it + 1) % 50 === 0) throwIfAborted(control.signal);
		if ((it + 1) % 50 === 0 && gradNorm <= o.minGradNorm) {
			frame.nIter = it + 1;
			yield frame;
			break;
		}
		yield frame;
	}
	return Y;
}

/** Runs t-SNE to the end. */
export function tsne(X: Float64Array, rows: number, cols: number, options: TsneOptions, control: TsneControl): Float64Array {
	const steps = tsneSteps(X, rows, cols, options, control);
	let last = 0;
	for (;;) {
		const r = steps.next();
		if (r.done) return r.value;
		const f = r.value;
		if (control.onProgress && f.iteration - last >= 25) {
			last = f.iteration;
			control.onProgress({ stage: `t-SNE: iteration ${f.iteration} of ${f.nIter}`, fraction: f.iteration / f.nIter });
		}
	}
}

/**
 * Expectation–maximisation for a Gaussian mixture with full covariances, in two dimensions, as teaching frames
 * (Dempster, Laird & Rubin 1977; the updates of scikit-learn's `GaussianMixture` with reg_covar = 1e-6). The
 * engine's general mixture works in any dimension; this one is written out for 2 × 2 matrices so every E and M
 * step of a toy lesson is a few hundred microseconds and each frame can keep its own copy.
 * Starts like sklearn's init_params='k-means++': means from seeded k-means++, shared spherical covariance.
 */
import { kmeansPlusPlus } from '$lib/engine/cluster/kmeans-init';
import { Rng } from '$lib/engine/random';

export interface GmmFrame {
	phase: 'init' | 'expect' | 'maximise';
	iteration: number;
	weights: Float64Array;
	/** k × 2. */
	means: Float64Array;
	/** k × 3: σxx, σxy, σyy. */
	covs: Float64Array;
	/** Most probable component per point (null before the first E step). */
	labels: Int32Array | null;
	/** Probability of that component. */
	confidence: Float32Array | null;
	/** Mean log-likelihood per point under this frame's parameters; null before the first E step. */
	logLik: number | null;
	final: boolean;
}

const REG = 1e-6;

export function gmmFrames(X: Float64Array, rows: number, k: number, seed: number, maxIter = 100, tol = 1e-4): GmmFrame[] {
	const means = kmeansPlusPlus(X, rows, 2, k, new Rng(seed));
	let mx = 0, my = 0;
	for (let i = 0; i < rows; i++) (mx += X[2 * i]), (my += X[2 * i + 1]);
	mx /= rows;
	my /= rows;
	let v = 0;
	for (let i = 0; i < rows; i++) v += (X[2 * i] - mx) ** 2 + (X[2 * i + 1] - my) ** 2;
	v = v / (2 * rows) / Math.max(1, k) + REG;
	const covs = new Float64Array(3 * k);
	for (let c = 0; c < k; c++) (covs[3 * c] = v), (covs[3 * c + 2] = v);
	const weights = new Float64Array(k).fill(1 / k);
	const frames: GmmFrame[] = [{ phase: 'init', iteration: 0, weights, means, covs, labels: null, confidence: null, logLik: null, final: false }];
	let prev = -Infinity;
	const resp = new Float64Array(rows * k);
	let cur: { weights: Float64Array; means: Float64Array; covs: Float64Array } = { weights, means, covs };
	for (let it = 1; it <= maxIter; it++) {
		const logLik = eStep(X, rows, k, cur.weights, cur.means, cur.covs, resp);
		const { labels, confidence } = hard(resp, rows, k);
		frames.push({ phase: 'expect', iteration: it, ...cur, labels, confidence, logLik, final: false });
		const next = mStep(X, rows, k, resp);
		const ll2 = eStep(X, rows, k, next.weights, next.means, next.covs, new Float64Array(rows * k));
		const done = Math.abs(logLik - prev) < tol || it === maxIter;
		frames.push({ phase: 'maximise', iteration: it, ...next, labels, confidence, logLik: ll2, final: done });
		prev = logLik;
		cur = next;
		if (done) break;
	}
	return frames;
}

/** Responsibilities into resp (rows × k); returns the mean log-likelihood. */
export function eStep(
	X: Float64Array, rows: number, k: number, w: Float64Array, m: Float64Array, cv: Float64Array, resp: Float64Array
): number {
	const inv = new Float64Array(3 * k);
	const base = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		const a = cv[3 * c], b = cv[3 * c + 1], d = cv[3 * c + 2];
		const det = a * d - b * b;
		inv[3 * c] = d / det;
		inv[3 * c + 1] = -b / det;
		inv[3 * c + 2] = a / det;
		base[c] = Math.log(w[c]) - Math.log(2 * Math.PI) - 0.5 * Math.log(det);
	}
	let total = 0;
	const lp = new Float64Array(k);
	for (let i = 0; i < rows; i++) {
		let max = -Infinity;
		for (let c = 0; c < k; c++) {
			const dx = X[2 * i] - m[2 * c], dy = X[2 * i + 1] - m[2 * c + 1];
			lp[c] = base[c] - 0.5 * (inv[3 * c] * dx * dx + 2 * inv[3 * c + 1] * dx * dy + inv[3 * c + 2] * dy * dy);
			if (lp[c] > max) max = lp[c];
		}
		let s = 0;
		for (let c = 0; c < k; c++) s += Math.exp(lp[c] - max);
		const lse = max + Math.log(s);
		total += lse;
		for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(lp[c] - lse);
	}
	return total / rows;
}

export function mStep(X: Float64Array, rows: number, k: number, resp: Float64Array): { weights: Float64Array; means: Float64Array; covs: Float64Array } {
	const weights = new Float64Array(k), means = new Float64Array(2 * k), covs = new Float64Array(3 * k);
	for (let c = 0; c < k; c++) {
		let nk = 10 * Number.EPSILON, sx = 0, sy = 0;
		for (let i = 0; i < rows; i++) {
			const r = resp[i * k + c];
			nk += r;
			sx += r * X[2 * i];
			sy += r * X[2 * i + 1];
		}
		const mx = sx / nk, my = sy / nk;
		let a = 0, b = 0, d = 0;
		for (let i = 0; i < rows; i++) {
			const r = resp[i * k + c], dx = X[2 * i] - mx, dy = X[2 * i + 1] - my;
			a += r * dx * dx;
			b += r * dx * dy;
			d += r * dy * dy;
		}
		weights[c] = nk / rows;
		means[2 * c] = mx;
		means[2 * c + 1] = my;
		covs[3 * c] = a / nk + REG;
		covs[3 * c + 1] = b / nk;
		covs[3 * c + 2] = d / nk + REG;
	}
	return { weights, means, covs };
}

function hard(resp: Float64Array, rows: number, k: number): { labels: Int32Array; confidence: Float32Array } {
	const labels = new Int32Array(rows), confidence = new Float32Array(rows);
	for (let i = 0; i < rows; i++) {
		let best = 0;
		for (let c = 1; c < k; c++) if (resp[i * k + c] > resp[i * k + best]) best = c;
		labels[i] = best;
		confidence[i] = resp[i * k + best];
	}
	return { labels, confidence };
}

/** Axes of the ellipse of a 2 × 2 covariance at `r` standard deviations: radii and rotation (radians). */
export function ellipse(a: number, b: number, d: number, r: number): { rx: number; ry: number; angle: number } {
	const tr = (a + d) / 2, diff = Math.sqrt(((a - d) / 2) ** 2 + b * b);
	const l1 = tr + diff, l2 = Math.max(0, tr - diff);
	const angle = b === 0 && a >= d ? 0 : Math.atan2(l1 - a, b);
	return { rx: r * Math.sqrt(l1), ry: r * Math.sqrt(l2), angle };
}

/**
 * Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011, "Finding a 'kneedle' in a haystack"), following the
 * reference Python package kneed (`KneeLocator` with interp_method='interp1d', online=False): normalise both
 * axes to [0, 1], turn the curve into a concave increasing one, take the difference curve y − x, and return the
 * first local maximum of the difference after which the difference falls below that maximum minus
 * sensitivity × the mean x step, before the next local maximum. Used by the elbow chart and by DBSCAN's eps
 * suggestion.
 */
export interface KneedleOptions {
	curve: 'convex' | 'concave';
	direction: 'increasing' | 'decreasing';
	/** S in the paper: larger waits for a more pronounced knee (default 1). */
	sensitivity?: number;
}

/** The x of the knee (or elbow), or null when the curve has none. x must be increasing. */
export function kneedle(x: number[], y: number[], opts: KneedleOptions): number | null {
	const n = x.length;
	if (n !== y.length) throw new RangeError('kneedle: x and y must have the same length');
	if (n < 3) return null;
	const S = opts.sensitivity ?? 1;
	const xn = normalise(x);
	let yn = normalise(y);
	if (!xn || !yn) return null;
	// kneed's transform_y: every shape becomes "concave increasing".
	const flipY = (opts.direction === 'decreasing' && opts.curve === 'concave') || (opts.direction === 'increasing' && opts.curve === 'convex');
	if (opts.curve === 'convex') {
		const mx = Math.max(...yn);
		yn = yn.map((v) => mx - v);
	}
	if (flipY) yn.reverse();
	const diff = yn.map((v, i) => v - xn[i]);
	// scipy.signal.argrelextrema(..., np.greater_equal / np.less_equal) with mode='clip': endpoints compare to themselves.
	const isMax = diff.map((v, i) => v >= diff[Math.max(0, i - 1)] && v >= diff[Math.min(n - 1, i + 1)]);
	const isMin = diff.map((v, i) => v <= diff[Math.max(0, i - 1)] && v <= diff[Math.min(n - 1, i + 1)]);
	const firstMax = isMax.indexOf(true);
	if (firstMax < 0) return null;
	let meanStep = 0;
	for (let i = 1; i < n; i++) meanStep += xn[i] - xn[i - 1];
	meanStep = Math.abs(meanStep / (n - 1));
	let threshold = 0;
	let thresholdIndex = 0;
	for (let i = firstMax; i < n - 1; i++) {
		if (isMax[i]) {
			threshold = diff[i] - S * meanStep;
			thresholdIndex = i;
		}
		if (isMin[i]) threshold = 0;
		if (diff[i + 1] < threshold) {
			// Undo the flip: kneed reports x[-(threshold_index + 1)] for flipped shapes.
			return flipY ? x[n - 1 - thresholdIndex] : x[thresholdIndex];
		}
	}
	return null;
}

function normalise(v: number[]): number[] | null {
	let mn = Infinity;
	let mx = -Infinity;
	for (const a of v) {
		if (!Number.isFinite(a)) return null;
		if (a < mn) mn = a;
		if (a > mx) mx = a;
	}
	if (mx === mn) return null;
	return v.map((a) => (a - mn) / (mx - mn));
}

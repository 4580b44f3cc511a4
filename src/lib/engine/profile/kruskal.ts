/**
 * Kruskal–Wallis H test across groups (Kruskal & Wallis 1952), with the tie correction, and its p-value from the
 * χ² distribution with g − 1 degrees of freedom, as scipy.stats.kruskal computes it.
 */

/** H statistic and p-value for values[i] in group groups[i] (0..g−1; negative = left out). NaN values are left out. */
export function kruskalWallis(values: Float64Array, groups: Int32Array, g: number): { h: number; p: number; df: number } {
	return kruskalFromRanks(rankPresent(values, groups, g), groups, g);
}

/** Mid-ranks of the rows taken (rank NaN for the others), how many were taken, and the tie term Σ (t³ − t). */
export interface Ranked {
	rank: Float64Array;
	n: number;
	ties: number;
}

/**
 * Mid-ranks (1-based; a run of equal values shares the average of its positions) of the non-NaN values whose group
 * is in [0, g) — or of every non-NaN value when groups is null.
 */
export function rankPresent(values: Float64Array, groups: Int32Array | null, g = 0): Ranked {
	const taken = (i: number) => values[i] === values[i] && (groups === null || (groups[i] >= 0 && groups[i] < g));
	let n = 0;
	for (let i = 0; i < values.length; i++) if (taken(i)) n++;
	// Ranks from a native numeric sort of the values and binary search (no comparator callbacks): a value's rank
	// is the average of its run of equals, [first + 1, last + 1]. Ranks are half-integers, so the rank sums are
	// exact whatever the order of additions.
	const sorted = new Float64Array(n);
	for (let i = 0, t = 0; i < values.length; i++) if (taken(i)) sorted[t++] = values[i];
	sorted.sort();
	let ties = 0;
	for (let s = 0; s < n; ) {
		let e = s + 1;
		while (e < n && sorted[e] === sorted[s]) e++;
		const t = e - s;
		if (t > 1) ties += t * t * t - t;
		s = e;
	}
	const rank = new Float64Array(values.length).fill(NaN);
	for (let i = 0; i < values.length; i++) {
		if (!taken(i)) continue;
		const v = values[i];
		let lo = 0, hi = n;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (sorted[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		let end = lo + 1;
		if (end < n && sorted[end] === v) {
			let top = n;
			while (end < top) {
				const mid = (end + top) >>> 1;
				if (sorted[mid] > v) top = mid;
				else end = mid + 1;
			}
		}
		rank[i] = (lo + 1 + end) / 2;
	}
	return { rank, n, ties };
}

/**
 * The test from ranks already taken over exactly the rows with a rank (rankPresent), whose groups are in [0, g):
 * ranking once serves every grouping of the same rows (every k of a sweep).
 */
export function kruskalFromRanks({ rank, n, ties }: Ranked, groups: Int32Array, g: number): { h: number; p: number; df: number } {
	const rankSum = new Float64Array(g);
	const count = new Float64Array(g);
	for (let i = 0; i < rank.length; i++) {
		if (rank[i] !== rank[i]) continue;
		rankSum[groups[i]] += rank[i];
		count[groups[i]]++;
	}
	let present = 0;
	for (let c = 0; c < g; c++) if (count[c] > 0) present++;
	const df = present - 1;
	if (n < 2 || df < 1) return { h: NaN, p: NaN, df: Math.max(0, df) };
	let h = 0;
	for (let c = 0; c < g; c++) if (count[c] > 0) h += (rankSum[c] * rankSum[c]) / count[c];
	h = (12 / (n * (n + 1))) * h - 3 * (n + 1);
	const correction = 1 - ties / (n * n * n - n);
	if (correction <= 0) return { h: NaN, p: NaN, df };
	h /= correction;
	return { h, p: chiSquareSurvival(h, df), df };
}

/** P(X > x) for X ~ χ²(df): the regularised upper incomplete gamma Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
	if (!(x > 0)) return 1;
	return gammaQ(df / 2, x / 2);
}

/** Regularised upper incomplete gamma Q(a, x): series below a + 1, continued fraction above (Numerical Recipes §6.2). */
export function gammaQ(a: number, x: number): number {
	if (x <= 0) return 1;
	const lnPre = a * Math.log(x) - x - logGamma(a);
	if (x < a + 1) {
		let sum = 1 / a, term = sum, ap = a;
		for (let n = 0; n < 1000; n++) {
			ap++;
			term *= x / ap;
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
		}
		return Math.max(0, 1 - sum * Math.exp(lnPre));
	}
	const tiny = 1e-300;
	let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
	for (let i = 1; i < 1000; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const del = d * c;
		h *= del;
		if (Math.abs(del - 1) < 1e-15) break;
	}
	return Math.exp(lnPre) * h;
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9), accurate to about 1e-15 for x > 0. */
export function logGamma(x: number): number {
	const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
	if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	x -= 1;
	let a = c[0];
	const t = x + 7.5;
	for (let i = 1; i < 9; i++) a += c[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

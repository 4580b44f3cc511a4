/**
 * Classic RFM quintile scores and segment names, a baseline to compare clusters with.
 *
 * Scores follow the common pandas idiom `pd.qcut(x.rank(method="first"), 5, labels=...)`: ties are broken by
 * order (customers sorted by id), then ranks 1..n are cut at numpy's linear-interpolation quantiles
 * (np.quantile, pandas 1.5's qcut) into right-closed fifths. Recency scores 5 for the most recent fifth;
 * frequency and monetary score 5 for the highest fifth.
 */

/** Score 1..5 per value. `higherIsBetter` false reverses the labels (recency: fewer days is better). */
export function quintileScores(x: Float64Array, higherIsBetter: boolean): Uint8Array {
	const n = x.length;
	const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
	const rank = new Float64Array(n);
	order.forEach((i, r) => (rank[i] = r + 1));
	const edges = [1, 2, 3, 4].map((q) => quantileOfRanks(n, q * 0.2));
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		let bin = 0;
		for (const e of edges) if (rank[i] > e) bin++;
		out[i] = higherIsBetter ? bin + 1 : 5 - bin;
	}
	return out;
}

/**
 * np.quantile(1..n, q) with method "linear", including numpy's two-sided lerp (a + t·(b−a) below t = 0.5,
 * b − (1−t)·(b−a) from 0.5), so an edge lands on exactly the float numpy computes.
 */
export function quantileOfRanks(n: number, q: number): number {
	const v = q * (n - 1);
	const f = Math.floor(v);
	const t = v - f;
	const a = f + 1;
	if (f + 1 >= n) return n;
	const b = a + 1;
	return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/**
 * The R–F grid of segment names used in many RFM write-ups (e.g. the regex map popularised by Kaggle's
 * "Customer Segmentation with RFM" notebooks): checked in this order, the first match wins.
 */
const GRID: [RegExp, string][] = [
	[/^[1-2][1-2]$/, 'Hibernating'],
	[/^[1-2][3-4]$/, 'At Risk'],
	[/^[1-2]5$/, "Can't Lose Them"],
	[/^3[1-2]$/, 'About to Sleep'],
	[/^33$/, 'Need Attention'],
	[/^[3-4][4-5]$/, 'Loyal Customers'],
	[/^41$/, 'Promising'],
	[/^51$/, 'New Customers'],
	[/^[4-5][2-3]$/, 'Potential Loyalists'],
	[/^5[4-5]$/, 'Champions']
];

export const RFM_SEGMENTS = GRID.map(([, name]) => name);

export function rfmSegment(r: number, f: number): string {
	const key = `${r}${f}`;
	for (const [re, name] of GRID) if (re.test(key)) return name;
	return 'Unscored';
}

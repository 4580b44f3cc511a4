/**
 * What each segment is, in the units of the data: size and share; mean and median of every feature over the cells
 * that were present; the standardised mean difference of the segment from the whole population (its mean and sd); a
 * Kruskal–Wallis test per feature across segments. Names and personas are built on top (naming.ts).
 */
import type { Table } from '../types';
import { kruskalFromRanks, kruskalWallis } from './kruskal';
import { featureSample } from './feature-sample';
import { personas, type Persona } from './naming';
import { columnNamed } from '../data/column-named';

/** Medians and the rank test use at most this many rows (a fixed stride sample: deterministic). */
export const PROFILE_SAMPLE = 20_000;

export interface FeatureTest {
	feature: string;
	h: number;
	p: number;
	df: number;
}

export interface SegmentStats {
	size: number;
	share: number;
	/** Per feature, original units, present cells only (NaN when the segment has none). */
	mean: number[];
	median: number[];
	/**
	 * Per feature: (segment mean − mean of every clustered row) / standard deviation of every clustered row. Both
	 * come from the whole population, so a handful of extreme rows cannot make everybody else "−17 sd": the big
	 * segment sits near 0 and the extreme rows' segment carries the distance.
	 */
	smd: number[];
	/** Per feature, box-plot numbers: [whisker low, Q1, median, Q3, whisker high] (Tukey: 1.5 IQR, clamped to the data). */
	box: number[][];
}

/** Shares of the most frequent levels of a categorical feature per segment (the rest summed as "other"). */
export interface Composition {
	feature: string;
	levels: string[];
	/** segments × levels (+ "other" when there are more levels than shown), shares of the segment's present cells. */
	shares: number[][];
}

export interface SegmentProfile {
	k: number;
	features: string[];
	/** Features that are numeric in the table (the others — one-hot categorical — get NaN statistics). */
	numeric: boolean[];
	overall: { mean: number[]; median: number[]; sd: number[] };
	segments: SegmentStats[];
	tests: FeatureTest[];
	/** On multiple testing and sampling, in words. */
	testNote: string;
	personas: Persona[];
	/** Categorical features: level shares per segment. */
	composition: Composition[];
	/** Segments under 2% or over 90% of the rows, with their likely cause (extreme-segments.ts); k > 8. */
	warnings: string[];
}

export function segmentProfile(table: Table, features: string[], rowIndex: Int32Array, labels: Int32Array, k: number): SegmentProfile {
	const n = rowIndex.length;
	const cols = features.map((f) => columnNamed(table, f));
	// nonNumeric first: a numeric column's codes may be made only when read (data/lazy-column.ts).
	const numeric = cols.map((c) => !!c && (c.nonNumeric === 0 || c.codes === null) && c.numbers.some((v) => !Number.isNaN(v)));
	const sizes = new Array<number>(k).fill(0);
	for (let r = 0; r < n; r++) if (labels[r] >= 0) sizes[labels[r]]++;
	const step = Math.max(1, Math.ceil(n / PROFILE_SAMPLE));
	const sampleRows: number[] = [];
	for (let r = 0; r < n; r += step) sampleRows.push(r);
	const overall = { mean: [] as number[], median: [] as number[], sd: [] as number[] };
	const perSeg = Array.from({ length: k }, () => ({ mean: [] as number[], median: [] as number[], smd: [] as number[], box: [] as number[][] }));
	const composition: Composition[] = [];
	const tests: FeatureTest[] = [];
	features.forEach((f, j) => {
		const col = cols[j];
		if (!col || !numeric[j]) {
			overall.mean.push(NaN); overall.median.push(NaN); overall.sd.push(NaN);
			for (const s of perSeg) { s.mean.push(NaN); s.median.push(NaN); s.smd.push(NaN); s.box.push([]); }
			tests.push({ feature: f, h: NaN, p: NaN, df: 0 });
			if (col?.codes && col.levels) composition.push(compositionOf(f, col.codes, col.levels, rowIndex, labels, k));
			return;
		}
		const x = col.numbers;
		const { sum, sq, cnt } = segmentSums(x, rowIndex, labels, k);
		const totSum = sum.reduce((a, b) => a + b, 0), totSq = sq.reduce((a, b) => a + b, 0), totCnt = cnt.reduce((a, b) => a + b, 0);
		const totMean = totCnt ? totSum / totCnt : NaN;
		overall.mean.push(totMean);
		overall.sd.push(totCnt > 1 ? Math.sqrt(Math.max(0, (totSq - totCnt * totMean * totMean) / (totCnt - 1))) : NaN);
		// Medians from the stride sample, per segment and overall. When every sampled row is in a segment (no noise),
		// the sample's ranks and sorted order serve every k (feature-sample.ts): each segment's values come out
		// sorted, and the rank test needs only the group sums.
		const sample = featureSample(x, rowIndex, sampleRows);
		const sv = sample.values;
		const sg = Int32Array.from(sampleRows, (r) => labels[r]);
		const allIn = sg.every((g) => g >= 0 && g < k);
		const bySeg: number[][] = Array.from({ length: k }, () => []);
		const all: number[] = [];
		if (allIn) {
			for (const t of sample.order) bySeg[sg[t]].push(sv[t]);
		} else {
			for (let t = 0; t < sv.length; t++) if (sg[t] >= 0 && sv[t] === sv[t]) (bySeg[sg[t]].push(sv[t]), all.push(sv[t]));
			for (const xs of bySeg) xs.sort((a, b) => a - b);
			all.sort((a, b) => a - b);
		}
		overall.median.push(medianSorted(allIn ? Array.from(sample.order, (t) => sv[t]) : all));
		for (let s = 0; s < k; s++) {
			const m1 = cnt[s] ? sum[s] / cnt[s] : NaN;
			perSeg[s].mean.push(m1);
			const box = boxOf(bySeg[s]);
			perSeg[s].median.push(box.length ? box[2] : NaN);
			perSeg[s].box.push(box);
			const sd = overall.sd[j];
			perSeg[s].smd.push(sd > 0 && Number.isFinite(m1) ? (m1 - totMean) / sd : 0);
		}
		tests.push({ feature: f, ...(allIn ? kruskalFromRanks(sample.ranked, sg, k) : kruskalWallis(sv, sg, k)) });
	});
	const total = sizes.reduce((a, b) => a + b, 0);
	const segments: SegmentStats[] = perSeg.map((s, i) => ({ size: sizes[i], share: total ? sizes[i] / total : 0, ...s }));
	const tested = tests.filter((t) => Number.isFinite(t.p)).length;
	const testNote =
		`Kruskal–Wallis test of each feature across the ${k} segments` +
		(step > 1 ? ` (and medians) on a fixed sample of ${sampleRows.length.toLocaleString('en')} rows` : '') +
		`. The segments were made from these same features, so small p-values are expected and do not prove that the segments are real; ` +
		`with ${tested} tests, compare p-values against 0.05 / ${Math.max(1, tested)} = ${(0.05 / Math.max(1, tested)).toPrecision(2)} (Bonferroni).`;
	const warnings: string[] = [];
	// Segments under 2% or over 90% get a card with their likely cause (extreme-segments.ts, added by analyse.ts).
	if (k > 8) warnings.push(`k = ${k}: more than 8 segments are hard to act on; consider merging similar segments or a smaller k.`);
	const profile: SegmentProfile = { k, features: [...features], numeric, overall, segments, tests, testNote, personas: [], composition, warnings };
	profile.personas = personas(profile);
	return profile;
}

/** Per segment: the sum, the sum of squares and the count of the present values, in row order. */
function segmentSums(x: Float64Array, rowIndex: Int32Array, labels: Int32Array, k: number) {
	const sum = new Float64Array(k), sq = new Float64Array(k), cnt = new Float64Array(k);
	for (let r = 0; r < rowIndex.length; r++) {
		const s = labels[r];
		const v = x[rowIndex[r]];
		if (s < 0 || v !== v) continue;
		sum[s] += v;
		sq[s] += v * v;
		cnt[s]++;
	}
	return { sum, sq, cnt };
}

const SHOWN_LEVELS = 8;

function compositionOf(feature: string, codes: Int32Array, levels: string[], rowIndex: Int32Array, labels: Int32Array, k: number): Composition {
	const counts = Array.from({ length: k }, () => new Float64Array(levels.length));
	const total = new Float64Array(levels.length);
	for (let r = 0; r < rowIndex.length; r++) {
		const c = codes[rowIndex[r]];
		if (c < 0 || labels[r] < 0) continue;
		counts[labels[r]][c]++;
		total[c]++;
	}
	const top = Array.from(levels.keys()).sort((a, b) => total[b] - total[a]).slice(0, SHOWN_LEVELS);
	const other = levels.length > top.length;
	const shares = counts.map((row) => {
		const n = row.reduce((a, b) => a + b, 0) || 1;
		const shown = top.map((c) => row[c] / n);
		return other ? [...shown, 1 - shown.reduce((a, b) => a + b, 0)] : shown;
	});
	return { feature, levels: [...top.map((c) => levels[c]), ...(other ? ['other'] : [])], shares };
}

/** [low whisker, Q1, median, Q3, high whisker] with linear quantiles of ascending values; empty for no values. */
function boxOf(a: number[]): number[] {
	if (a.length === 0) return [];
	const q = (p: number) => {
		const h = (a.length - 1) * p, lo = Math.floor(h);
		return lo + 1 < a.length ? a[lo] + (h - lo) * (a[lo + 1] - a[lo]) : a[lo];
	};
	const q1 = q(0.25), q3 = q(0.75), iqr = q3 - q1;
	let lo = a[0], hi = a[a.length - 1];
	for (let i = 0; i < a.length; i++) if (a[i] >= q1 - 1.5 * iqr) { lo = a[i]; break; }
	for (let i = a.length - 1; i >= 0; i--) if (a[i] <= q3 + 1.5 * iqr) { hi = a[i]; break; }
	return [lo, q1, q(0.5), q3, hi];
}

function medianSorted(a: number[]): number {
	if (a.length === 0) return NaN;
	const m = a.length >> 1;
	return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/**
 * A p-value for people: four decimals, or one significant digit in scientific notation below 1e-4; an exact 0
 * is the chi-square tail underflowing a double (H in the thousands on big segments), shown as "< 1e-300".
 */
export function formatP(p: number): string {
	if (!Number.isFinite(p)) return '–';
	if (p === 0) return '< 1e-300';
	return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

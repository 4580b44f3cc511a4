/**
 * What each segment is, in the units of the data: size and share; mean and median of every feature over the cells
 * that were present; the standardised mean difference of the segment against the rest of the clustered rows; a
 * Kruskal–Wallis test per feature across segments. Names and personas are built on top (naming.ts).
 */
import type { Table } from '../types';
import { kruskalWallis } from './kruskal';
import { personas, type Persona } from './naming';

/** Medians and the rank test use at most this many rows (a fixed stride sample: deterministic). */
export const PROFILE_SAMPLE = 50_000;

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
	/** Per feature: (segment mean − mean of the other clustered rows) / pooled standard deviation (Cohen's d). */
	smd: number[];
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
	/** Segments under 2% of the rows; k > 8. */
	warnings: string[];
}

export function segmentProfile(table: Table, features: string[], rowIndex: Int32Array, labels: Int32Array, k: number): SegmentProfile {
	const n = rowIndex.length;
	const cols = features.map((f) => table.columns.find((c) => c.name === f));
	const numeric = cols.map((c) => !!c && (c.codes === null || c.nonNumeric === 0) && c.numbers.some((v) => !Number.isNaN(v)));
	const sizes = new Array<number>(k).fill(0);
	for (let r = 0; r < n; r++) if (labels[r] >= 0) sizes[labels[r]]++;
	const step = Math.max(1, Math.ceil(n / PROFILE_SAMPLE));
	const sampleRows: number[] = [];
	for (let r = 0; r < n; r += step) sampleRows.push(r);
	const overall = { mean: [] as number[], median: [] as number[], sd: [] as number[] };
	const perSeg = Array.from({ length: k }, () => ({ mean: [] as number[], median: [] as number[], smd: [] as number[] }));
	const tests: FeatureTest[] = [];
	features.forEach((f, j) => {
		const col = cols[j];
		if (!col || !numeric[j]) {
			overall.mean.push(NaN); overall.median.push(NaN); overall.sd.push(NaN);
			for (const s of perSeg) { s.mean.push(NaN); s.median.push(NaN); s.smd.push(NaN); }
			tests.push({ feature: f, h: NaN, p: NaN, df: 0 });
			return;
		}
		const x = col.numbers;
		const sum = new Float64Array(k), sq = new Float64Array(k), cnt = new Float64Array(k);
		for (let r = 0; r < n; r++) {
			const s = labels[r];
			const v = x[rowIndex[r]];
			if (s < 0 || Number.isNaN(v)) continue;
			sum[s] += v; sq[s] += v * v; cnt[s]++;
		}
		const totSum = sum.reduce((a, b) => a + b, 0), totSq = sq.reduce((a, b) => a + b, 0), totCnt = cnt.reduce((a, b) => a + b, 0);
		const totMean = totCnt ? totSum / totCnt : NaN;
		overall.mean.push(totMean);
		overall.sd.push(totCnt > 1 ? Math.sqrt(Math.max(0, (totSq - totCnt * totMean * totMean) / (totCnt - 1))) : NaN);
		// Medians from the stride sample, per segment and overall.
		const bySeg: number[][] = Array.from({ length: k }, () => []);
		const all: number[] = [];
		const sv = new Float64Array(sampleRows.length), sg = new Int32Array(sampleRows.length);
		sampleRows.forEach((r, t) => {
			const v = x[rowIndex[r]];
			sv[t] = v; sg[t] = labels[r];
			if (labels[r] >= 0 && !Number.isNaN(v)) { bySeg[labels[r]].push(v); all.push(v); }
		});
		overall.median.push(median(all));
		for (let s = 0; s < k; s++) {
			const m1 = cnt[s] ? sum[s] / cnt[s] : NaN;
			const n2 = totCnt - cnt[s];
			const m2 = n2 ? (totSum - sum[s]) / n2 : NaN;
			const v1 = cnt[s] > 1 ? (sq[s] - cnt[s] * m1 * m1) / (cnt[s] - 1) : 0;
			const v2 = n2 > 1 ? (totSq - sq[s] - n2 * m2 * m2) / (n2 - 1) : 0;
			const pooled = cnt[s] + n2 > 2 ? Math.sqrt(Math.max(0, ((cnt[s] - 1) * Math.max(0, v1) + (n2 - 1) * Math.max(0, v2)) / (cnt[s] + n2 - 2))) : 0;
			perSeg[s].mean.push(m1);
			perSeg[s].median.push(median(bySeg[s]));
			perSeg[s].smd.push(pooled > 0 && Number.isFinite(m1) && Number.isFinite(m2) ? (m1 - m2) / pooled : 0);
		}
		tests.push({ feature: f, ...kruskalWallis(sv, sg, k) });
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
	segments.forEach((s, i) => {
		if (s.share < 0.02) warnings.push(`Segment ${i + 1} holds ${(s.share * 100).toFixed(1)}% of the clustered rows (under 2%): too small to act on reliably; consider a smaller k or treat it as outliers.`);
	});
	if (k > 8) warnings.push(`k = ${k}: more than 8 segments are hard to act on; consider merging similar segments or a smaller k.`);
	const profile: SegmentProfile = { k, features: [...features], numeric, overall, segments, tests, testNote, personas: [], warnings };
	profile.personas = personas(profile);
	return profile;
}

function median(xs: number[]): number {
	if (xs.length === 0) return NaN;
	const a = Float64Array.from(xs).sort();
	const m = a.length >> 1;
	return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/**
 * What the complete report needs beyond the segment profile, gathered from a run (decided here, once): the data and
 * its preparation (rows dropped, set aside, left out; each feature's transforms), the method and seed, the evidence
 * for k (every metric by k, the silhouette of every plotted row, the recommendation and its reasons), the map
 * (principal components 1 and 2, at most MAP_POINTS rows, evenly spaced), and — when shown on the page — the rules
 * and an outcome table.
 */
import type { AnalysisResult, KSummary } from '../analyse';
import { ALGORITHM_SHORT_NAME } from '../describe-algorithm';
import type { ColumnBySegment } from '../profile/by-column';
import { RowStatus } from '../types';

export const MAP_POINTS = 3000;

export interface MetricSeries {
	title: string;
	better: 'higher' | 'lower';
	points: { k: number; value: number }[];
}

export interface ReportExtras {
	preparation: { rows: number; clustered: number; dropped: number; setAside: number; flagged: number; excluded: number; features: string[] };
	method: string[];
	evidence: { metrics: MetricSeries[]; chosenK: number; recommendedK: number; single?: boolean; reasons: string[]; silhouette: { values: number[]; segments: number[]; mean: number; sampled: boolean } } | null;
	map: { x: number[]; y: number[]; segments: number[]; xLabel: string; yLabel: string; shown: number; of: number };
	rules: { leaves: number; costRatio: number; agreement: number; segments: { rules: { text: string; coverage: number; precision: number }[] }[] } | null;
	outcome: ColumnBySegment | null;
}

export function reportExtras(r: AnalysisResult, cur: KSummary, labels: Int32Array, rules: ReportExtras['rules'] = null, outcome: ColumnBySegment | null = null): ReportExtras {
	const count = (code: number) => r.status.reduce((a, s) => a + (s === code ? 1 : 0), 0);
	const features = r.fitted.perFeature.map((f) => {
		const steps: string[] = [];
		if (f.fill !== null) steps.push(`missing → ${r.recipe.prep.columns[f.name]?.missing ?? r.recipe.prep.missing} (${typeof f.fill === 'number' ? Number(f.fill.toPrecision(6)) : f.fill})`);
		else steps.push('rows with it missing dropped');
		if (f.clip) steps.push(`clipped to [${Number(f.clip[0].toPrecision(6))}, ${Number(f.clip[1].toPrecision(6))}]`);
		if (f.log1p) steps.push('log(1 + x)');
		if (f.outlierBounds) steps.push(`outlier bounds [${Number(f.outlierBounds[0].toPrecision(4))}, ${Number(f.outlierBounds[1].toPrecision(4))}]`);
		if (f.encoding === 'categorical') steps.push(`one-hot over ${f.levels?.length ?? 0} levels`);
		else steps.push(`${r.fitted.scale.methods[f.offset]} scaling`);
		const w = r.fitted.weights[f.offset];
		if (f.encoding === 'numeric' && w !== 1) steps.push(`weight ${w}`);
		return `${f.name}: ${steps.join(', ')}`;
	});
	const a = r.recipe.algorithm;
	const method = [
		`${ALGORITHM_SHORT_NAME[a.name]} (${Object.entries(a).filter(([key]) => key !== 'name').map(([key, v]) => `${key} ${v === null && key === 'gamma' ? `${cur.mixed?.gamma !== undefined ? Number(cur.mixed.gamma.toPrecision(3)) : ''} (Huang's rule)` : v}`).join(', ') || 'defaults'})`,
		`k range ${r.recipe.kRange[0]}–${r.recipe.kRange[1]}; k shown ${cur.k}`,
		`random seed ${r.recipe.seed}`,
		...(r.recipe.pcaComponents ? [`clustered on the first ${r.recipe.pcaComponents} principal components`] : [])
	];
	const series = (title: string, better: 'higher' | 'lower', pick: (s: KSummary) => number | undefined): MetricSeries | null => {
		const points = r.perK.map((s) => ({ k: s.k, value: pick(s) ?? NaN })).filter((p) => Number.isFinite(p.value));
		return points.length ? { title, better, points } : null;
	};
	const metrics = [
		series('Mean silhouette', 'higher', (s) => s.silhouette),
		series('Davies–Bouldin', 'lower', (s) => s.daviesBouldin),
		series('Calinski–Harabasz', 'higher', (s) => s.calinskiHarabasz),
		series(cur.mixed ? (cur.mixed.algorithm === 'pam' ? 'Sum of Gower distances (elbow)' : "Huang's cost (elbow)") : 'Inertia (elbow)', 'lower', (s) => s.inertia),
		series('Gap statistic', 'higher', (s) => s.gap?.gap),
		series('Stability (mean ARI)', 'higher', (s) => s.stability?.meanAri)
	].filter((m): m is MetricSeries => m !== null);
	const silRows = cur.silhouetteRows;
	const silSegments = silRows ? Array.from(silRows, (i) => labels[i]) : Array.from(labels);
	const evidence = r.perK.length && cur.k >= 2
		? { metrics, chosenK: cur.k, recommendedK: r.recommendation.k, single: r.recommendation.single === true, reasons: r.recommendation.reasons.map((x) => x.text), silhouette: { values: Array.from(cur.silhouetteValues), segments: silSegments, mean: cur.silhouette, sampled: !cur.silhouetteExact } }
		: null;
	const n = r.rowsClustered, step = Math.max(1, Math.ceil(n / MAP_POINTS));
	const x: number[] = [], y: number[] = [], seg: number[] = [];
	for (let i = 0; i < n; i += step) {
		x.push(r.pca.coords[2 * i]);
		y.push(r.pca.coords[2 * i + 1]);
		seg.push(labels[i]);
	}
	const pct = (c: number) => `${((r.pca.explainedRatio[c] ?? 0) * 100).toFixed(1)}%`;
	return {
		preparation: { rows: r.rowCount, clustered: n, dropped: count(RowStatus.droppedMissing), setAside: count(RowStatus.setAsideOutlier), flagged: count(RowStatus.flaggedOutlier), excluded: count(RowStatus.excluded), features },
		method,
		evidence,
		map: { x, y, segments: seg, xLabel: `PC1 (${pct(0)} of variance)`, yLabel: `PC2 (${pct(1)} of variance)`, shown: x.length, of: n },
		rules,
		outcome
	};
}

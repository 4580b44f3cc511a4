/**
 * The "Recommended k": every metric votes for its own best k, the recommendation is the k most metrics agree on
 * (ties broken by the higher mean silhouette), and the reasons say which metrics agree, which disagree and why,
 * where the elbow's knee is (Kneedle, sensitivity stated), how stable the segments are, and whether the count is
 * one a team can act on (5–8 segments is the usual practical advice). Structured, so the page, the report and
 * the command line all say the same thing.
 */
import { kneedle } from './knee';
import type { GapPoint } from './gap';
import { firstSEmax } from './gap';
import type { StabilityLabel } from './stability';
import { kEdge, type KEdge } from './k-edge';

export type MetricKey = 'silhouette' | 'daviesBouldin' | 'calinskiHarabasz' | 'gap' | 'knee' | 'stability' | 'bic';
/** Every value the evidence charts mark as best (AIC is shown, not voted: BIC is the mixture's criterion). */
export type BestKey = MetricKey | 'aic';

/** What the recommendation reads of each k (KSummary has these fields). */
export interface KEvidence {
	k: number;
	inertia: number;
	silhouette: number;
	silhouetteCi?: [number, number] | null;
	daviesBouldin?: number;
	calinskiHarabasz?: number;
	gap?: GapPoint | null;
	stability?: { meanAri: number; labels: StabilityLabel[] } | null;
	/** Gaussian mixtures: their own information criteria, and whether scikit-learn would refuse the fit. */
	gmm?: { bic: number; aic: number; illDefined?: string | null } | null;
}

export interface MetricVote {
	metric: MetricKey;
	name: string;
	/** The k this metric prefers (null: no opinion, e.g. no knee found). */
	k: number | null;
	/** How this metric reads, and which direction is better. */
	reading: string;
}

export interface Reason {
	kind: 'agree' | 'disagree' | 'knee' | 'stability' | 'actionable' | 'caution' | 'edge';
	text: string;
}

export interface Recommendation {
	k: number;
	votes: MetricVote[];
	/** Metrics whose best k is the recommended one. */
	agree: MetricKey[];
	disagree: MetricKey[];
	knee: { k: number | null; sensitivity: number };
	reasons: Reason[];
	/** The best k of every metric computed (null: no opinion): the charts mark these and nothing else. */
	best: Partial<Record<BestKey, number | null>>;
	/** The recommendation sits at an end of the tried range (and how far the range can grow), or null. */
	edge: KEdge | null;
	/** Only one k was tried: it is shown as "the only k tried", never as recommended (absent in older results). */
	single?: boolean;
}

/** What the sweep tried, so the recommendation can tell when it sits at an end of the range. */
export interface KContext {
	/** The k range the recipe asked for. */
	range?: [number, number];
	/** Rows clustered (caps the range). */
	rows?: number;
	/** The largest k the data support (k-limit.ts): how far the range can grow. */
	cap?: number;
	/** The algorithm found its own k (DBSCAN, HDBSCAN): one solution, so no votes, knee or "turn stability on" (it cannot be). */
	found?: boolean;
	/** Stability cannot be computed for this algorithm (PAM, k-prototypes): say so instead of "turn it on". */
	noStability?: string;
}

export const KNEE_SENSITIVITY = 1;
export const ACTIONABLE: [number, number] = [5, 8];

/** `why` explains a disagreement: [when the metric prefers fewer segments, when it prefers more]. */
export const METRIC_INFO: Record<MetricKey, { name: string; reading: string; why: [string, string] }> = {
	silhouette: { name: 'Mean silhouette', reading: 'how much closer rows are to their own segment than to the next one (−1…1); higher is better',
		why: ['with one dominant split it rewards the coarse separation over finer segments', 'the finer segments are cleanly separated, which it rewards even when the others see little gain'] },
	daviesBouldin: { name: 'Davies–Bouldin', reading: 'average similarity of each segment to its closest neighbour; lower is better',
		why: ['it judges each segment by its worst-separated neighbour, so it favours a few compact, far-apart segments', 'splitting removed a poorly separated pair, which improves its worst-case view'] },
	calinskiHarabasz: { name: 'Calinski–Harabasz', reading: 'between-segment spread over within-segment spread; higher is better',
		why: ['it rewards roughly spherical segments of similar size, and the finer split breaks that', 'it tends to keep rising with k on large data and for roughly spherical segments'] },
	gap: { name: 'Gap statistic', reading: 'how much tighter the segments are than in structureless reference data; the smallest k within one standard error of the first peak',
		why: ['it asks for evidence against fewer segments before adding one', 'the data keep getting tighter than uniform reference data as k grows (common with many rows), so its first peak comes late'] },
	knee: { name: 'Elbow (inertia)', reading: 'within-segment sum of squares; lower is tighter, the knee is where another segment stops paying off',
		why: ['the knee marks where returns start to diminish, not an optimum', 'the knee marks where returns start to diminish, not an optimum'] },
	bic: { name: 'BIC (the mixture\'s own criterion)', reading: 'Bayesian information criterion: fit penalised by log(n) × parameters; lower is better. It counts as two votes, being the criterion a Gaussian mixture is chosen by',
		why: ['the extra components do not raise the likelihood enough to pay for their parameters', 'the data are fitted better by more components than the separation metrics reward'] },
	stability: { name: 'Stability (resampled ARI)', reading: 'agreement between the solution and its reclustered resamples (ARI); higher is better',
		why: ['simpler solutions are usually easier to reproduce, so it favours small k', 'this finer solution reproduces better under resampling than the coarser ones'] }
};

const argBest = (ev: KEvidence[], f: (e: KEvidence) => number | undefined, higher: boolean): number | null => {
	let best: KEvidence | null = null;
	for (const e of ev) {
		const v = f(e);
		if (v === undefined || !Number.isFinite(v)) continue;
		if (!best || (higher ? v > f(best)! : v < f(best)!)) best = e;
	}
	return best ? best.k : null;
};

/** Gap's choice by firstSEmax over k = 1 (when given) and the swept k values in order. */
export function gapChoice(ev: KEvidence[], gapK1: GapPoint | null): number | null {
	const pts = [...(gapK1 ? [gapK1] : []), ...ev.map((e) => e.gap).filter((g): g is GapPoint => !!g)].sort((a, b) => a.k - b.k);
	if (pts.length < 2) return null;
	return pts[firstSEmax(pts.map((p) => p.gap), pts.map((p) => p.se))].k;
}

/** Votes per metric: the algorithm's own criterion (BIC for mixtures) counts twice beside the shared metrics. */
const WEIGHT: Partial<Record<MetricKey, number>> = { bic: 2 };

export function recommend(evidence: KEvidence[], gapK1: GapPoint | null = null, sensitivity = KNEE_SENSITIVITY, context: KContext = {}): Recommendation {
	// A mixture scikit-learn would refuse ("ill-defined empirical covariance") is not a candidate, unless every k is.
	const sorted = [...evidence].sort((a, b) => a.k - b.k);
	const refused = sorted.filter((e) => e.gmm?.illDefined);
	const ev = refused.length < sorted.length ? sorted.filter((e) => !e.gmm?.illDefined) : sorted;
	const kneeK = ev.length >= 3 ? kneedle(ev.map((e) => e.k), ev.map((e) => e.inertia), { curve: 'convex', direction: 'decreasing', sensitivity }) : null;
	const votes: MetricVote[] = [];
	const vote = (metric: MetricKey, k: number | null) => votes.push({ metric, name: METRIC_INFO[metric].name, k, reading: METRIC_INFO[metric].reading });
	vote('silhouette', argBest(ev, (e) => e.silhouette, true));
	// Metrics that do not apply (NaN at every k: Davies–Bouldin and Calinski–Harabasz on Gower distances) do not vote.
	const applies = (f: (e: KEvidence) => number | undefined) => ev.some((e) => f(e) !== undefined) && (ev.length === 1 || ev.some((e) => !Number.isNaN(f(e))));
	if (applies((e) => e.daviesBouldin)) vote('daviesBouldin', argBest(ev, (e) => e.daviesBouldin, false));
	if (applies((e) => e.calinskiHarabasz)) vote('calinskiHarabasz', argBest(ev, (e) => e.calinskiHarabasz, true));
	if (ev.some((e) => e.gap)) vote('gap', gapChoice(ev, gapK1));
	vote('knee', kneeK);
	if (ev.some((e) => e.stability)) vote('stability', argBest(ev, (e) => e.stability?.meanAri, true));
	const hasGmm = ev.some((e) => e.gmm);
	if (hasGmm) vote('bic', argBest(ev, (e) => e.gmm?.bic, false));
	const best: Recommendation['best'] = Object.fromEntries(votes.map((v) => [v.metric, v.k]));
	if (hasGmm) best.aic = argBest(ev, (e) => e.gmm?.aic, false);

	// Majority among the metrics that judge separation (stability is a check, not a vote: it favours small k).
	const tally = new Map<number, number>();
	for (const v of votes) if (v.k !== null && v.metric !== 'stability') tally.set(v.k, (tally.get(v.k) ?? 0) + (WEIGHT[v.metric] ?? 1));
	const sil = new Map(ev.map((e) => [e.k, e.silhouette]));
	let k = votes[0].k ?? ev[0].k;
	let top = -1;
	for (const [kk, n] of tally) {
		// A k = 1 from the gap statistic has no silhouette; it can win only outright.
		// Ties go to the algorithm's own criterion (BIC), then to the higher mean silhouette.
		const own = (x: number) => x === best.bic;
		const better = own(kk) !== own(k) ? own(kk) : (sil.get(kk) ?? -Infinity) > (sil.get(k) ?? -Infinity);
		if (n > top || (n === top && better)) {
			k = kk;
			top = n;
		}
	}
	if (!sil.has(k)) k = votes[0].k ?? ev[0].k;
	const agree = votes.filter((v) => v.k === k).map((v) => v.metric);
	const disagree = votes.filter((v) => v.k !== null && v.k !== k).map((v) => v.metric);
	const reasons: Reason[] = [];
	const names = (ms: MetricKey[]) => ms.map((m) => METRIC_INFO[m].name).join(', ');
	if (agree.length) reasons.push({ kind: 'agree', text: `${names(agree)} ${agree.length === 1 ? 'prefers' : 'agree on'} k = ${k}.` });
	for (const v of votes) {
		// The knee has a line of its own below, which says where it is and why it differs: said once.
		if (v.k === null || v.k === k || v.metric === 'knee') continue;
		reasons.push({ kind: 'disagree', text: `${v.name} prefers k = ${v.k}: ${METRIC_INFO[v.metric].why[v.k < k ? 0 : 1]}.` });
	}
	const chosen = ev.find((e) => e.k === k)!;
	if (chosen.silhouetteCi) {
		const overlapping = ev.filter((e) => e.k !== k && e.silhouetteCi && e.silhouetteCi[1] >= chosen.silhouetteCi![0]).map((e) => e.k);
		if (overlapping.length) reasons.push({ kind: 'caution', text: `The silhouette is estimated from samples; its 95% interval at k = ${k} overlaps k = ${overlapping.join(', ')}.` });
	}
	reasons.push({
		kind: 'knee',
		text: kneeK === null
			? `The elbow curve has no clear knee (Kneedle, sensitivity S = ${sensitivity}).`
			: `The elbow's knee is at k = ${kneeK} (Kneedle, sensitivity S = ${sensitivity}; larger S waits for a sharper bend)` +
				(kneeK === k ? '.' : `: it differs from k = ${k} because ${METRIC_INFO.knee.why[0]}.`)
	});
	// Kaufman & Rousseeuw (Finding Groups in Data, 1990): an average silhouette of 0.25 or less means no
	// substantial structure has been found. Said for any algorithm, the density ones included (their k is their own).
	if (chosen.silhouette <= 0.25) {
		reasons.push({
			kind: 'caution',
			text: `The mean silhouette at k = ${k} is ${chosen.silhouette.toFixed(3)}, at or below 0.25, which Kaufman and Rousseeuw read as no substantial structure: the segments overlap, so treat them as a partition of the customers rather than natural groups.`
		});
	}
	if (gapK1 && votes.find((v) => v.metric === 'gap')?.k === 1) {
		reasons.push({ kind: 'caution', text: 'The gap statistic finds no evidence of more than one group: the segments may be a useful partition rather than natural clusters.' });
	}
	if (chosen.stability) {
		const ls = chosen.stability.labels;
		const count = (l: StabilityLabel) => ls.filter((x) => x === l).length;
		reasons.push({
			kind: 'stability',
			text: `At k = ${k}, resampling gives a mean ARI of ${chosen.stability.meanAri.toFixed(2)}; ${count('stable')} of ${ls.length} segments are stable, ${count('doubtful')} doubtful, ${count('dissolving')} dissolving.`
		});
	} else {
		reasons.push({ kind: 'stability', text: context.noStability ?? 'Stability was not computed: turn it on to check that the segments survive resampling.' });
	}
	const [lo, hi] = ACTIONABLE;
	if (k < lo || k > hi) {
		const inRange = ev.filter((e) => e.k >= lo && e.k <= hi).sort((a, b) => b.silhouette - a.silhouette)[0];
		reasons.push({
			kind: 'actionable',
			text: `Teams can usually act on ${lo}–${hi} segments; k = ${k} is ${k < lo ? 'fewer' : 'more'}.` +
				(inRange ? ` Within that range, k = ${inRange.k} has the best mean silhouette (${inRange.silhouette.toFixed(3)}).` : '')
		});
	} else {
		reasons.push({ kind: 'actionable', text: `k = ${k} is within the ${lo}–${hi} segments teams can usually act on.` });
	}
	if (refused.length) {
		const ks = refused.map((e) => e.k).join(', ');
		reasons.unshift({
			kind: 'caution',
			text: refused.length < sorted.length
				? `k = ${ks} ${refused.length === 1 ? 'is' : 'are'} not recommended: the mixture fit is ill-defined (a component's covariance collapsed, e.g. on duplicate rows; scikit-learn refuses such a fit). Fewer components or a larger reg_covar avoid it.`
				: `Every k tried gives an ill-defined mixture (a component's covariance collapsed, e.g. on duplicate rows; scikit-learn refuses such fits): try fewer components, a larger reg_covar, or another covariance type.`
		});
	}
	const edge = context.range && ev.length >= 2 ? kEdge(k, context.range, context.rows ?? Infinity, context.cap ?? Infinity) : null;
	if (edge) reasons.unshift({ kind: 'edge', text: edge.text });
	if (context.found) {
		// One solution: nothing to vote on, no elbow, and stability is not offered for these algorithms.
		const kept = reasons.filter((x) => x.kind === 'caution' || x.kind === 'actionable' || (x.kind === 'stability' && chosen.stability));
		return { k, votes: [], agree: [], disagree: [], knee: { k: null, sensitivity }, reasons: kept, best: {}, edge: null };
	}
	if (ev.length === 1 && (!context.range || Math.min(context.range[1], context.rows ?? Infinity) <= ev[0].k)) {
		// One k tried (a range of one, --k alone; not the first k of a sweep still running): every metric "prefers"
		// it trivially, so none is said to; the reader is told there was nothing to compare, and how to compare.
		const kept = reasons.filter((x) => x.kind === 'caution' || x.kind === 'actionable' || x.kind === 'stability');
		kept.unshift({ kind: 'caution', text: `Only k = ${k} was tried, so no metric could compare it with another number of segments: try a range of k to see how many the data support.` });
		return { k, votes: [], agree: [], disagree: [], knee: { k: null, sensitivity }, reasons: kept, best: {}, edge: null, single: true };
	}
	return { k, votes, agree, disagree, knee: { k: kneeK, sensitivity }, reasons, best, edge };
}

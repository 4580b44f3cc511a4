/**
 * A segment under 2% or over 90% of the clustered rows is rarely a finding: usually a few rows pull the solution
 * apart. Name the likely cause, checked in this order, and the one remedy that changes the recipe:
 * - an id-like feature (whole numbers nearly all distinct and packed like a counter, or an id-like name):
 *   drop it from the features;
 * - a duplicated block (most of the minority rows share one identical feature vector): cluster distinct rows only
 *   (each repeat counts once, and keeps its first occurrence's segment in the export);
 * - skew (a non-negative feature with skewness above HEAVY_SKEW that is not log1p-transformed): apply log1p;
 * - outliers (the minority's mean is MIN_OUTLIER_SD or more from the population's on some feature): set rows beyond
 *   3 IQR aside (Tukey's "far out").
 * The minority is the small segment's rows, or for a dominant segment the rows of every other segment.
 */
import { HEAVY_SKEW, numericStats } from '../data/profile';
import type { Table } from '../types';

export const TINY_SHARE = 0.02;
export const DOMINANT_SHARE = 0.9;
export const MIN_OUTLIER_SD = 3;
/** Share of the rows whose values are distinct for a whole-number column to read as an id. */
export const ID_DISTINCT = 0.9;
/** …and values packed within this many times the row count (10001..10440 for 440 rows; not incomes in dollars). */
export const ID_SPAN = 20;
/** Id-like names: "id", "user_id", "CustomerID", "InvoiceNo", "order_number", "StockCode", "zip", "phone" — not "customer_support_tickets" or "amount_paid". */
const ID_NAME = /(^|[_\s.-])(id|ids|uuid|guid)$|^(id|uuid)[_\s.-]|invoice|(order|customer|cust|client|member|account|user|transaction)[_\s.-]?(id|no|num|number|code)$|(^|[_\s.-])(zip|zipcode|postcode|postal_?code|phone|code)$|^(zip|phone)/i;
const ID_CAMEL = /[a-z](ID|Id|No|Code)$/;
export const idLikeName = (name: string): boolean => ID_NAME.test(name) || ID_CAMEL.test(name);

export type Remedy =
	| { kind: 'dropFeatures'; columns: string[]; label: string }
	| { kind: 'log1p'; columns: string[]; label: string }
	| { kind: 'setAsideOutliers'; label: string }
	| { kind: 'minClusterSize'; value: number; label: string }
	| { kind: 'distinctRows'; label: string };

export type ExtremeCause = 'ids' | 'duplicates' | 'skew' | 'outliers' | 'none';

export interface ExtremeSegment {
	segment: number;
	share: number;
	side: 'tiny' | 'dominant';
	cause: ExtremeCause;
	/** The columns behind the cause (empty for duplicates, outliers across features, or none). */
	columns: string[];
	text: string;
	/** One click that changes the recipe, or null when no recipe step fixes it. */
	remedy: Remedy | null;
}

/** What the recipe already does to the features, so a remedy already in place is not offered again. */
export interface PrepState {
	log1p: Set<string>;
	outliersOn: boolean;
	/** Distinct rows only is on (then a duplicated block cannot be the cause). */
	distinctOn?: boolean;
}

/**
 * `minClusterSize`: set for HDBSCAN runs. There a tiny segment is a group the algorithm was allowed to keep, so
 * when no data problem explains it, the remedy is to ask for segments of at least 2% of the rows.
 */
export function extremeSegments(table: Table, features: string[], rowIndex: Int32Array, labels: Int32Array, sizes: number[], smd: number[][], prep: PrepState, minClusterSize?: number): ExtremeSegment[] {
	const total = sizes.reduce((a, b) => a + b, 0);
	if (!total || sizes.length < 2) return [];
	const out: ExtremeSegment[] = [];
	sizes.forEach((size, s) => {
		const share = size / total;
		const side = share < TINY_SHARE ? 'tiny' : share > DOMINANT_SHARE ? 'dominant' : null;
		if (!side) return;
		const inMinority = (l: number) => l >= 0 && (side === 'tiny' ? l === s : l !== s);
		// The minority's distance from the population per feature (for a dominant segment, the others' size-weighted SMD).
		const far = features.map((_, j) => {
			if (side === 'tiny') return Math.abs(smd[s][j] ?? 0);
			let w = 0, acc = 0;
			sizes.forEach((n, t) => { if (t !== s && Number.isFinite(smd[t][j])) { acc += n * Math.abs(smd[t][j]); w += n; } });
			return w ? acc / w : 0;
		});
		const found = cause(table, features, rowIndex, labels, inMinority, far, prep);
		const floor = Math.ceil(TINY_SHARE * total);
		if (side === 'tiny' && minClusterSize !== undefined && minClusterSize < floor && found.cause === 'none') {
			found.remedy = { kind: 'minClusterSize', value: floor, label: `Require segments of at least ${floor.toLocaleString('en')} rows` };
			found.text = found.text.replace(/, or try a smaller k\.$/, '.');
			found.text += ` HDBSCAN kept it because the minimum cluster size is ${minClusterSize}; ${floor.toLocaleString('en')} (2% of the rows) stops segments this small from forming.`;
		}
		const pct = `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
		const head = side === 'tiny'
			? `Segment ${s + 1} holds ${pct} of the clustered rows (${size.toLocaleString('en')}), under 2%`
			: `Segment ${s + 1} holds ${pct} of the clustered rows, over 90%: the other segments are a few rows`;
		out.push({ segment: s, share, side, ...found, text: `${head}. ${found.text}` });
	});
	return out;
}

function cause(table: Table, features: string[], rowIndex: Int32Array, labels: Int32Array, inMinority: (l: number) => boolean, far: number[], prep: PrepState): Pick<ExtremeSegment, 'cause' | 'columns' | 'text' | 'remedy'> {
	const cols = features.map((f) => table.columns.find((c) => c.name === f));
	const numeric = cols.map((c) => !!c && c.nonNumeric === 0 && c.numbers.some((v) => !Number.isNaN(v)));
	const ids = features.filter((f, j) => numeric[j] && idLike(f, cols[j]!.numbers, rowIndex));
	if (ids.length) {
		return { cause: 'ids', columns: ids, remedy: { kind: 'dropFeatures', columns: ids, label: `Drop ${list(ids)} from the features` },
			text: `Likely cause: ${list(ids)} ${ids.length === 1 ? 'looks' : 'look'} like an identifier (whole numbers, nearly all different, or an id-like name); distances on an id mean nothing.` };
	}
	const minority: number[] = [];
	for (let r = 0; r < rowIndex.length; r++) if (inMinority(labels[r])) minority.push(rowIndex[r]);
	const dup = largestRepeat(minority, cols.map((c, j) => (numeric[j] ? c!.numbers : null)));
	if (!prep.distinctOn && minority.length >= 2 && dup >= Math.max(2, minority.length / 2)) {
		return { cause: 'duplicates', columns: [], remedy: { kind: 'distinctRows', label: 'Cluster distinct rows only' },
			text: `Likely cause: a duplicated block: ${dup.toLocaleString('en')} of its ${minority.length.toLocaleString('en')} rows have identical values on every feature (a file appended twice or a placeholder row). Clustering distinct rows only counts each repeated row once; the repeats stay in the export with their first occurrence's segment.` };
	}
	const skewed = features.filter((f, j) => {
		if (!numeric[j] || prep.log1p.has(f) || far[j] < 1) return false;
		const st = numericStats(cols[j]!.numbers);
		return st.min >= 0 && st.skewness > HEAVY_SKEW;
	});
	if (skewed.length) {
		return { cause: 'skew', columns: skewed, remedy: { kind: 'log1p', columns: skewed, label: `Apply log1p to ${list(skewed)}` },
			text: `Likely cause: skew: ${list(skewed)} ${skewed.length === 1 ? 'has' : 'have'} a long right tail (skewness above ${HEAVY_SKEW}), so a few large values make a segment of their own. log1p pulls the tail in.` };
	}
	const outlying = features.filter((_, j) => numeric[j] && far[j] >= MIN_OUTLIER_SD);
	if (outlying.length && !prep.outliersOn) {
		return { cause: 'outliers', columns: outlying, remedy: { kind: 'setAsideOutliers', label: 'Set outliers aside (beyond 3 IQR)' },
			text: `Likely cause: outliers: these rows lie ${MIN_OUTLIER_SD} or more standard deviations from the overall mean on ${list(outlying)}. Setting rows beyond 3 IQR aside keeps them in the export, out of the clustering.` };
	}
	return { cause: 'none', columns: [], remedy: null,
		text: 'No single cause found (no id-like feature, repeated block, untransformed skew or far outliers): it may be a real niche; check its rows, or try a smaller k.' };
}

function idLike(name: string, x: Float64Array, rowIndex: Int32Array): boolean {
	const seen = new Set<number>();
	let n = 0;
	for (let r = 0; r < rowIndex.length; r++) {
		const v = x[rowIndex[r]];
		if (Number.isNaN(v)) continue;
		if (!Number.isInteger(v)) return false;
		seen.add(v);
		n++;
	}
	if (n < 2) return false;
	if (idLikeName(name)) return true;
	// Nearly all distinct AND packed like a counter (span within ID_SPAN × rows): amounts in whole currency units
	// are nearly all distinct too, but spread far wider than the row count.
	let lo = Infinity, hi = -Infinity;
	for (const v of seen) { if (v < lo) lo = v; if (v > hi) hi = v; }
	return n >= 20 && seen.size >= ID_DISTINCT * n && hi - lo <= ID_SPAN * n;
}

/** Rows of the largest group of identical feature vectors among the given table rows. */
function largestRepeat(rows: number[], cols: (Float64Array | null)[]): number {
	const counts = new Map<string, number>();
	let best = 0;
	for (const r of rows) {
		const key = cols.map((c) => (c ? c[r] : '')).join('\u0000');
		const n = (counts.get(key) ?? 0) + 1;
		counts.set(key, n);
		if (n > best) best = n;
	}
	return best;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

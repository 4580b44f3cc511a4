/**
 * Profile by any column: how a column that was not (necessarily) clustered on differs between segments.
 *   categorical — the share of each level per segment, Pearson's χ² and Cramér's V (chi-square.ts), and the
 *                 adjusted Rand index between the segments and the levels (a cross-tab of two segmentations);
 *   numeric     — mean and median per segment, Kruskal–Wallis H (kruskal.ts).
 * An outcome — a two-valued column (0/1, yes/no, true/false, y/n) or any numeric one — also gets its rate or mean
 * per segment with a 95% interval (Wilson for rates; intervals.ts) and the lift over the whole base, sorted from
 * the highest to the lowest. Only clustered rows count (noise, label −1, is left out); missing cells are counted, not used.
 */
import { cellTexts } from '../data/cell-text';
import { EngineError } from '../errors';
import { ariFromTable } from '../metrics/ari';
import type { Table } from '../types';
import { chiSquareTest, type ChiSquare } from './chi-square';
import { meanInterval, wilson } from './intervals';
import { kruskalWallis } from './kruskal';

/** More levels than this is an identifier or free text, not a category to cross-tabulate. */
export const MAX_PROFILE_LEVELS = 50;

const POSITIVE = new Map([['1', '0'], ['yes', 'no'], ['true', 'false'], ['y', 'n']]);

export interface OutcomeRow {
	/** 0-based segment. */
	segment: number;
	n: number;
	/** Rate (share of positives) or mean. */
	value: number;
	lo: number;
	hi: number;
	/** value / the base's value. */
	lift: number;
}

export interface Outcome {
	kind: 'rate' | 'mean';
	/** Rates: the text counted as a success ("1", "yes", …). */
	positive?: string;
	base: Omit<OutcomeRow, 'segment' | 'lift'>;
	/** Highest value first. */
	rows: OutcomeRow[];
}

export interface ColumnBySegment {
	column: string;
	kind: 'categorical' | 'numeric';
	/** Clustered rows with a value, and without. */
	present: number;
	missing: number;
	categorical?: { levels: string[]; counts: number[][]; shares: number[][]; test: ChiSquare; ari: number };
	numeric?: { segments: { n: number; mean: number; median: number }[]; h: number; p: number; df: number };
	outcome?: Outcome;
}

export function profileByColumn(table: Table, column: string, rowIndex: Int32Array, labels: Int32Array, k: number): ColumnBySegment {
	const col = table.columns.find((c) => c.name === column);
	if (!col) throw new EngineError('bad-parameter', `There is no column "${column}" in "${table.name}".`, 'Choose one of the file’s columns.');
	const texts = cellTexts(table, column);
	const rows: number[] = [];
	for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) rows.push(i);
	const present = rows.filter((i) => texts[rowIndex[i]] !== '');
	const missing = rows.length - present.length;
	const numericCol = col.nonNumeric === 0 && present.length > 0;
	const distinct = new Set(present.map((i) => texts[rowIndex[i]].toLowerCase()));
	const pair = binaryPair(distinct);
	if (numericCol && !pair) {
		const values = Float64Array.from(present, (i) => col.numbers[rowIndex[i]]);
		const groups = Int32Array.from(present, (i) => labels[i]);
		return { column, kind: 'numeric', present: present.length, missing, numeric: numericStats(values, groups, k), outcome: meanOutcome(values, groups, k) };
	}
	const levels = [...new Set(present.map((i) => texts[rowIndex[i]]))];
	if (levels.length > MAX_PROFILE_LEVELS) {
		throw new EngineError('bad-parameter', `"${column}" has ${levels.length} different values: too many to compare as categories (at most ${MAX_PROFILE_LEVELS}).`, 'Choose a column with fewer levels, or a numeric one.');
	}
	levels.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	const at = new Map(levels.map((l, j) => [l, j]));
	const counts = Array.from({ length: k }, () => new Array<number>(levels.length).fill(0));
	for (const i of present) counts[labels[i]][at.get(texts[rowIndex[i]])!]++;
	const shares = counts.map((r) => {
		const t = r.reduce((a, b) => a + b, 0);
		return r.map((c) => (t ? c / t : NaN));
	});
	const out: ColumnBySegment = { column, kind: 'categorical', present: present.length, missing, categorical: { levels, counts, shares, test: chiSquareTest(counts), ari: ariFromTable(counts) } };
	if (pair) out.outcome = rateOutcome(counts, levels, pair);
	return out;
}

/** The success text when the column's (lower-cased) values are one of the usual two-valued codings. */
function binaryPair(distinct: Set<string>): string | null {
	if (distinct.size < 1 || distinct.size > 2) return null;
	for (const [pos, neg] of POSITIVE) if ([...distinct].every((v) => v === pos || v === neg)) return pos;
	return null;
}

function numericStats(values: Float64Array, groups: Int32Array, k: number): NonNullable<ColumnBySegment['numeric']> {
	const per = Array.from({ length: k }, () => [] as number[]);
	groups.forEach((g, i) => per[g].push(values[i]));
	const segments = per.map((v) => {
		const s = Float64Array.from(v).sort();
		const n = s.length;
		return { n, mean: n ? s.reduce((a, b) => a + b, 0) / n : NaN, median: n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN };
	});
	const kw = kruskalWallis(values, groups, k);
	return { segments, h: kw.h, p: kw.p, df: kw.df };
}

function sortRows(rows: OutcomeRow[]): OutcomeRow[] {
	return rows.filter((r) => r.n > 0).sort((a, b) => b.value - a.value || a.segment - b.segment);
}

function meanOutcome(values: Float64Array, groups: Int32Array, k: number): Outcome {
	const all = meanInterval(values);
	const per = Array.from({ length: k }, () => [] as number[]);
	groups.forEach((g, i) => per[g].push(values[i]));
	const rows = per.map((v, segment) => {
		const m = meanInterval(v);
		return { segment, n: v.length, value: m.mean, lo: m.lo, hi: m.hi, lift: m.mean / all.mean };
	});
	return { kind: 'mean', base: { n: values.length, value: all.mean, lo: all.lo, hi: all.hi }, rows: sortRows(rows) };
}

function rateOutcome(counts: number[][], levels: string[], positive: string): Outcome {
	const j = levels.findIndex((l) => l.toLowerCase() === positive);
	const hits = counts.map((r) => (j >= 0 ? r[j] : 0));
	const ns = counts.map((r) => r.reduce((a, b) => a + b, 0));
	const H = hits.reduce((a, b) => a + b, 0), N = ns.reduce((a, b) => a + b, 0);
	const [blo, bhi] = wilson(H, N);
	const base = { n: N, value: H / N, lo: blo, hi: bhi };
	const rows = ns.map((n, segment) => {
		const [lo, hi] = wilson(hits[segment], n);
		return { segment, n, value: n ? hits[segment] / n : NaN, lo, hi, lift: n ? hits[segment] / n / base.value : NaN };
	});
	return { kind: 'rate', positive: j >= 0 ? levels[j] : positive, base, rows: sortRows(rows) };
}

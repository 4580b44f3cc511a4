import type { Column, ColumnKind, ColumnProfile, NumericStats, Table } from '../types';
import { cellTexts } from './cell-text';
import { medianOfPresent } from '../prep/quantile';
import { inferKind } from './infer';
import { own } from '../names';
import { badHeader } from './missing-tokens';
import { levelCounts } from './lazy-column';

const HIST_BINS = 20;
/** |skewness| above this is called heavy (Bulmer 1979's rule of thumb calls > 1 highly skewed; 2 keeps the warning for real tails). */
export const HEAVY_SKEW = 2;
export const MISSING_WARN = 0.3;
/** One value in at least this share of the filled cells: the column barely separates anyone (left out by default). */
export const NEAR_CONSTANT = 0.99;

/**
 * Profiles every column: inferred type with its reason (or the user's override from the Recipe), missing and
 * distinct counts, stats, top values, histogram, warnings. Correlated pairs are added by correlation.ts.
 */
export function profileTable(table: Table, columnTypes: Record<string, ColumnKind> = {}): ColumnProfile[] {
	return table.columns.map((col, index) => {
		// Text columns past the dictionary cap (timestamps, free text) are typed from a sample of their cells.
		const sample = !col.levels && col.nonNumeric > 0 ? safeSample(table, col.name) : null;
		return profileColumn(col, index, table.rowCount, own(columnTypes, col.name), sample);
	});
}

function safeSample(table: Table, name: string): string[] | null {
	try {
		return cellTexts(table, name, 500);
	} catch {
		return null;
	}
}

export function profileColumn(col: Column, index: number, rowCount: number, override?: ColumnKind, sample: string[] | null = null): ColumnProfile {
	const { kind, reason } = inferKind(col, rowCount, sample);
	const hasNumbers = col.missing + col.nonNumeric < rowCount && col.nonNumeric <= (rowCount - col.missing) * 0.05;
	const both = hasNumbers ? statsAndHistogram(col.numbers, HIST_BINS) : null;
	const stats = both?.stats ?? null;
	const base: ColumnProfile = {
		name: col.name,
		index,
		kind,
		inferredKind: kind,
		reason,
		missing: col.missing,
		distinct: col.distinct,
		distinctExact: col.distinctExact,
		stats: stats && Number.isFinite(stats.mean) ? stats : null,
		top: topValues(col, 5),
		histogram: stats && Number.isFinite(stats.mean) ? { edges: histogramEdges(stats.min, stats.max, HIST_BINS), counts: both!.counts } : null,
		warnings: [],
		suggestedFeature: false,
		suggestLog1p: false,
		...(col.missingTokens ? { missingTokens: col.missingTokens } : {})
	};
	const present = rowCount - col.missing;
	if (base.top.length && present > 0) base.dominantShare = base.top[0].count / present;
	if (base.stats && base.stats.min >= 0 && Math.abs(base.stats.skewness) > HEAVY_SKEW) base.skewAfterLog1p = log1pSkewness(col.numbers);
	return withKind(base, override ?? kind, rowCount);
}

/**
 * The same profile under another kind (the user's override): the warnings and the default-feature suggestion
 * follow the kind, the measurements do not change — cheap enough for the page to do on a click.
 */
export function withKind(p: ColumnProfile, kind: ColumnKind, rowCount: number): ColumnProfile {
	const warnings: string[] = [];
	const missingShare = rowCount > 0 ? p.missing / rowCount : 0;
	const badName = badHeader(p.name) === 'token';
	if (badName) warnings.push(`The name "${p.name}" reads like a missing or error value: check the file's header row. Left out of the features by default.`);
	if (kind === 'id') warnings.push('Looks like an identifier: excluded from features, kept in exports.');
	if (kind === 'constant') warnings.push('Constant: it cannot separate customers.');
	if (kind === 'empty') warnings.push('Empty: every cell is blank.');
	if (missingShare > MISSING_WARN && kind !== 'empty') warnings.push(`${(missingShare * 100).toFixed(0)}% missing: choose an imputation or leave the column out.`);
	const skew = p.stats?.skewness ?? 0;
	const heavy = kind === 'numeric' && Math.abs(skew) > HEAVY_SKEW;
	const suggestLog1p = heavy && skew > 0 && (p.stats?.min ?? -1) >= 0;
	const suggestYeoJohnson = heavy && (p.stats?.min ?? 0) < 0;
	if (heavy) warnings.push(`Heavily skewed (skewness ${skew.toFixed(1)})${suggestLog1p ? ': log1p is on by default for it' : suggestYeoJohnson ? ' with negative values: the Yeo-Johnson transform may help' : ''}.`);
	const nearConstant = (kind === 'numeric' || kind === 'categorical' || kind === 'boolean') && (p.dominantShare ?? 0) >= NEAR_CONSTANT;
	if (nearConstant) warnings.push(`Near-constant: ${(p.dominantShare! * 100).toFixed(1)}% of filled cells hold "${p.top[0].value}"; left out of the features by default.`);
	const overridden = kind !== p.inferredKind;
	return {
		...p,
		kind,
		reason: overridden ? `set by you (inferred ${p.inferredKind}: ${baseReason(p)})` : baseReason(p),
		warnings: [...warnings, ...p.warnings.filter((w) => w.startsWith('Strongly correlated'))],
		suggestedFeature: kind === 'numeric' && p.stats !== null && !nearConstant && !badName,
		suggestLog1p,
		suggestYeoJohnson
	};
}

function baseReason(p: ColumnProfile): string {
	const m = /^set by you \(inferred [a-z]+: (.*)\)$/.exec(p.reason);
	return m ? m[1] : p.reason;
}

export function numericStats(x: Float64Array): NumericStats {
	return statsAndHistogram(x, 0).stats;
}

/**
 * numericStats, and with `bins` > 0 also histogram(x, min, max, bins) counted in the moments' pass over the
 * values (the same bins: one pass over a million values fewer per column).
 */
function statsAndHistogram(x: Float64Array, bins: number): { stats: NumericStats; counts: number[] } {
	let n = 0, sum = 0, min = Infinity, max = -Infinity;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (Number.isNaN(v)) continue;
		n++;
		sum += v;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	if (n === 0) return { stats: { min: NaN, max: NaN, mean: NaN, std: NaN, median: NaN, skewness: NaN }, counts: [] };
	const mean = sum / n;
	const counts = new Int32Array(bins);
	const width = max > min ? (max - min) / bins : 1;
	let m2 = 0, m3 = 0;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (Number.isNaN(v)) continue;
		const d = v - mean;
		m2 += d * d;
		m3 += d * d * d;
		if (bins > 0) counts[Math.max(0, Math.min(bins - 1, Math.floor((v - min) / width)))]++;
	}
	const median = medianOfPresent(x);
	// g1 = m3 / m2^1.5 with population moments (scipy.stats.skew, bias=True); 0 when there is no spread.
	const pm2 = m2 / n;
	const skewness = pm2 > 1e-14 * Math.max(1, mean * mean) ? m3 / n / Math.pow(pm2, 1.5) : 0;
	// Sample standard deviation (n − 1), as pandas' describe() reports it.
	return { stats: { min, max, mean, std: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0, median, skewness }, counts: Array.from(counts) };
}

/**
 * numericStats(x.map(Math.log1p)).skewness, the same sums in the same order, without the median that numericStats
 * would then compute and drop.
 */
function log1pSkewness(x: Float64Array): number {
	// Each log1p taken once, kept for the second pass (the mapped copy numericStats was given before).
	const y = new Float64Array(x.length);
	let n = 0, sum = 0;
	for (let i = 0; i < x.length; i++) {
		const v = (y[i] = Math.log1p(x[i]));
		if (Number.isNaN(v)) continue;
		n++;
		sum += v;
	}
	if (n === 0) return NaN;
	const mean = sum / n;
	let m2 = 0, m3 = 0;
	for (let i = 0; i < x.length; i++) {
		const v = y[i];
		if (Number.isNaN(v)) continue;
		const d = v - mean;
		m2 += d * d;
		m3 += d * d * d;
	}
	const pm2 = m2 / n;
	return pm2 > 1e-14 * Math.max(1, mean * mean) ? m3 / n / Math.pow(pm2, 1.5) : 0;
}

export function histogram(x: Float64Array, min: number, max: number, bins: number): { edges: number[]; counts: number[] } {
	const counts = new Array<number>(bins).fill(0);
	const width = max > min ? (max - min) / bins : 1;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (Number.isNaN(v)) continue;
		counts[Math.max(0, Math.min(bins - 1, Math.floor((v - min) / width)))]++;
	}
	return { edges: histogramEdges(min, max, bins), counts };
}

function histogramEdges(min: number, max: number, bins: number): number[] {
	const width = max > min ? (max - min) / bins : 1;
	return Array.from({ length: bins + 1 }, (_, i) => min + i * width);
}

function topValues(col: Column, m: number): { value: string; count: number }[] {
	// Counted without making a numeric column's codes when they are not kept (lazy-column.ts).
	const counts = levelCounts(col);
	if (!counts || !col.levels) return [];
	const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b).slice(0, m);
	return order.map((i) => ({ value: col.levels![i], count: counts[i] }));
}

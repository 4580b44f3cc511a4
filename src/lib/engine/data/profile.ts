import type { Column, ColumnProfile, NumericStats, Table } from '../types';
import { inferKind } from './infer';

const HIST_BINS = 20;

/** Profiles every column: inferred type with its reason, missing and distinct counts, stats, histogram, warnings. */
export function profileTable(table: Table): ColumnProfile[] {
	return table.columns.map((col, index) => profileColumn(col, index, table.rowCount));
}

export function profileColumn(col: Column, index: number, rowCount: number): ColumnProfile {
	const { kind, reason } = inferKind(col, rowCount);
	const stats = kind === 'numeric' || kind === 'boolean' || kind === 'id' ? numericStats(col.numbers) : null;
	const warnings: string[] = [];
	const missingShare = rowCount > 0 ? col.missing / rowCount : 0;
	if (kind === 'id') warnings.push('Looks like an identifier: excluded from features, kept in exports.');
	if (kind === 'constant') warnings.push('Constant: it cannot separate customers.');
	if (missingShare > 0.3) warnings.push(`${(missingShare * 100).toFixed(0)}% missing: choose an imputation or leave the column out.`);
	if (kind === 'numeric' && stats && stats.std > 0) {
		const skew = skewness(col.numbers, stats.mean, stats.std);
		if (Math.abs(skew) > 2) warnings.push(`Heavily skewed (skewness ${skew.toFixed(1)}): a log transform may help.`);
	}
	return {
		name: col.name,
		index,
		kind,
		reason,
		missing: col.missing,
		distinct: col.distinct,
		distinctExact: col.distinctExact,
		stats: stats && Number.isFinite(stats.mean) ? stats : null,
		top: topValues(col, 5),
		histogram: kind === 'numeric' && stats ? histogram(col.numbers, stats.min, stats.max, HIST_BINS) : null,
		warnings,
		suggestedFeature: kind === 'numeric'
	};
}

export function numericStats(x: Float64Array): NumericStats {
	let n = 0, sum = 0, min = Infinity, max = -Infinity;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (Number.isNaN(v)) continue;
		n++;
		sum += v;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	if (n === 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, median: NaN };
	const mean = sum / n;
	let ss = 0;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
	}
	const present = new Float64Array(n);
	for (let i = 0, j = 0; i < x.length; i++) if (!Number.isNaN(x[i])) present[j++] = x[i];
	present.sort();
	const median = n % 2 ? present[(n - 1) >> 1] : (present[n / 2 - 1] + present[n / 2]) / 2;
	// Sample standard deviation (n − 1), as pandas' describe() reports it.
	return { min, max, mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, median };
}

function skewness(x: Float64Array, mean: number, std: number): number {
	let n = 0, m3 = 0;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (Number.isNaN(v)) continue;
		const d = (v - mean) / std;
		m3 += d * d * d;
		n++;
	}
	return n > 0 ? m3 / n : 0;
}

function histogram(x: Float64Array, min: number, max: number, bins: number): { edges: number[]; counts: number[] } {
	const counts = new Array<number>(bins).fill(0);
	const width = max > min ? (max - min) / bins : 1;
	for (let i = 0; i < x.length; i++) {
		const v = x[i];
		if (Number.isNaN(v)) continue;
		counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
	}
	return { edges: Array.from({ length: bins + 1 }, (_, i) => min + i * width), counts };
}

function topValues(col: Column, m: number): { value: string; count: number }[] {
	if (!col.codes || !col.levels) return [];
	const counts = new Int32Array(col.levels.length);
	for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) counts[col.codes[i]]++;
	const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a]).slice(0, m);
	return order.map((i) => ({ value: col.levels![i], count: counts[i] }));
}

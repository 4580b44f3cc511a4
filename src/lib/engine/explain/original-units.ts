/**
 * Thresholds and row values of a threshold tree in the units of the data, not the clustered space: the
 * preparation (weight, scaling, log1p, percentile or outlier clipping) is monotone in every numeric column, so
 * "prepared x ≤ t" is "original x ≤ t′" for t′ between the two original values t separates. A one-hot column's
 * cut (between 0 and its weight) reads "region = North" on the right, "region ≠ North" on the left.
 */
import { cellTexts } from '../data/cell-text';
import type { FeatureMatrix, FittedPrep, Table } from '../types';

export interface ColumnUnits {
	/** The source column (feature) name. */
	feature: string;
	kind: 'numeric' | 'level';
	/** One-hot level (kind 'level'). */
	level?: string;
	/** Value used for a missing cell (the fitted fill), or null when such rows were dropped. */
	fill: number | string | null;
}

export function columnUnits(fitted: FittedPrep): ColumnUnits[] {
	const out: ColumnUnits[] = [];
	for (const f of fitted.perFeature) {
		if (f.encoding === 'numeric') out.push({ feature: f.name, kind: 'numeric', fill: f.fill });
		else for (const level of f.levels!) out.push({ feature: f.name, kind: 'level', level, fill: f.fill });
	}
	return out;
}

/** A prepared value of matrix column j in original units (numeric columns). */
export function toOriginal(fitted: FittedPrep, j: number, v: number): number {
	const f = fitted.perFeature.find((p) => j >= p.offset && j < p.offset + p.width)!;
	const u = (v / fitted.weights[j]) * fitted.scale.scale[j] + fitted.scale.center[j];
	return f.log1p ? Math.expm1(u) : u;
}

/** An original value of matrix column j in the prepared space (numeric columns). */
export function toPrepared(fitted: FittedPrep, j: number, o: number): number {
	const f = fitted.perFeature.find((p) => j >= p.offset && j < p.offset + p.width)!;
	const u = f.log1p ? Math.log1p(o) : o;
	return ((u - fitted.scale.center[j]) / fitted.scale.scale[j]) * fitted.weights[j];
}

/**
 * The number with the fewest significant digits strictly between a and b (a < b), kept clear of both by a
 * millionth of the gap so rounding in the preparation cannot move a row across it: "180", not "181.3742".
 */
export function roundBetween(a: number, b: number): number {
	const margin = (b - a) * 1e-6;
	const mid = (a + b) / 2;
	for (let p = 1; p <= 17; p++) {
		const t = Number(mid.toPrecision(p));
		if (t > a + margin && t < b - margin) return t;
	}
	return mid;
}

/**
 * Per matrix column, the original value of clustered row i: the number (or the fill for a missing cell) for
 * numeric columns, 1 or 0 for "this row's level is the column's level" for one-hot columns. Numeric columns are
 * read from the table as asked, not copied (a copy per feature was 64 MB held with the rules at 1,000,000 × 8);
 * one-hot columns keep a byte per row.
 */
export function originalValues(table: Table, matrix: Pick<FeatureMatrix, 'rowIndex' | 'fitted'>): ((i: number) => number)[] {
	const { rowIndex, fitted } = matrix;
	const units = columnUnits(fitted);
	const texts = new Map<string, string[]>();
	return units.map((u) => {
		if (u.kind === 'numeric') {
			const nums = table.columns.find((c) => c.name === u.feature)!.numbers;
			const fill = u.fill as number;
			return (i: number) => {
				const v = nums[rowIndex[i]];
				return Number.isNaN(v) ? fill : v;
			};
		}
		if (!texts.has(u.feature)) texts.set(u.feature, cellTexts(table, u.feature));
		const t = texts.get(u.feature)!;
		const flags = new Uint8Array(rowIndex.length);
		rowIndex.forEach((r, i) => (flags[i] = (t[r] === '' && u.fill !== null ? String(u.fill) : t[r]) === u.level ? 1 : 0));
		return (i: number) => flags[i];
	});
}

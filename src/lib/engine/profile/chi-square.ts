/**
 * Pearson's χ² test of independence on a contingency table, as scipy.stats.chi2_contingency computes it by
 * default: rows and columns with no counts are dropped first, and with one degree of freedom Yates' continuity
 * correction moves each |observed − expected| half a count towards zero. Cramér's V (Cramér 1946) is from the
 * uncorrected statistic, as scipy.stats.contingency.association: √(χ² / (n · (min(r, c) − 1))).
 */
import { chiSquareSurvival } from './kruskal';

export interface ChiSquare {
	chi2: number;
	df: number;
	p: number;
	/** Whether Yates' correction was applied (df = 1). */
	corrected: boolean;
	cramersV: number;
}

export function chiSquareTest(table: number[][]): ChiSquare {
	const rowSum = table.map((r) => r.reduce((a, b) => a + b, 0));
	const colSum = (table[0] ?? []).map((_, j) => table.reduce((a, r) => a + r[j], 0));
	const rows = table.map((_, i) => i).filter((i) => rowSum[i] > 0);
	const cols = colSum.map((_, j) => j).filter((j) => colSum[j] > 0);
	const n = rows.reduce((a, i) => a + rowSum[i], 0);
	const df = (rows.length - 1) * (cols.length - 1);
	if (df < 1 || n === 0) return { chi2: NaN, df: Math.max(0, df), p: NaN, corrected: false, cramersV: NaN };
	const corrected = df === 1;
	let chi2 = 0, plain = 0;
	for (const i of rows) {
		for (const j of cols) {
			const e = (rowSum[i] * colSum[j]) / n;
			const d = table[i][j] - e;
			plain += (d * d) / e;
			if (corrected) {
				const c = Math.sign(d) * Math.min(0.5, Math.abs(d));
				chi2 += ((d - c) * (d - c)) / e;
			}
		}
	}
	if (!corrected) chi2 = plain;
	return { chi2, df, p: chiSquareSurvival(chi2, df), corrected, cramersV: Math.sqrt(plain / (n * (Math.min(rows.length, cols.length) - 1))) };
}

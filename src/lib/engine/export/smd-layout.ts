/**
 * Sizes of the segment × feature heatmap (standardised mean differences), shared by the page's chart
 * (charts/SmdHeatmap.svelte) and the HTML report, so both leave room for their labels: row names on the left,
 * feature names rotated up and to the right at -50° above the columns (about 6.5 px a character at 11 px, so a
 * name reaches 0.77 × its length up and 0.65 × to the right), and a five-step legend underneath.
 */
export interface SmdLayout {
	cellW: number;
	cellH: number;
	/** Width of the row-name column; the grid starts here. */
	rowLabelW: number;
	/** Height of the rotated column names; the grid starts here. */
	colLabelH: number;
	legendStep: number;
	width: number;
	height: number;
}

const CHAR = 6.5;
export const SMD_LEGEND = [-2, -1, 0, 1, 2];

/** Width of a column of 11 px row names (the longest one, plus a margin). */
export function rowLabelWidth(rows: string[]): number {
	return Math.min(300, Math.ceil(16 + CHAR * Math.max(8, ...rows.map((x) => x.length))));
}

export function smdLayout(rows: string[], features: string[]): SmdLayout {
	const cellW = Math.max(44, Math.min(80, Math.floor(560 / Math.max(1, features.length))));
	const cellH = 28;
	const rowLabelW = rowLabelWidth(rows);
	const colLabelH = Math.min(200, Math.ceil(14 + 0.77 * CHAR * Math.max(4, ...features.map((x) => x.length))));
	const legendStep = 56;
	const labelRight = Math.max(0, ...features.map((f, j) => rowLabelW + j * cellW + cellW / 2 + 0.65 * CHAR * f.length));
	const width = Math.ceil(Math.max(rowLabelW + features.length * cellW, labelRight, rowLabelW + SMD_LEGEND.length * legendStep) + 8);
	return { cellW, cellH, rowLabelW, colLabelH, legendStep, width, height: colLabelH + rows.length * cellH + 48 };
}

/**
 * Two segmentations of the same table compared row by row: the rows clustered in both (matched through their
 * table row, so runs with different preparation compare too), ARI, NMI and the contingency table that the flow
 * chart draws. O(rows).
 */
import { ariFromTable } from './ari';
import { nmiFromTable } from './nmi';

export interface Comparison {
	/** Rows clustered in both solutions. */
	rows: number;
	ari: number;
	nmi: number;
	/** table[a][b] = rows in segment a of the first and segment b of the second (segments 0..k-1). */
	table: number[][];
}

export function compareSolutions(
	rowIndexA: Int32Array, labelsA: Int32Array, kA: number, rowIndexB: Int32Array, labelsB: Int32Array, kB: number
): Comparison {
	let maxRow = -1;
	for (let i = 0; i < rowIndexA.length; i++) if (rowIndexA[i] > maxRow) maxRow = rowIndexA[i];
	for (let i = 0; i < rowIndexB.length; i++) if (rowIndexB[i] > maxRow) maxRow = rowIndexB[i];
	const byRow = new Int32Array(maxRow + 1).fill(-1);
	for (let i = 0; i < rowIndexB.length; i++) byRow[rowIndexB[i]] = labelsB[i];
	// One pass straight into a flat typed table; ARI and NMI then need only the table (k × k), not the rows again.
	const flat = new Float64Array(kA * kB);
	let rows = 0;
	for (let i = 0; i < rowIndexA.length; i++) {
		const lb = byRow[rowIndexA[i]], la = labelsA[i];
		if (lb < 0 || la < 0) continue;
		flat[la * kB + lb]++;
		rows++;
	}
	const table = Array.from({ length: kA }, (_, i) => Array.from(flat.subarray(i * kB, (i + 1) * kB)));
	return { rows, ari: rows ? ariFromTable(table) : NaN, nmi: rows ? nmiFromTable(table) : NaN, table };
}

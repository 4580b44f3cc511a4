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
	for (const r of rowIndexA) if (r > maxRow) maxRow = r;
	for (const r of rowIndexB) if (r > maxRow) maxRow = r;
	const byRow = new Int32Array(maxRow + 1).fill(-1);
	for (let i = 0; i < rowIndexB.length; i++) byRow[rowIndexB[i]] = labelsB[i];
	// One pass straight into the table; ARI and NMI then need only the table (k × k), not the rows again.
	const table = Array.from({ length: kA }, () => new Array<number>(kB).fill(0));
	let rows = 0;
	for (let i = 0; i < rowIndexA.length; i++) {
		const lb = byRow[rowIndexA[i]];
		if (lb < 0 || labelsA[i] < 0) continue;
		table[labelsA[i]][lb]++;
		rows++;
	}
	return { rows, ari: rows ? ariFromTable(table) : NaN, nmi: rows ? nmiFromTable(table) : NaN, table };
}

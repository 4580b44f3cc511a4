import { RowStatus, type Table } from '../types';
import { segmentMeans } from './segment-means';

/** Rows set aside as outliers, described as a group of their own beside the segments (count and feature means). */
export interface AsideGroup {
	count: number;
	/** Mean of each feature over present values, original units; empty when no row was set aside. */
	means: number[];
}

export function asideGroup(table: Table, features: string[], status: Uint8Array): AsideGroup {
	const rows: number[] = [];
	for (let i = 0; i < status.length; i++) if (status[i] === RowStatus.setAsideOutlier) rows.push(i);
	if (rows.length === 0) return { count: 0, means: [] };
	return { count: rows.length, means: segmentMeans(table, features, Int32Array.from(rows), new Int32Array(rows.length), 1)[0] };
}

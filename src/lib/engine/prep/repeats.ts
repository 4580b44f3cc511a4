/**
 * "Distinct rows only" (Recipe prep.distinctRows): rows whose feature values equal an earlier row's, compared as read
 * (numbers by value, a missing value equal to a missing value; categories by their text), before any fill or
 * transform. Such a repeat is clustered once, through its first occurrence; rows the user excluded are neither
 * repeats nor first occurrences.
 */
import { RowStatus } from '../types';

/** Per table row, the earlier table row it repeats, or −1. Marks repeats in `status` (RowStatus.repeat). */
export function markRepeats(columns: { values: Float64Array | null; codes: Int32Array | null }[], status: Uint8Array): Int32Array {
	const n = status.length;
	const repeatOf = new Int32Array(n).fill(-1);
	const first = new Map<string, number>();
	const parts: string[] = new Array(columns.length);
	for (let i = 0; i < n; i++) {
		if (status[i] === RowStatus.excluded) continue;
		for (let j = 0; j < columns.length; j++) {
			const c = columns[j];
			parts[j] = c.values ? String(c.values[i]) : `#${c.codes![i]}`;
		}
		const key = parts.join('\u0000');
		const at = first.get(key);
		if (at === undefined) first.set(key, i);
		else {
			repeatOf[i] = at;
			status[i] = RowStatus.repeat;
		}
	}
	return repeatOf;
}

/** After preparation: a repeat whose first occurrence was not clustered (dropped, set aside) shares its status. */
export function settleRepeats(repeatOf: Int32Array, status: Uint8Array): void {
	for (let i = 0; i < repeatOf.length; i++) {
		const r = repeatOf[i];
		if (r >= 0 && status[r] !== RowStatus.clustered && status[r] !== RowStatus.flaggedOutlier) status[i] = status[r];
	}
}

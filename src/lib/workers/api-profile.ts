/** The engine worker's part of "profile by any column" (engine/profile/by-column.ts). Spread into api.ts. */
import { toErrorInfo, type ErrorInfo } from '../engine/errors';
import { profileByColumn, type ColumnBySegment } from '../engine/profile/by-column';
import type { Table } from '../engine/types';

type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function profileColumnApi(requireTable: () => Table) {
	return {
		async profileByColumn(column: string, rowIndex: Int32Array, labels: Int32Array, k: number): Promise<Result<ColumnBySegment>> {
			try {
				return { ok: true, value: profileByColumn(requireTable(), column, rowIndex, labels, k) };
			} catch (err) {
				return { ok: false, error: toErrorInfo(err) };
			}
		}
	};
}

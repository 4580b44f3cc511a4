import { correlationColumns, correlationMatrix, withCorrelationWarnings, type CorrelationMatrix } from '../prep/correlation';
import type { ColumnKind, ColumnProfile, Table } from '../types';
import { profileTable } from './profile';

/** Everything the page shows about a loaded table before any analysis: column profiles and the correlation matrix. */
export function describeTable(table: Table, columnTypes: Record<string, ColumnKind> = {}): { profiles: ColumnProfile[]; correlation: CorrelationMatrix } {
	const profiles = profileTable(table, columnTypes);
	const correlation = correlationMatrix(table, correlationColumns(profiles));
	return { profiles: withCorrelationWarnings(profiles, correlation), correlation };
}

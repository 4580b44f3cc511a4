import { RowStatus } from '../types';

/** What preparation did to rows, in words for the results page and the CLI. */
export function statusNotes(status: Uint8Array): string[] {
	const count = [0, 0, 0, 0, 0, 0];
	for (let i = 0; i < status.length; i++) count[status[i]]++;
	const n = (v: number) => v.toLocaleString('en');
	const notes: string[] = [];
	if (count[RowStatus.droppedMissing]) notes.push(`${n(count[RowStatus.droppedMissing])} row(s) with a missing feature value were not clustered; they stay in the export with status "dropped: missing value".`);
	if (count[RowStatus.setAsideOutlier]) notes.push(`${n(count[RowStatus.setAsideOutlier])} outlier row(s) were set aside and not clustered; they stay in the export, in place, with status "set aside: outlier".`);
	if (count[RowStatus.flaggedOutlier]) notes.push(`${n(count[RowStatus.flaggedOutlier])} outlier row(s) were clustered and flagged; the export marks them "clustered, flagged: outlier".`);
	if (count[RowStatus.repeat]) notes.push(`${n(count[RowStatus.repeat])} row(s) repeat an earlier row's feature values and were clustered once, through that row ("distinct rows only"); they stay in the export, in place, with its segment and status "repeat: segment of its first occurrence".`);
	if (count[RowStatus.excluded]) notes.push(`${n(count[RowStatus.excluded])} row(s) were left out of this run by you (recorded in the Recipe as "exclude"); they stay in the export with status "left out: excluded by the user".`);
	return notes;
}

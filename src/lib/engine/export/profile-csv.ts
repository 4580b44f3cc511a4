import type { SegmentProfile } from '../profile/segment-profile';
import { csvText, tableCsv, type Cell } from './csv-writer';

/**
 * The profile file, one line per segment and feature: size, share, name, suggested action, mean and median in
 * original units, the overall mean, the standardised difference from the whole population and the Kruskal–Wallis p-value.
 * Categorical features get one line per level (`region=North`) with the segment's share of that level as its mean.
 */
export function profileCsv(profile: SegmentProfile, names: string[]): string {
	const head = ['segment', 'segment_name', 'size', 'share', 'action', 'feature', 'mean', 'median', 'overall_mean', 'overall_median', 'std_mean_difference', 'kruskal_wallis_p'];
	const rows: Cell[][] = [];
	const composition = new Map(profile.composition.map((c) => [c.feature, c]));
	profile.segments.forEach((seg, s) => {
		const lead = [s + 1, names[s] ?? '', seg.size, seg.share, profile.personas[s]?.action ?? ''];
		profile.features.forEach((f, j) => {
			const c = profile.numeric[j] ? undefined : composition.get(f);
			// A one-hot (categorical) feature has no mean: one line per level, its "mean" the segment's share of that
			// level (the mean of the level's 0/1 indicator), as the page's composition table shows it.
			if (c) c.levels.forEach((level, l) => rows.push([...lead, `${f}=${level}`, c.shares[s][l], null, null, null, null, null]));
			else rows.push([...lead, f, seg.mean[j], seg.median[j], profile.overall.mean[j], profile.overall.median[j], seg.smd[j], profile.tests[j].p]);
		});
	});
	return csvText(tableCsv(head, rows));
}

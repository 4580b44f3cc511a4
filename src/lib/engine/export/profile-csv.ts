import type { SegmentProfile } from '../profile/segment-profile';
import { csvText, tableCsv, type Cell } from './csv-writer';

/**
 * The profile file, one line per segment and feature: size, share, name, suggested action, mean and median in
 * original units, the overall mean, the standardised difference from the whole population and the Kruskal–Wallis p-value.
 */
export function profileCsv(profile: SegmentProfile, names: string[]): string {
	const head = ['segment', 'segment_name', 'size', 'share', 'action', 'feature', 'mean', 'median', 'overall_mean', 'overall_median', 'std_mean_difference', 'kruskal_wallis_p'];
	const rows: Cell[][] = [];
	profile.segments.forEach((seg, s) => {
		profile.features.forEach((f, j) => {
			rows.push([s + 1, names[s] ?? '', seg.size, seg.share, profile.personas[s]?.action ?? '', f, seg.mean[j], seg.median[j], profile.overall.mean[j], profile.overall.median[j], seg.smd[j], profile.tests[j].p]);
		});
	});
	return csvText(tableCsv(head, rows));
}

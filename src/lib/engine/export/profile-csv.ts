import type { SegmentProfile } from '../profile/segment-profile';
import { safeCell } from './csv-safe';

/**
 * The profile file, one line per segment and feature: size, share, name, suggested action, mean and median in
 * original units, the overall mean, the standardised difference from the whole population and the Kruskal–Wallis p-value.
 */
export function profileCsv(profile: SegmentProfile, names: string[]): string {
	const head = ['segment', 'segment_name', 'size', 'share', 'action', 'feature', 'mean', 'median', 'overall_mean', 'overall_median', 'std_mean_difference', 'kruskal_wallis_p'];
	const num = (v: number) => (Number.isFinite(v) ? String(v) : '');
	const lines = [head.join(',')];
	profile.segments.forEach((seg, s) => {
		profile.features.forEach((f, j) => {
			lines.push([
				String(s + 1), safeCell(names[s] ?? '', ','), String(seg.size), num(seg.share), profile.personas[s]?.action ?? '', safeCell(f, ','),
				num(seg.mean[j]), num(seg.median[j]), num(profile.overall.mean[j]), num(profile.overall.median[j]), num(seg.smd[j]), num(profile.tests[j].p)
			].join(','));
		});
	});
	return lines.join('\n') + '\n';
}

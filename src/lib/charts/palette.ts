/**
 * Segment colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable under the
 * common colour-vision deficiencies, extended with two Tol "muted" colours for k = 9, 10. Segment i has the same
 * colour in every view. Above 10 segments colours repeat, and views label segments by number too.
 */
export const SEGMENT_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#882255', '#999933'];

export function segmentColor(i: number): string {
	if (i < 0) return '#9ca3af';
	return SEGMENT_COLORS[i % SEGMENT_COLORS.length];
}

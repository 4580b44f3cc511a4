/**
 * Where the scatter's legend goes and how big it is, measured in the chart font: at the right of the plot, or
 * under it on a narrow figure (below 600 px). The legend's title (and colour ramp when colouring by a feature)
 * comes first, then one row per segment.
 */
import { shortLabel } from '../segment-label';
import { maxTextWidth, TYPE } from '../type-scale';

/** The first segment row's offset below the legend's corner: under the title, or under the colour ramp. */
export const legendTop = (ramp: boolean) => (ramp ? 190 : 22);

/** The legend's rows as drawn: the segment's short name and its size. */
export function legendLabels(sizes: number[], names: string[] | null): string[] {
	return sizes.map((s, i) => `${shortLabel(names, i, 19)} (${s.toLocaleString('en')})`);
}

/** Width of the legend: the longest row (swatch 18 px + text + gaps), at least 120 px. */
export function legendWidth(labels: string[]): number {
	return Math.ceil(Math.max(120, maxTextWidth(labels, TYPE.tick) + 18 + 6));
}

/** Height the legend takes under a narrow plot. */
export const legendBelowHeight = (ramp: boolean, k: number) => legendTop(ramp) + k * 20 + 8;

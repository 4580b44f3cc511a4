import { interpolateRdBu, scaleDiverging } from 'd3';

/**
 * The diverging palette for signed values in [−1, 1] (correlations): ColorBrewer RdBu (Brewer & Harrower,
 * colorbrewer2.org, marked colour-blind safe), reversed so positive is red and negative blue, white at 0.
 */
export const divergingColor = scaleDiverging<string>((t) => interpolateRdBu(1 - t)).domain([-1, 0, 1]).clamp(true);

/** Dark text on light cells, light text on dark ones. */
export function textOn(v: number): string {
	return Math.abs(v) > 0.6 ? '#ffffff' : '#111827';
}

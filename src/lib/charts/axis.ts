import type { ScaleLinear } from 'd3';
import { maxTextWidth, TYPE } from './type-scale';

/**
 * Axis geometry every chart with axes shares (Axes.svelte draws it): tick labels sit TICK_PAD from the plot, the
 * y title sits TITLE_GAP beyond the widest y tick label (measured, so the two never overlap), the x title under
 * the x tick labels. A chart computes its margins with these before it lays out its plot.
 */
export const TICK_PAD = 6;
export const TITLE_GAP = 8;
/** Room from the view's edge to the y title's baseline side: the title's line height. */
const TITLE_LINE = TYPE.label + 3;

export interface YTicks {
	values: number[];
	labels: string[];
	/** Width of the widest label, px. */
	width: number;
}

export function yTicks(y: ScaleLinear<number, number>, count = 5, format: ((v: number) => string) | null = null): YTicks {
	const values = y.ticks(count);
	const fmt = format ?? y.tickFormat(count);
	const labels = values.map(fmt);
	return { values, labels, width: Math.ceil(maxTextWidth(labels, TYPE.tick)) };
}

/** Left margin for y tick labels `tickWidth` wide and, with `title`, a rotated y title beyond them. */
export function leftMargin(tickWidth: number, title = true): number {
	return Math.ceil(4 + (title ? TITLE_LINE + TITLE_GAP : 0) + tickWidth + TICK_PAD);
}

/** Bottom margin for x tick labels and, with `title`, an x title under them. */
export function bottomMargin(ticks = true, title = true): number {
	return 4 + (ticks ? TICK_PAD + TYPE.tick + 4 : 0) + (title ? TYPE.label + 6 : 0);
}

/** x (centre line) of the rotated y title for a plot whose left edge is `left`. */
export function yTitleX(left: number, tickWidth: number): number {
	// Rotated -90°, the title's ascenders point left and its baseline is its right side: the baseline sits
	// TITLE_GAP beyond the widest tick label.
	return left - TICK_PAD - tickWidth - TITLE_GAP;
}

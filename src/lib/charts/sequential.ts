/**
 * The sequential scale for "Colour by feature": viridis (perceptually uniform, readable in greyscale and under
 * the common colour-vision deficiencies) as 256 valid #rrggbb colours. d3's interpolateViridis returns hex
 * strings already; reading them as "rgb(r, g, b)" text (as an earlier version did) gave malformed colours like
 * "#48a60000".
 */
import { interpolateViridis, rgb } from 'd3';

export const SEQUENTIAL_STEPS = 256;

function hex(c: string): string {
	const { r, g, b } = rgb(c);
	const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
	return `#${byte(r)}${byte(g)}${byte(b)}`;
}

/** SEQUENTIAL_STEPS colours from the low end (dark purple) to the high end (yellow). */
export const SEQUENTIAL: readonly string[] = Array.from({ length: SEQUENTIAL_STEPS }, (_, t) => hex(interpolateViridis(t / (SEQUENTIAL_STEPS - 1))));

/** The colour of value v on [lo, hi] (clamped); NaN gives null (drawn grey: missing). */
export function sequentialIndex(v: number, lo: number, hi: number): number | null {
	if (Number.isNaN(v)) return null;
	const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
	return Math.max(0, Math.min(SEQUENTIAL_STEPS - 1, Math.round(t * (SEQUENTIAL_STEPS - 1))));
}

/** Stops for the legend's continuous gradient (offset 0 = low). */
export function legendStops(count = 11): { offset: number; color: string }[] {
	return Array.from({ length: count }, (_, i) => {
		const offset = i / (count - 1);
		return { offset, color: SEQUENTIAL[Math.round(offset * (SEQUENTIAL_STEPS - 1))] };
	});
}

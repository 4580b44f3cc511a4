/**
 * How every chart, legend and tooltip names segment i: its name (automatic or typed) after its number, so the same
 * words appear in the cards, the table, the charts and the exports. Without names: "Segment 3".
 */
export function segmentLabel(names: readonly string[] | null | undefined, i: number): string {
	const name = names?.[i]?.trim();
	return !name || name === `Segment ${i + 1}` ? `Segment ${i + 1}` : `${i + 1}. ${name}`;
}

/** The same label cut to at most `max` characters (axis labels with little room; the full one goes in a tooltip). */
export function shortLabel(names: readonly string[] | null | undefined, i: number, max: number): string {
	const l = segmentLabel(names, i);
	return l.length <= max ? l : `${l.slice(0, max - 1).trimEnd()}…`;
}

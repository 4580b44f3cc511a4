/**
 * The one type scale of every chart, in CSS pixels (charts are drawn one SVG unit to one CSS pixel, so these are
 * the sizes on screen and in the SVG and PNG downloads): tick labels and values 11, axis titles and labels 12,
 * chart titles 13. charts.css gives the same numbers to the classes; `textWidth` measures a label before it is
 * drawn, so margins are made to fit the labels instead of the labels to the margins.
 */
export const TYPE = { tick: 11, label: 12, title: 13 } as const;

/** The chart font, the same on screen and in downloads (the exporter inlines it; Liberation Sans on Linux). */
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif";

let ctx: CanvasRenderingContext2D | null | undefined;

/** Width in px of `text` in the chart font; a 0.6 em per character estimate where there is no canvas (prerender). */
export function textWidth(text: string, size: number = TYPE.tick, weight: number = 400): number {
	if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
	if (!ctx) return text.length * size * 0.6;
	ctx.font = `${weight} ${size}px ${CHART_FONT}`;
	return ctx.measureText(text).width;
}

/** The widest of `texts`, 0 for none. */
export function maxTextWidth(texts: string[], size: number = TYPE.tick, weight: number = 400): number {
	let w = 0;
	for (const t of texts) w = Math.max(w, textWidth(t, size, weight));
	return w;
}

/** `text` cut with an ellipsis to fit `width` px (whole when it fits). */
export function fitText(text: string, width: number, size: number = TYPE.tick, weight: number = 400): string {
	if (textWidth(text, size, weight) <= width) return text;
	let lo = 0, hi = text.length;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (textWidth(text.slice(0, mid) + '…', size, weight) <= width) lo = mid;
		else hi = mid - 1;
	}
	return text.slice(0, lo) + '…';
}

/** Words of `text` broken into lines no wider than `width` px. */
export function wrapText(text: string, width: number, size: number = TYPE.title, weight: number = 600): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const next = line ? `${line} ${word}` : word;
		if (line && textWidth(next, size, weight) > width) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	if (line) lines.push(line);
	return lines;
}

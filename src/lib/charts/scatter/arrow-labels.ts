/**
 * Where each biplot arrow's label goes: beside its tip, moved inside the frame when it would run past it (and be
 * clipped), then moved down (or up) a line at a time while it overlaps a label already placed — arrows of
 * correlated features end close together, and their names had been printed over each other.
 */
import { textWidth, TYPE } from '../type-scale';

export interface ArrowLabel {
	x: number;
	y: number;
	anchor: 'start' | 'end';
}

/** tips: each arrow's tip in SVG units; origin: the data origin in SVG units; plot: the frame. */
export function arrowLabels(
	names: string[],
	tips: [number, number][],
	origin: [number, number],
	plot: { left: number; top: number; width: number; height: number }
): ArrowLabel[] {
	const LINE = TYPE.tick + 2;
	const placed: { x0: number; x1: number; y: number }[] = [];
	const top = plot.top + LINE, bottom = plot.top + plot.height - 2;
	const clash = (x0: number, x1: number, y: number) => placed.some((p) => x0 < p.x1 && p.x0 < x1 && Math.abs(p.y - y) < LINE);
	const order = names.map((_, i) => i).sort((a, b) => tips[a][1] - tips[b][1]);
	const out = new Array<ArrowLabel>(names.length);
	for (const i of order) {
		const [tx, ty] = tips[i];
		const right = tx >= origin[0];
		const w = textWidth(names[i], TYPE.tick, 600);
		const x = right ? Math.min(tx + 4, plot.left + plot.width - 2 - w) : Math.max(tx - 4, plot.left + 2 + w);
		const [x0, x1] = right ? [x, x + w] : [x - w, x];
		const below = ty >= origin[1];
		const y0 = ty + (below ? 11 : -4);
		// The nearest free line: away from the origin first, then towards it, up to 12 lines either way.
		let y = Math.max(top, Math.min(bottom, y0));
		for (let step = 1; step <= 24 && clash(x0, x1, y); step++) {
			const dir = (step % 2 === 1) === below ? 1 : -1;
			const next = y0 + dir * Math.ceil(step / 2) * LINE;
			if (next >= top && next <= bottom) y = next;
		}
		placed.push({ x0, x1, y });
		out[i] = { x, y, anchor: right ? 'start' : 'end' };
	}
	return out;
}

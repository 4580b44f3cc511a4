/**
 * What the chart test measures in the page, shared by tests/e2e/charts.test.ts and scripts/chart-screenshots.ts:
 * for every chart on screen (an SVG with an img or group role), the size its text is drawn at (computed font size
 * times the SVG's scale on screen), text elements whose drawn boxes overlap (each box is the text's own bounding
 * box turned by its transform, so rotated labels are compared as the slanted boxes they are), and text that runs
 * past the SVG's edge. Runs inside the page (page.evaluate).
 */
import type { Page } from 'playwright-core';
import { evaluateWithGeometry, type Point } from './text-geometry';

export interface ChartAudit {
	/** The chart's accessible name (its <title>). */
	name: string;
	/** Text drawn under 11 px: "label (size px)". */
	small: string[];
	/** Pairs of text elements that overlap: "a | b". */
	overlaps: string[];
	/** Text that runs past the SVG's edge (is clipped): "label (side)". */
	clipped: string[];
	/** Smallest and largest drawn text size, px. */
	min: number;
	max: number;
	texts: number;
}

export function auditCharts(page: Page): Promise<ChartAudit[]> {
	return evaluateWithGeometry(page, (g) => {
		const { quad, shrink, intersect } = g;
		type P = Point;
		const visible = (el: Element) => {
			const cs = getComputedStyle(el);
			return cs.display !== 'none' && cs.visibility !== 'hidden' && Number(cs.opacity) > 0;
		};
		const svgs = [...document.querySelectorAll('svg[role="img"], svg[role="group"]')].filter(
			(s): s is SVGSVGElement => s instanceof SVGSVGElement && s.getBoundingClientRect().width > 0 && s.querySelector('text') !== null
		);
		return svgs.map((svg) => {
			const name = svg.querySelector(':scope > title')?.textContent?.trim() ?? '(no title)';
			const box = svg.getBoundingClientRect();
			const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '' && visible(t) && t.getBoundingClientRect().width > 0);
			const small: string[] = [], overlaps: string[] = [], clipped: string[] = [];
			let min = Infinity, max = 0;
			const quads: { label: string; q: P[] }[] = [];
			for (const t of texts) {
				const label = (t.textContent ?? '').trim().slice(0, 40);
				const m = t.getScreenCTM();
				// The drawn size: the font size in user units times the scale of the text's vertical axis on screen.
				const size = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.c, m.d) : 1);
				min = Math.min(min, size);
				max = Math.max(max, size);
				if (size < 10.99) small.push(`${label} (${size.toFixed(1)} px)`);
				const q = quad(t);
				if (!q) continue;
				quads.push({ label, q: shrink(q, 1) });
				const xs = q.map((p) => p[0]), ys = q.map((p) => p[1]);
				const sides = [
					Math.min(...xs) < box.left - 1 ? 'left' : '',
					Math.max(...xs) > box.right + 1 ? 'right' : '',
					Math.min(...ys) < box.top - 1 ? 'top' : '',
					Math.max(...ys) > box.bottom + 1 ? 'bottom' : ''
				].filter(Boolean);
				if (sides.length) clipped.push(`${label} (${sides.join(', ')})`);
			}
			for (let i = 0; i < quads.length; i++) {
				for (let j = i + 1; j < quads.length; j++) {
					if (intersect(quads[i].q, quads[j].q)) overlaps.push(`${quads[i].label} | ${quads[j].label}`);
				}
			}
			return { name, small, overlaps, clipped, min: Number.isFinite(min) ? min : 0, max, texts: texts.length };
		});
	});
}

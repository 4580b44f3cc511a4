/**
 * What the steps test measures on a whole page (issue 14, acceptance 1), run inside the page:
 * - overflow: the page is wider than the window (it scrolls sideways);
 * - overlaps: text drawn over other text — HTML text nodes (each line box from Range.getClientRects) and SVG
 *   `text` elements (their bounding box through their full transform, so a slanted label is the slanted box it
 *   is), each cut to what its scrolling or clipping ancestors let show; invisible and visually hidden text is
 *   left out, and the line boxes of one node or one SVG text are never compared with each other;
 * - clipped: an element that hides its overflow (not a scroll container) with text wider or taller than its
 *   box, unless it ends in an ellipsis and a title attribute carries the whole text; and SVG text that runs
 *   past the edge of its SVG.
 */
import type { Page } from 'playwright-core';
import { evaluateWithGeometry, type Point } from './text-geometry';

export interface PageAudit {
	overflow: number;
	overlaps: string[];
	clipped: string[];
	texts: number;
}

export function auditPage(page: Page): Promise<PageAudit> {
	return evaluateWithGeometry(page, (g) => {
		type P = Point;
		type Box = { id: number; label: string; q: P[] };
		const label = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 40);
		const { quad, shrink, intersect } = g;
		/** The part of the window an element's content can show in: cut by every ancestor that clips or scrolls. */
		const clipCache = new Map<Element, DOMRect | null>();
		const clipOf = (el: Element | null): DOMRect | null => {
			if (!el || el === document.documentElement) return new DOMRect(-1e6, -1e6, 2e6, 2e6);
			if (clipCache.has(el)) return clipCache.get(el)!;
			let r = clipOf(el.parentElement);
			const cs = getComputedStyle(el);
			if (r && el instanceof HTMLElement && (cs.overflowX !== 'visible' || cs.overflowY !== 'visible')) {
				const b = el.getBoundingClientRect();
				const x1 = Math.max(r.left, b.left), y1 = Math.max(r.top, b.top), x2 = Math.min(r.right, b.right), y2 = Math.min(r.bottom, b.bottom);
				r = x2 > x1 && y2 > y1 ? new DOMRect(x1, y1, x2 - x1, y2 - y1) : null;
			}
			clipCache.set(el, r);
			return r;
		};
		const hidden = (el: Element): boolean => {
			if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return true;
			// Visually hidden (a 1 px clipped box for screen readers only).
			for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
				const cs = getComputedStyle(e);
				if (cs.position === 'absolute' && (cs.clip === 'rect(0px, 0px, 0px, 0px)' || cs.clipPath === 'inset(50%)')) return true;
				const b = e.getBoundingClientRect();
				if (cs.overflow === 'hidden' && b.width <= 1 && b.height <= 1) return true;
			}
			return false;
		};
		const boxes: Box[] = [];
		const svgClipped: string[] = [];
		let id = 0;
		const cut = (q: P[], clip: DOMRect): P[] | null => {
			const xs = q.map((p) => p[0]), ys = q.map((p) => p[1]);
			const axis = xs[0] === xs[3] && ys[0] === ys[1];
			if (!axis) {
				// A turned box: kept whole when its centre shows, dropped when it is scrolled out of view.
				const cx = (q[0][0] + q[2][0]) / 2, cy = (q[0][1] + q[2][1]) / 2;
				return cx >= clip.left && cx <= clip.right && cy >= clip.top && cy <= clip.bottom ? q : null;
			}
			const x1 = Math.max(Math.min(...xs), clip.left), x2 = Math.min(Math.max(...xs), clip.right);
			const y1 = Math.max(Math.min(...ys), clip.top), y2 = Math.min(Math.max(...ys), clip.bottom);
			return x2 - x1 > 2 && y2 - y1 > 2 ? [[x1, y1], [x2, y1], [x2, y2], [x1, y2]] : null;
		};
		// SVG text: one box per text element, through its transform.
		for (const t of document.querySelectorAll('svg text')) {
			if (!(t instanceof SVGTextElement) || !(t.textContent ?? '').trim() || hidden(t)) continue;
			const drawn = quad(t);
			if (!drawn) continue;
			const whole = shrink(drawn, 1);
			// Text running past the edge of its SVG, which hides what lies outside it.
			const svg = t.ownerSVGElement;
			if (svg && getComputedStyle(svg).overflow !== 'visible') {
				const sb = svg.getBoundingClientRect();
				if (whole.some(([x, y]) => x < sb.left - 1 || x > sb.right + 1 || y < sb.top - 1 || y > sb.bottom + 1)) svgClipped.push(`${label(t.textContent ?? '')} (past the edge of its chart)`);
			}
			const clip = clipOf(svg?.parentElement ?? null);
			const q = clip && cut(whole, clip);
			if (q) boxes.push({ id: id++, label: label(t.textContent ?? ''), q });
		}
		// HTML text nodes: one box per line.
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
			acceptNode: (n) => {
				const p = n.parentElement;
				if (!p || !(n.textContent ?? '').trim()) return NodeFilter.FILTER_REJECT;
				if (p.closest('svg, script, style, option, select, textarea, noscript, template')) return NodeFilter.FILTER_REJECT;
				return NodeFilter.FILTER_ACCEPT;
			}
		});
		const range = document.createRange();
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const p = n.parentElement!;
			if (hidden(p)) continue;
			const clip = clipOf(p);
			if (!clip) continue;
			range.selectNodeContents(n);
			const nodeId = id++;
			for (const r of range.getClientRects()) {
				if (r.width < 1 || r.height < 1) continue;
				// Line boxes include the font's leading: 2 px off top and bottom, 0.5 px off the sides.
				const q = cut([[r.left + 0.5, r.top + 2], [r.right - 0.5, r.top + 2], [r.right - 0.5, r.bottom - 2], [r.left + 0.5, r.bottom - 2]], clip);
				if (q) boxes.push({ id: nodeId, label: label(n.textContent ?? ''), q });
			}
		}
		// Sweep along x so only boxes that share a column are compared.
		const span = boxes.map((b) => ({ b, x1: Math.min(...b.q.map((p) => p[0])), x2: Math.max(...b.q.map((p) => p[0])) })).sort((a, c) => a.x1 - c.x1);
		const overlaps = new Set<string>();
		for (let i = 0; i < span.length; i++) {
			for (let j = i + 1; j < span.length && span[j].x1 < span[i].x2; j++) {
				const a = span[i].b, c = span[j].b;
				if (a.id !== c.id && intersect(a.q, c.q)) overlaps.add(`${a.label} | ${c.label}`);
			}
		}
		// Clipped labels: hidden overflow that is not a scroll container.
		const clipped: string[] = [...svgClipped];
		for (const el of document.body.querySelectorAll('*')) {
			if (!(el instanceof HTMLElement) || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) continue;
			const cs = getComputedStyle(el);
			const hideX = cs.overflowX === 'hidden' || cs.overflowX === 'clip', hideY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
			if (!hideX && !hideY) continue;
			const text = (el.textContent ?? '').trim();
			if (!text || hidden(el) || el.clientWidth <= 1) continue;
			const over = (hideX && el.scrollWidth > el.clientWidth + 1) || (hideY && el.scrollHeight > el.clientHeight + 1);
			if (!over) continue;
			if (cs.textOverflow === 'ellipsis' && el.closest('[title]')?.getAttribute('title')?.trim() === text) continue;
			clipped.push(`${label(text)} (${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
		}
		return {
			overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			overlaps: [...overlaps],
			clipped,
			texts: boxes.length
		};
	});
}

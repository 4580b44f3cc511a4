/**
 * The geometry the page and chart audits (page-audit.ts, chart-audit.ts) share, run inside the page: the drawn box
 * of an SVG element through its full transform (a slanted label is the slanted quad it is), shrinking a quad
 * towards its centre, and the separating-axis test for two convex quads. `textGeometry` must stay
 * self-contained: it is sent to the page as source text.
 */
import type { Page } from 'playwright-core';

export type Point = [number, number];

export interface TextGeometry {
	/** Corners of an element's bounding box in screen px, through its full transform (null: no box). */
	quad(el: SVGGraphicsElement): Point[] | null;
	/** Shrinks a quad towards its centre by d px along both of its own axes (font boxes include blank leading). */
	shrink(q: Point[], d: number): Point[];
	/** Whether two convex quads overlap (touching edges do not). */
	intersect(p: Point[], q: Point[]): boolean;
}

export function textGeometry(): TextGeometry {
	type P = [number, number];
	return {
		quad(el) {
			const b = el.getBBox();
			const m = el.getScreenCTM();
			if (!m || b.width === 0 || b.height === 0) return null;
			const pt = (x: number, y: number): P => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
			return [pt(b.x, b.y), pt(b.x + b.width, b.y), pt(b.x + b.width, b.y + b.height), pt(b.x, b.y + b.height)];
		},
		shrink(q, d) {
			const cx = (q[0][0] + q[2][0]) / 2, cy = (q[0][1] + q[2][1]) / 2;
			const ux = q[1][0] - q[0][0], uy = q[1][1] - q[0][1], vx = q[3][0] - q[0][0], vy = q[3][1] - q[0][1];
			const lu = Math.hypot(ux, uy) || 1, lv = Math.hypot(vx, vy) || 1;
			const su = Math.max(0, lu / 2 - d) / (lu / 2), sv = Math.max(0, lv / 2 - d) / (lv / 2);
			return q.map(([x, y]) => {
				const dx = x - cx, dy = y - cy;
				const a = (dx * ux + dy * uy) / (lu * lu), b = (dx * vx + dy * vy) / (lv * lv);
				return [cx + a * ux * su + b * vx * sv, cy + a * uy * su + b * vy * sv] as P;
			});
		},
		intersect(p, q) {
			for (const poly of [p, q]) {
				for (let i = 0; i < 4; i++) {
					const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
					const nx = y2 - y1, ny = x1 - x2;
					let pmin = Infinity, pmax = -Infinity, qmin = Infinity, qmax = -Infinity;
					for (const [x, y] of p) (pmin = Math.min(pmin, nx * x + ny * y)), (pmax = Math.max(pmax, nx * x + ny * y));
					for (const [x, y] of q) (qmin = Math.min(qmin, nx * x + ny * y)), (qmax = Math.max(qmax, nx * x + ny * y));
					if (pmax <= qmin || qmax <= pmin) return false;
				}
			}
			return true;
		}
	};
}

/** Runs body in the page with the geometry at hand (body must be self-contained too: it is sent as source text). */
export function evaluateWithGeometry<R>(page: Page, body: (g: TextGeometry) => R): Promise<R> {
	return page.evaluate(`(${body.toString()})((${textGeometry.toString()})())`) as Promise<R>;
}

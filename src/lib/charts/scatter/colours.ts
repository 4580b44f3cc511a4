/**
 * The scatter's colours: per point for maps the main thread draws, per segment and per ramp step for the density
 * worker. By segment with the Okabe–Ito palette (palette.ts), or by a feature with viridis (sequential.ts);
 * points with no segment and missing values are grey; hidden segments are not drawn (colour 0).
 */
import { segmentColor } from '../palette';
import { SEQUENTIAL, sequentialIndex } from '../sequential';
import { abgr } from './renderer';
import type { DensityColours } from '../density/density-image';

const GREY = abgr('#c7c7c7');
const VIRIDIS = Uint32Array.from(SEQUENTIAL, abgr);

/** The smallest and largest value (null when there are none); a constant gets a range of 1. */
export function valueRangeOf(v: Float32Array | null): { lo: number; hi: number } | null {
	if (!v) return null;
	let lo = Infinity, hi = -Infinity;
	for (let i = 0; i < v.length; i++) {
		const a = v[i];
		if (a < lo) lo = a;
		if (a > hi) hi = a;
	}
	return Number.isFinite(lo) ? { lo, hi: hi > lo ? hi : lo + 1 } : null;
}

/** Per-point colour (0 = not drawn). */
export function pointColours(labels: Int32Array, n: number, k: number, hidden: boolean[], v: Float32Array | null, r: { lo: number; hi: number } | null): Uint32Array {
	const out = new Uint32Array(n);
	const seg = Array.from({ length: Math.max(k, 1) }, (_, s) => abgr(segmentColor(s)));
	for (let i = 0; i < n; i++) {
		const s = labels[i];
		if (s >= 0 && hidden[s]) continue;
		if (v && r) {
			const t = sequentialIndex(v[i], r.lo, r.hi);
			out[i] = t === null ? GREY : VIRIDIS[t];
		} else out[i] = s >= 0 ? seg[s] : GREY;
	}
	return out;
}

/** The same colouring for the density worker: one colour per segment (index k: no segment) and the ramp. */
export function densityColours(k: number, hidden: boolean[], v: Float32Array | null, r: { lo: number; hi: number } | null): DensityColours {
	const segment = new Uint32Array(k + 1);
	for (let s = 0; s < k; s++) segment[s] = abgr(segmentColor(s));
	segment[k] = GREY;
	return {
		segment,
		hidden: hiddenMask(k, hidden),
		byValue: !!(v && r),
		lo: r?.lo ?? 0,
		hi: r?.hi ?? 1,
		ramp: VIRIDIS,
		missing: GREY
	};
}

export function hiddenMask(k: number, hidden: boolean[]): Uint8Array {
	return Uint8Array.from({ length: k }, (_, s) => (hidden[s] ? 1 : 0));
}

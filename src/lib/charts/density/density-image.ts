/**
 * The picture of a large map for one view, made in a worker (density.worker.ts) from the projected coordinates:
 * pure typed-array code, no DOM. Every point is mapped to a device pixel of the canvas with the view's affine
 * map. Where few enough points fall inside the plot (fewer than POINTS_IN_VIEW: zoomed in far enough), each is
 * drawn as a 2–3 px square, as the main thread draws small maps. Otherwise the plot is binned one bin per
 * device pixel: a bin's colour is that of the segment with the most points in it (or, colouring by a feature,
 * the viridis colour of the feature's mean over the bin's points), and its opacity grows with the logarithm of
 * its count, so a single point stays visible and the densest pixel is opaque.
 */

/** Above this many points in the plot, the map is a density image; at or below, individual points. */
export const POINTS_IN_VIEW = 50_000;

export interface DensityView {
	/** Canvas size in device pixels. */
	pw: number;
	ph: number;
	/** Device pixel = a·value + b. */
	ax: number;
	bx: number;
	ay: number;
	by: number;
	/** The plot area in device pixels: only points inside it are drawn. */
	left: number;
	top: number;
	right: number;
	bottom: number;
	/** Square size for individual points (2, or 3 on a high-density screen). */
	dot: number;
}

export interface DensityColours {
	/** ABGR colour of segment s (index k: points with no segment, label −1). */
	segment: Uint32Array;
	/** 1 where segment s is hidden. */
	hidden: Uint8Array;
	/** Colour by the mean per bin of the values sent with the points instead of by segment. */
	byValue: boolean;
	lo: number;
	hi: number;
	/** ABGR colours of the sequential scale, low to high. */
	ramp: Uint32Array;
	/** ABGR colour of missing values. */
	missing: number;
}

export interface DensityPicture {
	/** RGBA pixels, pw × ph. */
	pixels: Uint8ClampedArray<ArrayBuffer>;
	/** Points inside the plot (hidden segments left out). */
	visible: number;
	/** Whether individual points were drawn (else a density image). */
	points: boolean;
}

/**
 * Working arrays kept between pictures (a pan asks for one every frame or two): a million-row map would
 * otherwise allocate and collect about 15 MB per picture. `zero` clears the part handed out.
 */
const kept = new Map<string, Uint32Array | Int32Array | Uint16Array>();
function scratch<T extends Uint32Array | Int32Array | Uint16Array>(name: string, make: (n: number) => T, size: number, zero: boolean): T {
	let a = kept.get(name) as T | undefined;
	if (!a || a.length < size) kept.set(name, (a = make(Math.max(size, Math.ceil((a?.length ?? 0) * 1.25)))));
	const view = a.subarray(0, size) as T;
	if (zero) view.fill(0);
	return view;
}

/** The segment of point i as a colour slot: s, or k for noise (−1). */
const slot = (s: number, k: number) => (s >= 0 && s < k ? s : k);

/** values: the feature coloured by (one per point), used when c.byValue. */
export function densityPicture(coords: Float32Array, labels: Int32Array, values: Float32Array | null, n: number, k: number, v: DensityView, c: DensityColours): DensityPicture {
	const vals = c.byValue ? values : null;
	const { pw, ph, ax, bx, ay, by } = v;
	const left = Math.max(0, v.left), top = Math.max(0, v.top), right = Math.min(pw, v.right), bottom = Math.min(ph, v.bottom);
	const bw = Math.max(0, right - left), bh = Math.max(0, bottom - top);
	// One pass: each visible point's bin (−1 outside the plot or hidden).
	const bin = scratch('bin', (m) => new Int32Array(m), n, false);
	let visible = 0;
	for (let i = 0; i < n; i++) {
		const s = labels[i];
		if (s >= 0 && s < k && c.hidden[s]) {
			bin[i] = -1;
			continue;
		}
		const px = Math.floor(ax * coords[2 * i] + bx), py = Math.floor(ay * coords[2 * i + 1] + by);
		if (px < left || px >= right || py < top || py >= bottom) {
			bin[i] = -1;
			continue;
		}
		bin[i] = (py - top) * bw + (px - left);
		visible++;
	}
	const pixels = new Uint8ClampedArray(pw * ph * 4);
	const out = new Uint32Array(pixels.buffer);
	if (visible <= POINTS_IN_VIEW) {
		drawPoints(out, bin, labels, vals, n, k, v, c, left, top, bw);
		return { pixels, visible, points: true };
	}
	const bins = bw * bh;
	const count = scratch('count', (m) => new Uint32Array(m), bins, true);
	for (let i = 0; i < n; i++) if (bin[i] >= 0) count[bin[i]]++;
	let max = 0;
	for (let b = 0; b < bins; b++) if (count[b] > max) max = count[b];
	const colour = vals ? meanColours(bin, vals, n, bins, c) : majorityColours(bin, labels, n, k, bins, c);
	const logMax = Math.log1p(max);
	for (let b = 0; b < bins; b++) {
		const cnt = count[b];
		if (!cnt) continue;
		const alpha = Math.round(255 * (0.3 + (0.7 * Math.log1p(cnt)) / logMax));
		const row = top + ((b / bw) | 0), col = left + (b % bw);
		out[row * pw + col] = (colour[b] & 0x00ffffff) | (alpha << 24);
	}
	return { pixels, visible, points: false };
}

/** Each bin's majority segment colour (ties: the lower segment number). */
function majorityColours(bin: Int32Array, labels: Int32Array, n: number, k: number, bins: number, c: DensityColours): Uint32Array {
	const slots = k + 1;
	// Saturating 16-bit counts per bin and segment: a bin with 65,535 points of two segments is a tie either way.
	const per = scratch('per', (m) => new Uint16Array(m), bins * slots, true);
	for (let i = 0; i < n; i++) {
		const b = bin[i];
		if (b < 0) continue;
		const o = b * slots + slot(labels[i], k);
		if (per[o] !== 0xffff) per[o]++;
	}
	const colour = scratch('colour', (m) => new Uint32Array(m), bins, true);
	for (let b = 0, o = 0; b < bins; b++, o += slots) {
		let best = -1, bestN = 0;
		for (let s = 0; s < slots; s++) if (per[o + s] > bestN) (bestN = per[o + s]), (best = s);
		if (best >= 0) colour[b] = c.segment[best];
	}
	return colour;
}

/** Each bin's colour on the sequential scale for the mean of its points' values (missing values left out). */
function meanColours(bin: Int32Array, vals: Float32Array, n: number, bins: number, c: DensityColours): Uint32Array {
	const sum = new Float64Array(bins), num = new Uint32Array(bins);
	for (let i = 0; i < n; i++) {
		const b = bin[i], a = vals[i];
		if (b < 0 || a !== a) continue;
		sum[b] += a;
		num[b]++;
	}
	const colour = new Uint32Array(bins);
	const steps = c.ramp.length - 1, span = c.hi > c.lo ? c.hi - c.lo : 0;
	for (let b = 0; b < bins; b++) {
		if (!num[b]) {
			colour[b] = c.missing;
			continue;
		}
		const t = span ? (sum[b] / num[b] - c.lo) / span : 0.5;
		colour[b] = c.ramp[Math.max(0, Math.min(steps, Math.round(t * steps)))];
	}
	return colour;
}

/** Individual points as squares, in row order (a later point covers an earlier one, as on the main thread). */
function drawPoints(out: Uint32Array, bin: Int32Array, labels: Int32Array, vals: Float32Array | null, n: number, k: number, v: DensityView, c: DensityColours, left: number, top: number, bw: number) {
	const { pw, dot } = v;
	const right = Math.min(pw, v.right), bottom = Math.min(v.ph, v.bottom);
	const steps = c.ramp.length - 1, span = c.hi > c.lo ? c.hi - c.lo : 0;
	for (let i = 0; i < n; i++) {
		const b = bin[i];
		if (b < 0) continue;
		let colour: number;
		if (vals) {
			const a = vals[i];
			colour = a !== a ? c.missing : c.ramp[Math.max(0, Math.min(steps, Math.round((span ? (a - c.lo) / span : 0.5) * steps)))];
		} else colour = c.segment[slot(labels[i], k)];
		const px = left + (b % bw), py = top + ((b / bw) | 0);
		const x1 = Math.min(right, px + dot), y1 = Math.min(bottom, py + dot);
		for (let y = py; y < y1; y++) for (let x = px, o = y * pw + px; x < x1; x++, o++) out[o] = colour;
	}
}

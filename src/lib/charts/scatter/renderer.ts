/**
 * The scatter's canvas renderer. The points (or, for a very large map, the density image made in a worker) are
 * drawn into an off-screen canvas (`cache`) over the whole canvas rather than only the plot area, then copied to
 * the visible canvas clipped to the plot. While a pan or zoom gesture is under way, a frame only copies that
 * bitmap moved and scaled by the change of zoom transform since it was drawn: one drawImage instead of a pass
 * over every point. The bitmap is drawn afresh once the gesture ends (or when the points change, e.g. a streamed
 * t-SNE frame, or when the density worker sends the image for a newer view).
 */
import type { ZoomTransform } from 'd3';
import type { GlPresenter } from './gl-presenter';

/** Pixel position = a·value + b on each axis, in device pixels. */
export interface Affine {
	ax: number;
	bx: number;
	ay: number;
	by: number;
}

/** The affine map of a d3 linear scale (domain → range) times the device pixel ratio. */
export function affineOf(xs: { domain(): number[]; range(): number[] }, ys: { domain(): number[]; range(): number[] }, dpr: number): Affine {
	const [d0, d1] = xs.domain(), [r0, r1] = xs.range();
	const [e0, e1] = ys.domain(), [q0, q1] = ys.range();
	const kx = (r1 - r0) / (d1 - d0), ky = (q1 - q0) / (e1 - e0);
	return { ax: kx * dpr, bx: (r0 - d0 * kx) * dpr, ay: ky * dpr, by: (q0 - e0 * ky) * dpr };
}

/** Little-endian ABGR for a Uint32 view of RGBA bytes. */
export function abgr(hex: string): number {
	const v = parseInt(hex.slice(1), 16);
	return ((255 << 24) | ((v & 0xff) << 16) | (v & 0xff00) | (v >> 16)) >>> 0;
}

/** The plot area in device pixels. */
export interface Clip {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

export class BitmapRenderer {
	private cache: HTMLCanvasElement | null = null;
	private image: ImageData | null = null;
	/** What present() draws: the cache canvas, or a bitmap the density worker made. */
	private source: HTMLCanvasElement | ImageBitmap | null = null;
	/** What the cached bitmap shows: the zoom transform it was drawn under and the inputs it was drawn from. */
	private cacheT: ZoomTransform | null = null;
	private cacheKey: readonly unknown[] = [];
	/** Set: pictures go to a WebGL2 texture and frames draw it (adopt and present only; paint needs canvas 2D). */
	gl: GlPresenter | null = null;
	private glSize: [number, number] | null = null;
	/** Full renders and bitmap moves so far (read by the browser tests through data attributes). */
	renders = 0;
	moves = 0;

	/** Whether the cached bitmap was drawn from these inputs at this canvas size. */
	holds(key: readonly unknown[]): boolean {
		return !!this.source && this.cacheKey.length === key.length && this.cacheKey.every((v, i) => v === key[i]);
	}

	private target(pw: number, ph: number): CanvasRenderingContext2D | null {
		if (!this.cache) this.cache = document.createElement('canvas');
		if (this.cache.width !== pw || this.cache.height !== ph) {
			this.cache.width = pw;
			this.cache.height = ph;
			this.image = null;
		}
		return this.cache.getContext('2d');
	}

	/** Draws a fresh bitmap for transform t with `paint`. */
	paint(pw: number, ph: number, t: ZoomTransform, key: readonly unknown[], paint: (ctx: CanvasRenderingContext2D, image: () => ImageData) => void) {
		const ctx = this.target(pw, ph);
		if (!ctx) return;
		paint(ctx, () => {
			if (!this.image || this.image.width !== pw || this.image.height !== ph) this.image = ctx.createImageData(pw, ph);
			return this.image;
		});
		this.show(this.cache!);
		this.cacheT = t;
		this.cacheKey = key;
		this.renders++;
	}

	private show(next: HTMLCanvasElement | ImageBitmap) {
		if (this.source && this.source !== next && !(this.source instanceof HTMLCanvasElement)) this.source.close();
		this.source = next;
	}

	/** Takes a bitmap made elsewhere (the density worker's picture, transferred) as drawn under transform t. */
	adopt(bitmap: ImageBitmap, t: ZoomTransform, key: readonly unknown[]) {
		if (this.gl) {
			this.gl.upload(bitmap);
			this.glSize = [bitmap.width, bitmap.height];
			bitmap.close();
		} else this.show(bitmap);
		this.cacheT = t;
		this.cacheKey = key;
		this.renders++;
	}

	/** The cached bitmap moved to transform t, clipped to the plot; `moved` counts it as a move, not a render. */
	present(canvas: HTMLCanvasElement, pw: number, ph: number, clip: Clip, t: ZoomTransform, dpr: number, moved: boolean) {
		if (canvas.width !== pw || canvas.height !== ph) {
			canvas.width = pw;
			canvas.height = ph;
		}
		if (this.gl) {
			const t0 = this.cacheT, size = this.glSize;
			const s = t0 ? t.k / t0.k : 1;
			if (t0 && size) this.gl.draw(pw, ph, clip, (t.x - s * t0.x) * dpr, (t.y - s * t0.y) * dpr, size[0] * s, size[1] * s, true);
			else this.gl.draw(pw, ph, clip, 0, 0, 0, 0, false);
		} else this.present2d(canvas, pw, ph, clip, t, dpr);
		if (moved) this.moves++;
		canvas.dataset.renders = String(this.renders);
		canvas.dataset.moves = String(this.moves);
	}

	private present2d(canvas: HTMLCanvasElement, pw: number, ph: number, clip: Clip, t: ZoomTransform, dpr: number) {
		const ctx = canvas.getContext('2d');
		if (!ctx) return;
		ctx.setTransform(1, 0, 0, 1, 0, 0);
		ctx.clearRect(0, 0, pw, ph);
		const src = this.source;
		if (src && this.cacheT) {
			// Screen position under transform t of a point drawn at s0 under the cache's t0: t.k/t0.k · (s0 − t0.x) + t.x.
			const t0 = this.cacheT;
			const s = t.k / t0.k;
			const ox = (t.x - s * t0.x) * dpr, oy = (t.y - s * t0.y) * dpr;
			ctx.save();
			ctx.beginPath();
			ctx.rect(clip.left, clip.top, clip.right - clip.left, clip.bottom - clip.top);
			ctx.clip();
			ctx.imageSmoothingEnabled = false;
			ctx.drawImage(src, ox, oy, src.width * s, src.height * s);
			ctx.restore();
		}
	}
}

/**
 * Every visible point (colour ≠ 0) painted on the main thread: 2–3 px squares in an ImageData buffer above
 * 3,000 points, circles (one path per colour) below.
 */
export function paintPoints(ctx: CanvasRenderingContext2D, image: () => ImageData, coords: Float32Array, col: Uint32Array, count: number, f: Affine, dpr: number) {
	const pw = ctx.canvas.width, ph = ctx.canvas.height;
	const { ax, bx, ay, by } = f;
	if (count > 3_000) {
		const img = image();
		const buf = new Uint32Array(img.data.buffer);
		buf.fill(0);
		const sz = dpr >= 2 ? 3 : 2;
		const maxX = pw - sz, maxY = ph - sz;
		for (let i = 0; i < count; i++) {
			const cc = col[i];
			if (cc === 0) continue;
			const px = (ax * coords[2 * i] + bx) | 0, py = (ay * coords[2 * i + 1] + by) | 0;
			if (px < 0 || py < 0 || px >= maxX || py >= maxY) continue;
			let o = py * pw + px;
			for (let a = 0; a < sz; a++, o += pw) for (let b = 0; b < sz; b++) buf[o + b] = cc;
		}
		ctx.putImageData(img, 0, 0);
		return;
	}
	ctx.setTransform(1, 0, 0, 1, 0, 0);
	ctx.clearRect(0, 0, pw, ph);
	const r = (count > 1_000 ? 2 : 3) * dpr;
	ctx.globalAlpha = count > 2_000 ? 0.65 : 0.85;
	// One path per colour.
	const groups = new Map<number, number[]>();
	for (let i = 0; i < count; i++) {
		const cc = col[i];
		if (cc === 0) continue;
		let g = groups.get(cc);
		if (!g) groups.set(cc, (g = []));
		g.push(i);
	}
	for (const [cc, idx] of groups) {
		ctx.fillStyle = `rgb(${cc & 0xff},${(cc >> 8) & 0xff},${(cc >> 16) & 0xff})`;
		ctx.beginPath();
		for (const i of idx) {
			const px = ax * coords[2 * i] + bx, py = ay * coords[2 * i + 1] + by;
			ctx.moveTo(px + r, py);
			ctx.arc(px, py, r, 0, 2 * Math.PI);
		}
		ctx.fill();
	}
	ctx.globalAlpha = 1;
}

/**
 * Frame timing for the map pan tests (projection.test.ts, map-million.test.ts): frame intervals measured in the
 * page with requestAnimationFrame, their summary, and the pointer paths of a pan and of its baseline (the same
 * motion beside the map, to tell the app's cost from a busy machine).
 */
import type { Page } from 'playwright-core';

/**
 * Starts recording frame intervals from the first animation frame after the call or, with `onPointerDown`, after
 * the pointer goes down on the page (frames dropped while the test process is still sending the press are not the pan's).
 */
export const startFrames = (page: Page, onPointerDown: boolean) =>
	page.evaluate((onPointerDown) => {
		const w = window as unknown as { __frames: number[]; __stop: boolean };
		w.__frames = [];
		w.__stop = false;
		const begin = () =>
			requestAnimationFrame((t0) => {
				let last = t0;
				const loop = (t: number) => {
					w.__frames.push(t - last);
					last = t;
					if (!w.__stop) requestAnimationFrame(loop);
				};
				requestAnimationFrame(loop);
			});
		if (onPointerDown) window.addEventListener('pointerdown', begin, { once: true, capture: true });
		else begin();
	}, onPointerDown);

/** Stops recording; the frame intervals, ms. */
export const stopFrames = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as { __frames: number[]; __stop: boolean };
		w.__stop = true;
		return w.__frames.slice();
	});

export interface FrameStats {
	n: number;
	median: number;
	p95: number;
	max: number;
	/** Index of the first frame of 33 ms or more (-1: none). */
	slowAt: number;
}

export function frameStats(frames: number[]): FrameStats {
	const f = [...frames].sort((a, b) => a - b);
	return { n: f.length, median: f[f.length >> 1] ?? NaN, p95: f[Math.floor(f.length * 0.95)] ?? NaN, max: f.at(-1) ?? NaN, slowAt: frames.findIndex((x) => x >= 33) };
}

export const showFrames = (s: FrameStats) =>
	`${s.n} frames, median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms${s.slowAt >= 0 ? ` (first slow frame: #${s.slowAt + 1})` : ''}`;

type Box = { x: number; y: number; width: number; height: number };

/** The baseline: 60 pointer moves above the map's right end, the button up. */
export async function moveBeside(page: Page, box: Box): Promise<void> {
	for (let s = 1; s <= 60; s++) await page.mouse.move(box.x + box.width * 0.9 + Math.sin(s / 8) * 20, box.y - 40 + Math.cos(s / 10) * 20);
}

/** A pan's path: 60 pointer moves around (cx, cy), mirrored on even attempts. */
export async function panPath(page: Page, cx: number, cy: number, attempt: number): Promise<void> {
	for (let s = 1; s <= 60; s++) await page.mouse.move(cx + Math.sin(s / 8) * 120 * (attempt % 2 ? 1 : -1), cy + Math.cos(s / 10) * 60 - 60);
}

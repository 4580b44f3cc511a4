/**
 * The Map step of a large result (above MAIN_THREAD_POINTS rows, drawn by the density worker) must not move when
 * its first picture arrives: the progress line with Cancel, shown until then, and the note left by a Cancel sit
 * in the map's own space, so the map figure keeps its place and size (within 1 px) from the moment it appears
 * until after the picture is on screen, at 1440 and 390 px wides, on first opening, on coming back to the step,
 * and after a Cancel and "Draw the map". The figure's box is recorded in the page on every animation frame
 * (document coordinates) and checked against Playwright's boundingBox() once the picture is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCustomers } from '../../bench/journey-data';
import { axe } from './axe';
import { timeCancelOnSight } from './cancel-timing';
import { gotoStep, launchApp, runAndWait, type App } from './harness';

const ROWS = 200_001;
const dir = mkdtempSync(join(tmpdir(), 'segment-lab-map-layout-'));
const FIGURE_NAME = /^Segments on principal components 1 and 2/;

interface Frame {
	x: number;
	y: number;
	w: number;
	h: number;
	progress: boolean;
	picture: boolean;
}

/** Starts recording the map figure's box (document coordinates) on every animation frame. */
function startRecording(app: App) {
	return app.page.evaluate(() => {
		const w = window as unknown as { __frames: Frame[]; __recording: boolean };
		w.__frames = [];
		w.__recording = true;
		// Read in the frame's ResizeObserver step (an observer made after the map's own, so after the map has taken
		// its measured width): the layout about to be painted, not one a task left half made between two frames.
		const tick = () =>
			requestAnimationFrame(() => {
				const ro = new ResizeObserver(() => {
					ro.disconnect();
					sample();
				});
				ro.observe(document.documentElement);
			});
		const sample = () => {
			const svg = [...document.querySelectorAll('svg[role="img"]')].find((s) => /^Segments on principal components/.test(s.querySelector('title')?.textContent ?? ''));
			const fig = svg?.closest('figure');
			if (fig) {
				const r = fig.getBoundingClientRect();
				const progress = [...document.querySelectorAll('[role="status"]')].some((e) => /Drawing the map/.test(e.textContent ?? ''));
				const canvas = fig.querySelector('canvas');
				w.__frames.push({ x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height, progress, picture: canvas?.dataset.visible !== undefined });
			}
			if (w.__recording) tick();
		};
		tick();
	});
}

/** Waits for the picture (and the rows' values: the Colour by choices) and a second more, stops recording, returns the frames. */
async function framesUntilPicture(app: App): Promise<Frame[]> {
	const { page } = app;
	await expect.poll(() => page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames.some((f) => f.picture)), { timeout: 60_000, interval: 50 }).toBe(true);
	await expect.poll(() => page.getByLabel('Colour by').locator('option').count(), { timeout: 60_000 }).toBeGreaterThan(1);
	await page.waitForTimeout(1000);
	return page.evaluate(() => {
		const w = window as unknown as { __frames: Frame[]; __recording: boolean };
		w.__recording = false;
		return w.__frames;
	});
}

/** The figure never moved or resized by more than 1 px from its first frame (shown with the progress line) to Playwright's box now. */
async function expectSteady(app: App, frames: Frame[], what: string) {
	const before = frames.filter((f) => f.progress && !f.picture);
	const after = frames.filter((f) => f.picture);
	const box = (await app.page.getByRole('figure', { name: FIGURE_NAME }).boundingBox())!;
	const scroll = await app.page.evaluate(() => ({ x: scrollX, y: scrollY }));
	const now = { x: box.x + scroll.x, y: box.y + scroll.y, w: box.width, h: box.height };
	const moved = frames.map((f) => Math.max(Math.abs(f.x - now.x), Math.abs(f.y - now.y), Math.abs(f.w - now.w), Math.abs(f.h - now.h)));
	console.log(`${what}: ${frames.length} frames (${before.length} with the progress line before the picture); figure at y = ${now.y.toFixed(1)}, ${now.w.toFixed(0)} × ${now.h.toFixed(0)} px; largest move ${Math.max(...moved).toFixed(1)} px`);
	const seen = new Map<string, number>();
	for (const f of frames) {
		const key = `y ${f.y.toFixed(1)} h ${f.h.toFixed(1)} w ${f.w.toFixed(1)} progress ${f.progress} picture ${f.picture}`;
		seen.set(key, (seen.get(key) ?? 0) + 1);
	}
	console.log([...seen].map(([k, n]) => `  ${n} × ${k}`).join('\n'));
	// The progress line was on show with the figure before the picture (otherwise this checked nothing).
	expect(before.length).toBeGreaterThan(0);
	expect(after.length).toBeGreaterThan(0);
	expect(Math.max(...moved)).toBeLessThanOrEqual(1);
}

describe(`the Map step of ${ROWS.toLocaleString('en')} rows keeps its place when the first picture arrives`, () => {
	let app: App;
	beforeAll(async () => {
		await writeCustomers(join(dir, 'customers.csv'), ROWS);
		app = await launchApp({ context: { viewport: { width: 1440, height: 900 } } });
		const { page } = app;
		await page.locator('input[type="file"]').first().setInputFiles(join(dir, 'customers.csv'));
		await page.getByText(`${ROWS.toLocaleString('en')} rows`).first().waitFor({ timeout: 60_000 });
		await gotoStep(page, 'Cluster');
		for (const [label, v] of [['Smallest k', '4'], ['Largest k', '4'], ['Restarts', '1']] as const) {
			await page.getByLabel(label, { exact: true }).fill(v);
			await page.getByLabel(label, { exact: true }).press('Tab');
		}
		await runAndWait(page);
	});
	afterAll(async () => {
		await app?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('at 1440 px: on first opening, and after a Cancel and "Draw the map"', async () => {
		const { page } = app;
		await startRecording(app);
		await gotoStep(page, 'Map');
		await expectSteady(app, await framesUntilPicture(app), '1440 px, first opening');

		// Back to the step: the map is drawn again; Cancel it while its progress line is on show, then draw it.
		// The page itself clicks Cancel in the first frame that shows the progress line (a click from the test runner
		// could come after a fast redraw had ended).
		await gotoStep(page, 'Cluster');
		await timeCancelOnSight(page, /Drawing the map/, /Draw the map/, () => gotoStep(page, 'Map'));
		const again = page.getByRole('button', { name: 'Draw the map' });
		await again.waitFor();
		await startRecording(app);
		await again.click();
		await expectSteady(app, await framesUntilPicture(app), '1440 px, Cancel then Draw the map');
		expect(await axe(page)).toEqual([]);
	});

	it('at 390 px: on coming back to the step', async () => {
		const { page } = app;
		await page.setViewportSize({ width: 390, height: 844 });
		await gotoStep(page, 'Cluster');
		await startRecording(app);
		await gotoStep(page, 'Map');
		await expectSteady(app, await framesUntilPicture(app), '390 px, coming back');
		expect(await axe(page)).toEqual([]);
	});
});

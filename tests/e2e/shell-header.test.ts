/**
 * The header that stays in view (the workspace summary: dataset, algorithm, k on show, state of the run, Undo,
 * Redo, Run) is short on a phone: at 390 × 844 after a demo run it takes at most 80 px (it took 137 px, four lines),
 * nothing in it is cut off or overlaps, every control in it keeps its label and is reached with Tab, and the
 * "Steps:" menu button still opens the steps (the harness's gotoStep goes through it at this width). At 1440 px it
 * shows the facts' names. axe-core must find nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from './axe';
import { demoRun, gotoStep, launchApp, type App } from './harness';

/** The height of the sticky box that holds the summary, and where its top is. */
function stickyBox(page: Page) {
	return page.getByRole('region', { name: 'Workspace summary' }).evaluate((el) => {
		let box: Element | null = el;
		while (box && getComputedStyle(box).position !== 'sticky') box = box.parentElement;
		const r = (box ?? el).getBoundingClientRect();
		return { top: r.top, height: r.height, sticky: !!box };
	});
}

/** The summary's controls: each one's accessible name and box, all inside the window and none overlapping another. */
async function controls(page: Page) {
	const region = page.getByRole('region', { name: 'Workspace summary' });
	const found = [
		region.getByRole('spinbutton', { name: 'Number of segments (k)', exact: true }),
		region.getByRole('button', { name: 'Undo', exact: true }),
		region.getByRole('button', { name: 'Redo', exact: true }),
		region.getByRole('button', { name: 'Run', exact: true })
	];
	const boxes = [];
	for (const c of found) {
		await expect(c.count()).resolves.toBe(1);
		boxes.push((await c.boundingBox())!);
	}
	return boxes;
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
	a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

describe('the sticky header', () => {
	let app: App;
	afterAll(async () => {
		await app?.close();
	});

	describe('on a phone (390 × 844)', () => {
		beforeAll(async () => {
			app = await launchApp({ context: { viewport: { width: 390, height: 844 } } });
			await demoRun(app.page, { max: 4 });
			await gotoStep(app.page, 'Segments');
		});

		it('takes at most 80 px, with every control labelled, whole, apart and reached by Tab', async () => {
			const { page } = app;
			const box = await stickyBox(page);
			console.log(`phone header: ${box.height.toFixed(1)} px`);
			expect(box.sticky).toBe(true);
			expect(box.height).toBeLessThanOrEqual(80);
			const boxes = await controls(page);
			for (const b of boxes) {
				expect(b.x).toBeGreaterThanOrEqual(0);
				expect(b.x + b.width).toBeLessThanOrEqual(390);
				// A touch target of at least 24 × 24 px (WCAG 2.5.8).
				expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(24);
			}
			for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j]), `controls ${i} and ${j} overlap`).toBe(false);

			// The facts are still there to read: the file, its size, the algorithm, the k and the state of the run.
			const region = page.getByRole('region', { name: 'Workspace summary' });
			await expect(region.textContent().then((t) => t?.replace(/\s+/g, ' '))).resolves.toMatch(/customers\.csv.*5,000 rows × 7 features.*k-means.*Up to date/s);

			// Keyboard: from the k field, Tab reaches Undo and Run (Redo is disabled with nothing to redo).
			await page.getByLabel('Number of segments (k)', { exact: true }).focus();
			const reached: string[] = [];
			for (let i = 0; i < 3; i++) {
				await page.keyboard.press('Tab');
				reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
			}
			expect(reached.slice(0, 2)).toEqual(['Undo', 'Run'].map((w) => expect.stringContaining(w)));
			expect(await axe(page)).toEqual([]);
		});

		it('stays at the top when the page scrolls, and the Steps menu still opens every step', async () => {
			const { page } = app;
			await page.mouse.wheel(0, 1500);
			await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
			const box = await stickyBox(page);
			expect(Math.abs(box.top)).toBeLessThanOrEqual(1);
			expect(box.height).toBeLessThanOrEqual(80);
			await gotoStep(page, 'Map');
			await gotoStep(page, 'How many');
			// The Undo button works from the header: the last change (k range) goes back.
			await page.getByRole('button', { name: 'Undo', exact: true }).click();
			await expect(page.getByRole('button', { name: 'Redo', exact: true, disabled: false }).count()).resolves.toBe(1);
		});
	});

	describe('on a wide window (1440 × 900)', () => {
		beforeAll(async () => {
			await app?.close();
			app = await launchApp({ context: { viewport: { width: 1440, height: 900 } } });
			await demoRun(app.page, { max: 4 });
		});

		it('names the facts and keeps to one line', async () => {
			const { page } = app;
			const region = page.getByRole('region', { name: 'Workspace summary' });
			// The names of the facts (dt), shown: wider than the 1 px of a visually hidden word.
			const terms = await region.locator('dt').evaluateAll((els) => els.map((e) => [e.textContent?.trim(), e.getBoundingClientRect().width > 1]));
			expect(terms).toEqual([['Dataset', true], ['Algorithm', true], ['Number of segments (k)', true], ['Run', true]]);
			await controls(page);
			const box = await stickyBox(page);
			console.log(`wide header: ${box.height.toFixed(1)} px`);
			expect(box.height).toBeLessThanOrEqual(80);
			expect(await axe(page)).toEqual([]);
		});
	});
});

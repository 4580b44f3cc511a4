/**
 * The Map step keeps what the user did when they visit another step and come back, for the same result: the
 * colour, the axes, the zoom (the scatter's tick labels), a segment hidden from the legend, the pointer mode, the
 * lasso and its comparison table. A new result puts the map back to its first view and says so (once), so a view
 * of a stale result is never shown. axe-core must find nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from './axe';
import { demoRun, gotoStep, launchApp, runAndWait, type App } from './harness';

const scatter = (page: Page, axes: string) => page.getByRole('img', { name: new RegExp(`^Segments on principal components ${axes}`) });
/** The scatter's texts: tick labels (which follow the zoom), axis titles and legend. */
const texts = (page: Page, axes: string) => scatter(page, axes).locator('text').allTextContents();
/** Its tick labels only (numbers): where the zoom is. */
const ticks = async (page: Page, axes: string) => (await texts(page, axes)).filter((t) => /^[-−]?[\d.]+(e[-+−]?\d+)?$/.test(t));
const legendKeys = (page: Page) => page.getByRole('button', { name: /^\d\. .+ \([\d,]+ rows\)$/ });
const RESET_NOTE = /back to its first view/;

describe('the Map step keeps its view between visits', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 1000 } } });
		await demoRun(app.page, { max: 4 });
		await gotoStep(app.page, 'Map');
	});
	afterAll(async () => {
		await app?.close();
	});

	it('keeps colour, axes, zoom, hidden segment, lasso and selection for the same result', async () => {
		const { page } = app;
		await scatter(page, '1 and 2').waitFor();
		await page.getByLabel('Colour by').selectOption('total_purchases');
		await page.getByLabel('Vertical axis').selectOption('PC3');
		await scatter(page, '1 and 3').waitFor();
		const unzoomed = await texts(page, '1 and 3');
		const map = page.getByRole('application', { name: /principal components 1 and 3/ });
		await map.focus();
		for (const key of ['+', '+', 'ArrowLeft', 'ArrowUp']) await page.keyboard.press(key);
		await expect.poll(() => texts(page, '1 and 3')).not.toEqual(unzoomed);
		const zoomed = await texts(page, '1 and 3');
		await page.keyboard.press('0');
		await expect.poll(() => texts(page, '1 and 3')).toEqual(unzoomed);
		await map.focus();
		for (const key of ['+', '+', 'ArrowLeft', 'ArrowUp']) await page.keyboard.press(key);
		await expect.poll(() => texts(page, '1 and 3')).toEqual(zoomed);

		const key2 = page.getByRole('button', { name: /^2\. .+ \([\d,]+ rows\)$/ });
		await key2.click();
		await expect(key2.getAttribute('aria-pressed')).resolves.toBe('false');

		await page.getByLabel('Lasso').check();
		await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		const box = (await map.boundingBox())!;
		const ex = box.x + box.width * 0.35, ey = box.y + box.height * 0.45, rx = box.width * 0.2, ry = box.height * 0.3;
		await page.mouse.move(ex + rx, ey);
		await page.mouse.down();
		for (let a = 1; a <= 36; a++) await page.mouse.move(ex + rx * Math.cos((a / 36) * 2 * Math.PI), ey + ry * Math.sin((a / 36) * 2 * Math.PI));
		await page.mouse.up();
		const table = page.getByRole('table', { name: /^Lasso selection/ });
		await table.waitFor();
		const caption = (await table.locator('caption').textContent())!;
		console.log(`before leaving: ${caption}`);
		expect(caption).toMatch(/^Lasso selection: [1-9][\d,]* rows against the other/);

		await gotoStep(page, 'Segments');
		await gotoStep(page, 'Map');
		await scatter(page, '1 and 3').waitFor();
		await expect(page.getByLabel('Colour by').inputValue()).resolves.toBe('total_purchases');
		await expect(page.getByLabel('Horizontal axis').inputValue()).resolves.toBe('0');
		await expect(page.getByLabel('Vertical axis').inputValue()).resolves.toBe('2');
		await expect.poll(() => texts(page, '1 and 3')).toEqual(zoomed);
		await expect(page.getByRole('button', { name: /^2\. .+ \([\d,]+ rows\)$/ }).getAttribute('aria-pressed')).resolves.toBe('false');
		await expect(page.getByLabel('Lasso').isChecked()).resolves.toBe(true);
		await page.getByRole('table', { name: /^Lasso selection/ }).waitFor();
		expect(await page.getByRole('table', { name: /^Lasso selection/ }).locator('caption').textContent()).toBe(caption);
		// The lasso's outline is drawn again where it was.
		await expect(scatter(page, '1 and 3').locator('path[data-polygon]').count()).resolves.toBe(1);
		await expect(page.getByRole('status').filter({ hasText: RESET_NOTE }).count()).resolves.toBe(0);
		expect(await axe(page)).toEqual([]);
	});

	it('keeps colour and zoom for another k of the same result, dropping the segment picked and the hidden one', async () => {
		const { page } = app;
		const zoomed = await ticks(page, '1 and 3');
		const pick = page.getByLabel('Compare a segment with the rest');
		// Segment 1 (segment 2 is hidden from the legend, so it has no points on show to compare).
		await pick.selectOption('0');
		await page.getByRole('table', { name: /^1\. [^:]+:/ }).waitFor();
		await page.getByLabel('Number of segments (k)', { exact: true }).fill('3');
		await page.getByLabel('Number of segments (k)', { exact: true }).press('Tab');
		await expect.poll(() => legendKeys(page).count()).toBe(3);
		await expect(page.getByRole('table', { name: /^1\. [^:]+:/ }).count()).resolves.toBe(0);
		await expect(pick.inputValue()).resolves.toBe('');
		for (const b of await legendKeys(page).all()) await expect(b.getAttribute('aria-pressed')).resolves.toBe('true');
		await expect(page.getByLabel('Colour by').inputValue()).resolves.toBe('total_purchases');
		expect(await ticks(page, '1 and 3')).toEqual(zoomed);
		// The same after a visit elsewhere.
		await gotoStep(page, 'Export');
		await gotoStep(page, 'Map');
		await scatter(page, '1 and 3').waitFor();
		await expect.poll(() => ticks(page, '1 and 3')).toEqual(zoomed);
		await expect(legendKeys(page).count()).resolves.toBe(3);
		await expect(page.getByLabel('Compare a segment with the rest').inputValue()).resolves.toBe('');
	});

	it('keeps a finished t-SNE map; one still running when the user leaves stops and says so', async () => {
		const { page } = app;
		await page.getByRole('radio', { name: 't-SNE' }).check();
		await page.getByRole('button', { name: 'Compute t-SNE' }).click();
		const finished = page.getByRole('status').filter({ hasText: /t-SNE finished after [\d,]+ iterations/ });
		await finished.waitFor({ timeout: 120_000 });
		const said = (await finished.textContent())!;
		await page.getByRole('img', { name: /in a t-SNE map/ }).waitFor();
		await gotoStep(page, 'Segments');
		await gotoStep(page, 'Map');
		await expect(page.getByRole('radio', { name: 't-SNE' }).isChecked()).resolves.toBe(true);
		await expect(finished.textContent()).resolves.toBe(said);
		await page.getByRole('img', { name: /in a t-SNE map/ }).waitFor();
		await expect(page.getByRole('button', { name: 'Compute again' }).count()).resolves.toBe(1);

		await page.getByRole('radio', { name: 'UMAP' }).check();
		await page.getByRole('button', { name: 'Compute UMAP' }).click();
		await page.getByRole('button', { name: 'Cancel UMAP' }).waitFor();
		await gotoStep(page, 'Segments');
		await gotoStep(page, 'Map');
		await page.getByRole('status').filter({ hasText: /The UMAP map stopped when you left the Map step/ }).waitFor();
		await expect(page.getByRole('button', { name: 'Compute UMAP' }).count()).resolves.toBe(1);
		await expect(page.getByRole('img', { name: /in a UMAP map/ }).count()).resolves.toBe(0);
		expect(await axe(page)).toEqual([]);
	});

	it('puts the map back to its first view for a new result, and says so once', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Largest k', { exact: true }).fill('3');
		await page.getByLabel('Largest k', { exact: true }).press('Tab');
		await runAndWait(page);
		await gotoStep(page, 'Map');
		await page.getByRole('status').filter({ hasText: RESET_NOTE }).waitFor();
		await scatter(page, '1 and 2').waitFor();
		await expect(page.getByLabel('Colour by').inputValue()).resolves.toBe('');
		await expect(page.getByLabel('Vertical axis').inputValue()).resolves.toBe('1');
		await expect(page.getByLabel('Pan and zoom').isChecked()).resolves.toBe(true);
		await expect(page.getByRole('table', { name: /^Lasso selection/ }).count()).resolves.toBe(0);
		await expect(scatter(page, '1 and 2').locator('path[data-polygon]').count()).resolves.toBe(0);
		for (const b of await page.getByRole('button', { name: /^\d\. .+ \([\d,]+ rows\)$/ }).all()) await expect(b.getAttribute('aria-pressed')).resolves.toBe('true');
		// Not zoomed: Reset zoom changes nothing.
		const shown = await texts(page, '1 and 2');
		await page.getByRole('button', { name: 'Reset zoom' }).click();
		await page.waitForTimeout(200);
		expect(await texts(page, '1 and 2')).toEqual(shown);
		expect(await axe(page)).toEqual([]);

		// Said once: gone on the next visit.
		await gotoStep(page, 'Segments');
		await gotoStep(page, 'Map');
		await scatter(page, '1 and 2').waitFor();
		await expect(page.getByRole('status').filter({ hasText: RESET_NOTE }).count()).resolves.toBe(0);
	});
});

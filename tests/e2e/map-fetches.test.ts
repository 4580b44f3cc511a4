/**
 * The Map step fetches its rows' ids and values from the engine worker once per result (at 1,000,000 rows a fetch
 * cost the page 127–145 MB for a moment): not again on another visit, another k or an axis change of the same
 * result, and once more for a new result. The calls are counted as they leave the page (Comlink's messages to the
 * workers), so the test sees what the page does, not what it says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoRun, gotoStep, launchApp, runAndWait, type App } from './harness';

const scatter = (page: Page, axes: string) => page.getByRole('img', { name: new RegExp(`^Segments on principal components ${axes}`) });
const fetches = (page: Page) => page.evaluate(() => (window as unknown as { __projectionFetches: number }).__projectionFetches);

describe('the Map step fetches its rows once per result', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 1000 } } });
		await app.context.addInitScript(() => {
			const w = window as unknown as { __projectionFetches: number };
			w.__projectionFetches = 0;
			const post = Worker.prototype.postMessage;
			Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
				const path = (message as { path?: unknown } | null)?.path;
				if (Array.isArray(path) && path.includes('projectionInput')) w.__projectionFetches++;
				return (post as (...a: unknown[]) => void).call(this, message, ...rest);
			} as typeof Worker.prototype.postMessage;
		});
		await app.page.reload();
		await app.page.locator('main[data-hydrated="true"]').waitFor({ timeout: 30_000 });
		await demoRun(app.page, { max: 4 });
	});
	afterAll(async () => {
		await app?.close();
	});

	it('fetches once for the first visit and keeps the rows for the next visits, another k and other axes', async () => {
		const { page } = app;
		expect(await fetches(page)).toBe(0);
		await gotoStep(page, 'Map');
		await scatter(page, '1 and 2').waitFor();
		// The ids and values arrive: colour by a feature is offered.
		await expect.poll(async () => (await page.getByLabel('Colour by').locator('option').allTextContents()).includes('total_purchases')).toBe(true);
		expect(await fetches(page)).toBe(1);
		for (const step of ['Segments', 'Export', 'Cluster'] as const) {
			await gotoStep(page, step);
			await gotoStep(page, 'Map');
			await scatter(page, '1 and 2').waitFor();
		}
		// Kept: the colour choices are there at once, and nothing was fetched again.
		await page.getByLabel('Colour by').selectOption('total_purchases');
		await page.getByLabel('Vertical axis').selectOption('PC3');
		await scatter(page, '1 and 3').waitFor();
		await page.getByLabel('Number of segments (k)', { exact: true }).fill('3');
		await page.getByLabel('Number of segments (k)', { exact: true }).press('Tab');
		await page.waitForTimeout(300);
		console.log(`projection fetches after 4 visits, an axis and a k change: ${await fetches(page)}`);
		expect(await fetches(page)).toBe(1);
	});

	it('fetches again once for a new result, then keeps that one', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await runAndWait(page);
		expect(await fetches(page)).toBe(1);
		await gotoStep(page, 'Map');
		await scatter(page, '1 and 2').waitFor();
		await expect.poll(() => fetches(page)).toBe(2);
		await expect.poll(async () => (await page.getByLabel('Colour by').locator('option').allTextContents()).includes('total_purchases')).toBe(true);
		await gotoStep(page, 'Segments');
		await gotoStep(page, 'Map');
		await scatter(page, '1 and 2').waitFor();
		await page.waitForTimeout(300);
		console.log(`projection fetches after a new result and two visits: ${await fetches(page)}`);
		expect(await fetches(page)).toBe(2);
	});
});

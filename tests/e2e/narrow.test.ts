/**
 * On a 420 px wide window (a phone held upright) nothing pushes the page sideways: the workspace after a demo
 * run, every step of it, and the Learn page. Wide tables scroll inside their own box (.scroll);
 * anything else sticking out past the window's right edge is a layout fault, named in the failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, STEP_LABELS, type App } from './harness';

/** Elements whose right edge passes the window's, unless a scrolling (or clipping) box holds them. */
function sticking(app: App): Promise<string[]> {
	return app.page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const held = (e: Element) => {
			for (let p = e.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
			return false;
		};
		return [...document.querySelectorAll('body *')]
			.filter((e) => e.getBoundingClientRect().right > width + 1 && !held(e))
			.map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${String(e.getAttribute('class') ?? '').split(' ')[0]} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
	});
}

describe('a 420 px window', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 420, height: 900 } } });
	});
	afterAll(async () => {
		await app?.close();
	});

	it('the workspace, with the demo run, is no wider than the window on any step', async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 120_000 });
		for (const step of STEP_LABELS) {
			await gotoStep(page, step);
			await page.waitForTimeout(300);
			expect(await sticking(app), step).toEqual([]);
			await expect(page.evaluate(() => document.documentElement.scrollWidth), step).resolves.toBeLessThanOrEqual(420);
		}
	}, 120_000);

	it('the Learn page is no wider than the window, and shows the picture before the settings', async () => {
		const { page } = app;
		await page.goto(new URL('learn', app.url).href);
		await page.getByRole('heading', { name: 'Learn clustering, step by step' }).waitFor();
		expect(await sticking(app)).toEqual([]);
		const picture = (await page.getByRole('region', { name: 'Step-by-step view' }).boundingBox())!;
		const settings = (await page.getByRole('region', { name: 'Lesson settings' }).boundingBox())!;
		expect(picture.y).toBeLessThan(settings.y);
		expect(app.consoleErrors).toEqual([]);
	});
});

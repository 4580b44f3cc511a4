/**
 * Once the page has been opened, it works with no network at all: the service worker has cached every file of the
 * build. Here the site's server is stopped (nothing can be fetched any more, unlike an offline flag a service
 * worker's own fetches may ignore), the page is reloaded, and the whole flow runs — the demo data, a k-means
 * sweep in the engine worker, t-SNE in the projection worker (code loaded only when asked for), the Learn page —
 * with no error logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';

describe('offline, after the first visit', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('caches the build in a service worker that controls the page', async () => {
		const { page } = app;
		const state = await page.evaluate(async () => {
			const reg = await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
			// The worker claims the page from inside its activate handler, so 'controllerchange' can fire while its
			// state still reads 'activating'; the activate handler (which fills the cache) ends a moment later.
			const worker = reg.active;
			if (worker && worker.state !== 'activated') {
				await new Promise<void>((r) => worker.addEventListener('statechange', () => worker.state === 'activated' && r()));
			}
			const keys = await caches.keys();
			const cache = await caches.open(keys[0]);
			return { active: reg.active?.state, caches: keys, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
		});
		expect(state.active).toBe('activated');
		expect(state.caches).toHaveLength(1);
		expect(state.files).toEqual(expect.arrayContaining(['/', '/demo/customers.csv']));
		expect(state.files.some((f) => /engine\.worker-.*\.js$/.test(f))).toBe(true);
		expect(state.files.some((f) => /projection\.worker-.*\.js$/.test(f))).toBe(true);
	});

	it('reloads and runs the demo, a sweep, t-SNE and the Learn page with the server gone', async () => {
		const { page } = app;
		await app.stopServer();
		await expect(fetch(app.url)).rejects.toThrow();
		await page.reload();
		await page.locator('main[data-hydrated="true"]').waitFor({ timeout: 30_000 });
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 120_000 });
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe('6');
		await gotoStep(page, 'Map');
		await page.getByLabel('t-SNE').check();
		await page.getByRole('button', { name: 'Compute t-SNE' }).click();
		await page.getByText(/t-SNE: iteration \d+/).waitFor({ timeout: 60_000 });
		await page.goto(new URL('learn', app.url).href);
		await page.getByRole('heading', { name: 'Learn clustering, step by step' }).waitFor({ timeout: 30_000 });
		expect(app.consoleErrors).toEqual([]);
	});
});

/**
 * Learn mode in the built site: every algorithm steps forward and back exactly, a shared link reopens the same
 * state, touch adds points, the keyboard drives the lesson, and axe-core finds no accessibility violations.
 * Motion is reduced so every frame is drawn at once and two pictures of one state are pixel-identical.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gotoStep, launchApp, type App } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Everything a learner sees of one state: the picture (fingerprint and pixels), the counter and the numbers. */
async function snapshot(page: Page) {
	const picture = page.getByRole('img', { name: /points|principal components/ }).first();
	await page.locator('[data-animating="false"]').waitFor();
	return {
		frame: await picture.getAttribute('data-frame'),
		pixels: await page.locator('canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL()),
		counter: await page.getByRole('status').filter({ hasText: /^Step \d+ of \d+$/ }).textContent(),
		numbers: await page.getByRole('region', { name: 'Live numbers' }).textContent()
	};
}

async function open(page: Page, app: App, query: string) {
	await page.goto(`${app.url}learn?${query}`);
	await page.locator('main[data-hydrated="true"]').waitFor();
}

describe('Learn mode', () => {
	let app: App;

	beforeAll(async () => {
		app = await launchApp({ path: 'learn', context: { reducedMotion: 'reduce', hasTouch: true, viewport: { width: 1400, height: 1000 } } });
	});
	afterAll(async () => {
		await app?.close();
	});

	it('is linked from the workspace', async () => {
		const { page } = app;
		await page.goto(app.url);
		await page.locator('main[data-hydrated="true"]').waitFor();
		await page.getByRole('link', { name: /Learn mode/ }).click();
		await page.getByRole('heading', { name: 'Learn clustering, step by step' }).waitFor();
		await page.locator('main[data-hydrated="true"]').waitFor();
	});

	const cases: { alg: string; query: string; steps: number; number: RegExp }[] = [
		{ alg: 'k-means', query: 'shape=blobs&seed=3&alg=kmeans&k=4&init=random&step=0', steps: 1, number: /Inertia/ },
		{ alg: 'DBSCAN', query: 'shape=moons&seed=1&alg=dbscan&eps=0.1&minPts=5&step=0', steps: 3, number: /Points reached/ },
		{ alg: 'agglomerative', query: 'shape=blobs&seed=2&n=120&alg=agglo&linkage=ward&cut=3&step=0', steps: 3, number: /Clusters/ },
		{ alg: 'Gaussian mixture', query: 'shape=anisotropic&seed=1&alg=gmm&k=3&step=0', steps: 1, number: /Log-likelihood/ }
	];

	for (const c of cases) {
		it(`${c.alg}: stepping changes the picture and the numbers; step back restores the state exactly`, async () => {
			const { page } = app;
			await open(page, app, c.query);
			const states = [await snapshot(page)];
			expect(states[0].numbers).toMatch(c.number);
			for (let i = 0; i < c.steps + 2; i++) {
				await page.getByRole('button', { name: 'Step forward' }).click();
				states.push(await snapshot(page));
			}
			for (let i = 1; i < states.length; i++) {
				expect(states[i].frame).not.toBe(states[i - 1].frame);
				expect(states[i].pixels).not.toBe(states[i - 1].pixels);
				expect(states[i].counter).toBe(`Step ${i} of ${states[i].counter!.split(' of ')[1]}`);
				expect(states[i].numbers).not.toBe(states[i - 1].numbers);
			}
			for (let i = states.length - 2; i >= 0; i--) {
				await page.getByRole('button', { name: 'Step back' }).click();
				expect(await snapshot(page)).toEqual(states[i]);
			}
		});
	}

	it('a shared link reopens exactly the same state', async () => {
		const { page } = app;
		await open(page, app, 'shape=moons&seed=5&alg=kmeans&k=3&init=kmeans%2B%2B&step=0');
		await page.getByLabel('Clusters (k)').fill('2');
		for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
		const box = (await page.locator('canvas').boundingBox())!;
		await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.3);
		await page.getByRole('button', { name: 'Step forward' }).click();
		const before = await snapshot(page);
		await page.getByRole('button', { name: 'Copy link to this step' }).click();
		const link = await page.getByLabel('Link to this step').inputValue();
		expect(link).toContain('add=');
		expect(link).toContain('step=1');
		expect(new URL(page.url()).search).toBe(new URL(link).search);

		const other = await app.context.newPage();
		await other.goto(link);
		await other.locator('main[data-hydrated="true"]').waitFor();
		expect(await snapshot(other)).toEqual(before);
		await expect(other.getByLabel('Shape').inputValue()).resolves.toBe('moons');
		await other.close();
	});

	it('touch adds points', async () => {
		const { page } = app;
		await open(page, app, 'shape=rings&seed=1&alg=dbscan&eps=0.12&minPts=4&step=0');
		const picture = page.getByRole('img', { name: /points/ }).first();
		await expect(picture.getAttribute('aria-label')).resolves.toMatch(/300 points/);
		const box = (await page.locator('canvas').boundingBox())!;
		await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
		await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.4);
		await expect(picture.getAttribute('aria-label')).resolves.toMatch(/302 points/);
		await page.getByRole('button', { name: 'Remove 2 added points' }).waitFor();
	});

	it('keyboard: → steps, ← steps back, Space plays and pauses', async () => {
		const { page } = app;
		await open(page, app, 'shape=blobs&seed=1&alg=kmeans&k=4&init=kmeans%2B%2B&step=0');
		const counter = page.getByRole('status').filter({ hasText: /^Step \d+ of \d+$/ });
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(counter.textContent()).resolves.toMatch(/^Step 2 of/);
		await page.keyboard.press('ArrowLeft');
		await expect(counter.textContent()).resolves.toMatch(/^Step 1 of/);
		await page.keyboard.press('Space');
		await page.getByRole('button', { name: 'Pause' }).waitFor();
		await page.keyboard.press('Space');
		await page.getByRole('button', { name: 'Play' }).waitFor();
	});

	it('says so when asked for own data that is not loaded, and falls back to the toy shapes', async () => {
		const { page } = app;
		await open(page, app, 'data=own&alg=dbscan&eps=0.5&minPts=5&step=0');
		await page.getByText('There is no dataset loaded in this tab').waitFor();
		await page.getByLabel('Shape').waitFor();
	});

	it('steps k-means and DBSCAN on the workspace data, in its PCA plane, handed over in memory', async () => {
		const { page } = app;
		await page.goto(app.url);
		await page.locator('main[data-hydrated="true"]').waitFor();
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 120_000 });
		await gotoStep(page, 'Cluster');
		await page.getByRole('button', { name: 'Learn step by step with this data' }).click({ timeout: 120_000 });
		await page.getByText(/Distances are measured in all \d+ prepared features/).waitFor();
		expect(new URL(page.url()).searchParams.get('data')).toBe('own');
		const before = await snapshot(page);
		await page.getByRole('button', { name: 'Step forward' }).click();
		const after = await snapshot(page);
		expect(after.frame).not.toBe(before.frame);
		expect(after.numbers).toMatch(/Inertia/);
		await page.getByLabel('DBSCAN').check();
		await page.getByRole('button', { name: 'Step forward' }).click();
		await expect(snapshot(page)).resolves.toMatchObject({ numbers: expect.stringMatching(/Points reached/) });
		// Reloading loses the in-memory data on purpose: the page says so and offers the toy shapes.
		await page.reload();
		await page.getByText('There is no dataset loaded in this tab').waitFor();
	});

	it('passes axe-core with no violations, for every algorithm', async () => {
		const { page } = app;
		for (const q of ['alg=kmeans&step=2', 'alg=dbscan&step=5', 'alg=agglo&n=100&step=50', 'alg=gmm&step=3', 'alg=kmeans&init=manual']) {
			await open(page, app, `shape=blobs&seed=1&${q}`);
			await page.addScriptTag({ content: AXE });
			const result = await page.evaluate(async () => {
				const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
				const r = await axe.run(document);
				return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
			});
			expect(result, q).toEqual([]);
		}
		expect(app.consoleErrors).toEqual([]);
	});
});

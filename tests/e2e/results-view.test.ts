/**
 * The results views in the built site: the feature colour scale (legend stops and the drawn points read back as
 * valid viridis colours spanning the scale), segment names in the charts, and the out-of-date notice after each
 * kind of setting changes (features, preparation, algorithm, k range, seed, a loaded recipe), gone after Run.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEQUENTIAL } from '../../src/lib/charts/sequential';
import { gotoStep, launchApp, type App } from './harness';

describe('results views, in the built site', () => {
	let app: App;
	const dir = mkdtempSync(join(tmpdir(), 'results-view-'));
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 1000 } } });
		await app.page.getByRole('button', { name: 'Try the demo data' }).click();
		await app.page.getByRole('heading', { name: /Columns/ }).waitFor();
		await app.page.getByRole('button', { name: 'Run', exact: true }).click();
		await app.page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await gotoStep(app.page, 'Segments');
		await app.page.getByRole('heading', { name: 'Who the segments are' }).waitFor();
	});
	afterAll(async () => {
		await app?.close();
	});
	const notice = () => app.page.getByRole('status').filter({ hasText: /Settings changed since this run/ });

	it('colour by feature: the legend is a continuous viridis gradient, and the drawn points use its colours end to end', async () => {
		const { page } = app;
		await gotoStep(page, 'Map');
		await page.getByLabel('Colour by').selectOption('total_purchases');
		const scatter = page.getByRole('img', { name: /principal components 1 and 2/ });
		await scatter.scrollIntoViewIfNeeded();
		await page.waitForTimeout(300);
		const stops = await scatter.locator('linearGradient stop').evaluateAll((els) => els.map((e) => e.getAttribute('stop-color') ?? ''));
		expect(stops.length).toBeGreaterThanOrEqual(5);
		for (const c of stops) expect(c).toMatch(/^#[0-9a-f]{6}$/);
		expect(stops[0]).toBe(SEQUENTIAL[0]);
		expect(stops[stops.length - 1]).toBe(SEQUENTIAL[255]);
		// Every drawn point pixel: is it a scale colour, and which step?
		const pixels = await scatter.evaluate((svg) => {
			const canvas = svg.closest('figure')!.querySelector('canvas')!;
			const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
			const seen = new Map<string, number>();
			for (let i = 0; i < d.length; i += 4) {
				if (d[i + 3] < 255) continue;
				const hex = '#' + [d[i], d[i + 1], d[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('');
				if (hex === '#ffffff') continue;
				seen.set(hex, (seen.get(hex) ?? 0) + 1);
			}
			return [...seen];
		});
		const index = new Map(SEQUENTIAL.map((c, i) => [c, i]));
		let onScale = 0, total = 0, lo = 255, hi = 0;
		for (const [hex, n] of pixels) {
			total += n;
			const i = index.get(hex);
			if (i === undefined) continue;
			onScale += n;
			lo = Math.min(lo, i);
			hi = Math.max(hi, i);
		}
		console.log(`colour-by-feature pixels: ${total}, on the viridis scale ${onScale}, steps ${lo}..${hi}, distinct ${pixels.length}`);
		expect(total).toBeGreaterThan(1000);
		expect(onScale / total).toBeGreaterThan(0.9);
		expect(lo).toBeLessThanOrEqual(10);
		expect(hi).toBeGreaterThanOrEqual(245);
		if (process.env.SHOT) await scatter.screenshot({ path: '/tmp/colour-by-1440.png' });
		await page.getByLabel('Colour by').selectOption('');
	});

	it('segment names reach the scatter legend, the silhouette plot, the flow chart, the heatmap, the box plots and the segment table', async () => {
		const { page } = app;
		await gotoStep(page, 'Segments');
		const names = await page.getByRole('article', { name: /^Persona:/ }).getByRole('heading').allTextContents();
		expect(names.length).toBeGreaterThan(1);
		await gotoStep(page, 'Map');
		for (let i = 0; i < names.length; i++) {
			await expect(page.getByRole('button', { name: new RegExp(`^${i + 1}\\. ${names[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) }).count()).resolves.toBe(1);
		}
		await gotoStep(page, 'How many');
		const neg = (await page.getByRole('list', { name: 'Negative silhouettes per segment' }).textContent()) ?? '';
		for (const n of names) expect(neg).toContain(n);
		const flow = page.getByRole('img', { name: /Flow of rows between the two solutions/ });
		const flowText = (await flow.textContent()) ?? '';
		expect(flowText).toContain(`1. ${names[0]}`);
		// The heatmap's rows, the box plots' boxes and the segment table's rows carry the same names.
		await gotoStep(page, 'Segments');
		const heat = (await page.getByRole('img', { name: /How each segment differs/ }).textContent()) ?? '';
		await page.getByText('Box plots of each feature by segment').click();
		const box = (await page.getByRole('img', { name: /Each feature by segment/ }).textContent()) ?? '';
		const table = (await page.getByRole('table', { name: /Segment sizes/ }).textContent()) ?? '';
		for (const n of names) {
			expect(heat).toContain(n);
			expect(box).toContain(n);
			expect(table).toContain(n);
		}
	});

	it('the out-of-date notice lists each kind of change, dims the views, and goes after Run', async () => {
		const { page } = app;
		await gotoStep(page, 'How many');
		await expect(notice().count()).resolves.toBe(0);
		const expectNotice = async (re: RegExp) => {
			await notice().waitFor();
			expect(await notice().textContent()).toMatch(re);
		};
		const expectNone = async () => expect.poll(() => notice().count()).toBe(0);
		// How visible the results are: the product of the opacities from the recommendation's heading up.
		const shown = () => page.getByRole('heading', { name: /Recommended k/ }).evaluate((el) => {
			let o = 1;
			for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
			return o;
		});
		expect(await shown()).toBe(1);

		// The note shows above the run's results (here in How many); each change is made in its own step.
		const inStep = async (step: Parameters<typeof gotoStep>[1], change: () => Promise<unknown>) => {
			await gotoStep(page, step);
			await change();
			await gotoStep(page, 'How many');
		};
		// Features.
		await inStep('Data', () => page.getByLabel('Use email_open_rate as a feature').uncheck());
		await expectNotice(/Settings changed since this run: features\./);
		expect(await shown()).toBeLessThan(0.6);
		if (process.env.SHOT) {
			await page.screenshot({ path: '/tmp/stale-1440.png' });
			await page.setViewportSize({ width: 390, height: 900 });
			await page.screenshot({ path: '/tmp/stale-390.png' });
			await page.setViewportSize({ width: 1440, height: 1000 });
		}
		await inStep('Data', () => page.getByLabel('Use email_open_rate as a feature').check());
		await expectNone();
		// Preparation.
		await inStep('Prepare', () => page.getByLabel('Outlier rule').selectOption('iqr'));
		await expectNotice(/: preparation\./);
		await inStep('Prepare', () => page.getByLabel('Outlier rule').selectOption('none'));
		await expectNone();
		// Seed.
		await inStep('Cluster', async () => {
			await page.getByLabel('Seed', { exact: true }).fill('7');
			await page.getByLabel('Seed', { exact: true }).press('Tab');
		});
		await expectNotice(/: seed\./);
		await inStep('Cluster', async () => {
			await page.getByLabel('Seed', { exact: true }).fill('0');
			await page.getByLabel('Seed', { exact: true }).press('Tab');
		});
		await expectNone();
		// Algorithm and k range together, in the words of the issue.
		await inStep('Cluster', async () => {
			await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption({ label: 'Gaussian mixture' });
			await page.getByLabel('Largest k').fill('6');
			await page.getByLabel('Largest k').press('Tab');
		});
		await expectNotice(/Settings changed since this run: algorithm, k range\. Run again/);
		await inStep('Cluster', async () => {
			await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption({ label: 'k-means' });
			await page.getByLabel('Largest k').fill('10');
			await page.getByLabel('Largest k').press('Tab');
		});
		await expectNone();

		// A loaded recipe: this run's own recipe with another seed.
		await gotoStep(page, 'Export');
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe (JSON)' }).click()]);
		const recipe = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
		recipe.seed = 11;
		const file = join(dir, 'recipe.json');
		writeFileSync(file, JSON.stringify(recipe));
		await inStep('Cluster', () => page.getByLabel('Load a recipe (JSON)').setInputFiles(file));
		await expectNotice(/Settings changed since this run: a loaded recipe, seed\./);

		// Run: the notice goes, the views are no longer dimmed.
		await page.getByRole('button', { name: 'Run again', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await expectNone();
		await page.getByRole('heading', { name: /Recommended k = \d+$/ }).waitFor();
		expect(await shown()).toBe(1);
	});
});

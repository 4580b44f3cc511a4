/**
 * One chart system, checked in the built site after a demo run (issue 14, item 3): every chart on screen, light
 * and dark, at 1440 and 390 px, draws its text at 11 px or more, no text over other text and none clipped by its
 * SVG; every chart's SVG download carries a visible title and only the chart font at the type scale's sizes
 * (11, 12, 13 px), and its PNG is the same picture at 2× with the title drawn; axe-core finds nothing in either
 * theme. The hierarchical, DBSCAN and HDBSCAN runs add the dendrogram, the k-distance plot and the condensed tree.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from './axe';
import { auditCharts, type ChartAudit } from './chart-audit';
import { gotoStep, launchApp, type App } from './harness';

async function demoRun(page: Page) {
	await page.getByRole('button', { name: 'Try the demo data' }).click();
	await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Run', exact: true }).click();
	await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
}

/** The steps that draw charts after a demo run. */
const CHART_STEPS = ['Data', 'Prepare', 'How many', 'Segments', 'Map'] as const;

/** Every chart of every step, each step opened from the rail with its disclosures (box plots, correlations) open. */
async function auditAllSteps(page: Page): Promise<ChartAudit[]> {
	const out: ChartAudit[] = [];
	for (const step of CHART_STEPS) {
		await gotoStep(page, step);
		if (step === 'Prepare') await page.getByRole('img', { name: /after:/ }).first().waitFor();
		if (step === 'Map') await page.getByRole('img', { name: /principal components 1 and 2/ }).waitFor();
		await page.evaluate(() => document.querySelectorAll('main details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
		await page.waitForTimeout(300);
		out.push(...(await auditCharts(page)));
	}
	return out;
}

/** axe-core on every step with a chart, each failure named with its step. */
async function axeAllSteps(page: Page): Promise<string[]> {
	const out: string[] = [];
	for (const step of CHART_STEPS) {
		await gotoStep(page, step);
		out.push(...(await axe(page)).map((v) => `${step}: ${v}`));
	}
	return out;
}

/** Every chart's faults, in one list with the chart's name, so a failure says where. */
function faults(audits: ChartAudit[]): string[] {
	return audits.flatMap((a) => [
		...a.small.map((s) => `${a.name}: small text ${s}`),
		...a.overlaps.map((s) => `${a.name}: overlap ${s}`),
		...a.clipped.map((s) => `${a.name}: clipped ${s}`)
	]);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(buf: Buffer): { w: number; h: number } {
	expect(buf.subarray(1, 4).toString()).toBe('PNG');
	return { w: buf.readUInt32BE(16), h: buf.readUInt32BE(20) };
}

describe('charts at 1440 px, light', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 900 }, colorScheme: 'light' } });
		await demoRun(app.page);
	}, 240_000);
	afterAll(async () => {
		await app?.close();
	});

	it('the audit finds small, overlapping and clipped text, and tells slanted labels that only look close from ones that touch', async () => {
		const { page } = app;
		await page.evaluate(() => {
			const box = document.createElement('div');
			box.id = 'audit-probe';
			box.innerHTML = `<svg role="img" width="200" height="100" viewBox="0 0 200 100"><title>Probe</title>
				<text x="10" y="20" style="font-size:9px">tiny</text>
				<text x="60" y="20" style="font-size:12px">first</text><text x="70" y="22" style="font-size:12px">second</text>
				<text x="190" y="60" style="font-size:12px">clipped</text>
				<text transform="translate(40 95) rotate(-60)" style="font-size:11px">slanted_one</text>
				<text transform="translate(56 95) rotate(-60)" style="font-size:11px">slanted_two</text></svg>`;
			document.body.prepend(box);
		});
		const probe = (await auditCharts(page)).find((a) => a.name === 'Probe')!;
		await page.evaluate(() => document.getElementById('audit-probe')?.remove());
		expect(probe.small).toEqual(['tiny (9.0 px)']);
		expect(probe.overlaps).toEqual(['first | second']);
		expect(probe.clipped).toEqual(['clipped (right)']);
	});

	it('every chart draws its text at 11 px or more, with no text over other text and none clipped', async () => {
		const audits = await auditAllSteps(app.page);
		const names = audits.map((a) => a.name);
		// The charts a k-means demo run shows, each found by its name.
		for (const want of [/Correlation heatmap/, /before: Missing values/, /Elbow/, /Mean silhouette by k/, /Davies–Bouldin/, /Calinski–Harabasz/, /Silhouette plot/, /Flow of rows/, /Segments on principal components/, /Scree chart/, /How each segment differs/, /Each feature by segment/]) {
			expect(names.some((n) => want.test(n)), String(want)).toBe(true);
		}
		expect(faults(audits)).toEqual([]);
		// One type scale: nothing under 11 px, nothing over the 13 px title size.
		expect(Math.min(...audits.map((a) => a.min))).toBeGreaterThanOrEqual(10.99);
		expect(Math.max(...audits.map((a) => a.max))).toBeLessThanOrEqual(13.01);
	});

	it('every chart download carries a visible title, the chart font and only the type scale sizes; the PNG is the same at 2×', async () => {
		const { page } = app;
		const buttons = page.getByRole('button', { name: /^Download .*( \(SVG\)| as SVG)$/ });
		const chartLabels = async () =>
			(await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''))).filter((l) => !/results|recipe|model|report|scored|skipped/i.test(l));
		// Every step's charts offer their downloads…
		const all: string[] = [];
		for (const step of CHART_STEPS) {
			await gotoStep(page, step);
			await page.evaluate(() => document.querySelectorAll('main details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
			await page.waitForTimeout(300);
			all.push(...(await chartLabels()));
		}
		expect(all.length, all.join('; ')).toBeGreaterThanOrEqual(10);
		// …and every one of them is checked. Headless Chromium's download limiter lets one tab save 10 files in a
		// row and then drops further downloads without an event, so the first five charts (SVG + PNG) go through
		// real downloads and the rest are caught where the page hands the file to the browser (the object URL of
		// saveBlob's link, read back before the click): the same bytes, past the limiter.
		await page.evaluate(() => {
			const w = window as unknown as { __files: { name: string; b64: string }[] };
			w.__files = [];
			const click = HTMLAnchorElement.prototype.click;
			HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
				const keep = (window as unknown as { __real?: boolean }).__real;
				if (keep || !this.download || !this.href.startsWith('blob:')) return click.call(this);
				const name = this.download;
				void fetch(this.href)
					.then((r) => r.arrayBuffer())
					.then((buf) => {
						let bin = '';
						const u8 = new Uint8Array(buf);
						for (let i = 0; i < u8.length; i += 0x8000) bin += String.fromCharCode(...u8.subarray(i, i + 0x8000));
						w.__files.push({ name, b64: btoa(bin) });
					});
			};
		});
		let real = 0;
		const fileOf = async (label: string): Promise<Buffer> => {
			const button = page.getByRole('button', { name: label, exact: true });
			if (real < 10) {
				real++;
				await page.evaluate(() => ((window as unknown as { __real?: boolean }).__real = true));
				const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
				return readFileSync((await dl.path())!);
			}
			await page.evaluate(() => ((window as unknown as { __real?: boolean }).__real = false));
			const before = await page.evaluate(() => (window as unknown as { __files: unknown[] }).__files.length);
			await button.click();
			await page.waitForFunction((n) => (window as unknown as { __files: unknown[] }).__files.length > n, before);
			const b64 = await page.evaluate(() => (window as unknown as { __files: { b64: string }[] }).__files.at(-1)!.b64);
			return Buffer.from(b64, 'base64');
		};
		const families = new Set<string>();
		let checked = 0;
		for (const step of CHART_STEPS) {
			await gotoStep(page, step);
			await page.evaluate(() => document.querySelectorAll('main details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
			await page.waitForTimeout(300);
			for (const label of await chartLabels()) {
				checked++;
				const svg = (await fileOf(label)).toString('utf8');
				const parsed = await page.evaluate((text) => {
					const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
					const root = doc.documentElement;
					const texts = [...root.querySelectorAll('text')];
					const style = (el: Element, p: string) => (el.getAttribute('style') ?? '').match(new RegExp(`(?:^|;)${p}:([^;]+)`))?.[1]?.trim() ?? '';
					return {
						error: doc.querySelector('parsererror') !== null,
						title: root.querySelector(':scope > title')?.textContent ?? '',
						/** The first text drawn: the visible title. */
						heading: texts[0]?.textContent ?? '',
						headingSize: texts[0] ? style(texts[0], 'font-size') : '',
						width: Number(root.getAttribute('width')),
						height: Number(root.getAttribute('height')),
						sizes: [...new Set(texts.map((t) => style(t, 'font-size')))],
						families: [...new Set(texts.map((t) => style(t, 'font-family')))],
						/** Haloed labels (a stroke) whose stroke would be painted over the letters: the PNG's "white blob". */
						blobs: texts.filter((t) => !['', 'none'].includes(style(t, 'stroke')) && !style(t, 'paint-order').startsWith('stroke')).map((t) => t.textContent)
					};
				}, svg);
				const what = `${label}: ${JSON.stringify({ ...parsed, sizes: parsed.sizes.join(' ') })}`;
				expect(parsed.error, what).toBe(false);
				expect(parsed.title.length, what).toBeGreaterThan(3);
				expect(parsed.title.startsWith(parsed.heading.replace(/…$/, '')), what).toBe(true);
				expect(parsed.headingSize, what).toBe('13px');
				for (const s of parsed.sizes) expect(['11px', '12px', '13px'], what).toContain(s);
				expect(parsed.blobs, what).toEqual([]);
				for (const f of parsed.families) families.add(f);
				// The PNG: the same picture (title band and all) at twice the size, with dark title pixels in its top band.
				const pngLabel = label.replace('(SVG)', '(PNG)').replace(/as SVG$/, 'as PNG');
				const png = await fileOf(pngLabel);
				expect(pngSize(png), pngLabel).toEqual({ w: Math.round(parsed.width * 2), h: Math.round(parsed.height * 2) });
				const inked = await page.evaluate(async (b64) => {
					const img = new Image();
					img.src = `data:image/png;base64,${b64}`;
					await img.decode();
					const c = document.createElement('canvas');
					c.width = img.naturalWidth;
					c.height = 40;
					const ctx = c.getContext('2d')!;
					ctx.drawImage(img, 0, 0);
					const d = ctx.getImageData(0, 0, c.width, 40).data;
					let dark = 0;
					for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 200 && d[i + 3] > 200) dark++;
					return dark;
				}, png.toString('base64'));
				expect(inked, `${pngLabel}: dark pixels in the title band`).toBeGreaterThan(100);
			}
		}
		// Later tests on this tab download for real again.
		await page.evaluate(() => ((window as unknown as { __real?: boolean }).__real = true));
		console.log(`chart downloads checked: ${checked} charts (SVG and PNG each), ${real} files through real downloads`);
		expect(checked).toBe(all.length);
		expect(real).toBe(10);
		// The same font family in every chart's file.
		expect([...families]).toHaveLength(1);
		expect([...families][0]).toMatch(/Liberation Sans/);
	}, 300_000);

	it('the Learn page draws its charts at the same type scale, with no overlapping or clipped text', async () => {
		// A second tab, so the workspace's run stays as it is for the tests after this one.
		const page = await app.context.newPage();
		for (const q of ['alg=kmeans&step=3', 'alg=agglo&n=100&step=50']) {
			await page.goto(`${app.url}learn?shape=blobs&seed=1&${q}`);
			await page.locator('main[data-hydrated="true"]').waitFor();
			await page.waitForTimeout(300);
			const audits = await auditCharts(page);
			expect(audits.length, q).toBeGreaterThanOrEqual(1);
			expect(faults(audits), q).toEqual([]);
			expect(Math.max(...audits.map((a) => a.max)), q).toBeLessThanOrEqual(13.01);
		}
		await page.close();
	});

	it('passes axe-core in the light theme', async () => {
		expect(await axeAllSteps(app.page)).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});
});

describe('charts at 390 px, dark', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 390, height: 844 }, colorScheme: 'dark' } });
		await demoRun(app.page);
	}, 240_000);
	afterAll(async () => {
		await app?.close();
	});

	it('follows the system setting: dark page and chart colours', async () => {
		const bg = await app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
		const [r, g, b] = bg.match(/\d+/g)!.map(Number);
		expect(r + g + b).toBeLessThan(150);
	});

	it('every chart draws its text at 11 px or more, with no text over other text and none clipped', async () => {
		const audits = await auditAllSteps(app.page);
		expect(audits.length).toBeGreaterThanOrEqual(12);
		expect(faults(audits)).toEqual([]);
	});

	it('passes axe-core in the dark theme', async () => {
		expect(await axeAllSteps(app.page)).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});

	it('the Learn page passes axe-core in the dark theme too', async () => {
		const page = await app.context.newPage();
		for (const q of ['alg=kmeans&step=3', 'alg=agglo&n=100&step=50']) {
			await page.goto(`${app.url}learn?shape=blobs&seed=1&${q}`);
			await page.locator('main[data-hydrated="true"]').waitFor();
			expect(await axe(page), q).toEqual([]);
		}
		await page.close();
	});
});

describe('the algorithm charts (dendrogram, k-distance, condensed tree)', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 900 } } });
		await app.page.getByRole('button', { name: 'Try the demo data' }).click();
		await app.page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 60_000 });
	}, 120_000);
	afterAll(async () => {
		await app?.close();
	});
	const run = async (alg: string, chart: () => ReturnType<Page['getByRole']>) => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption({ label: alg });
		if (await page.getByLabel('Largest k').count()) {
			await page.getByLabel('Largest k').fill('5');
			await page.getByLabel('Largest k').press('Tab');
		}
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await chart().waitFor();
		const audits = await auditCharts(page);
		return audits;
	};

	it('draws no chart for a single point: one k run gives each metric as a sentence', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('4');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await gotoStep(page, 'How many');
		await expect(page.getByRole('img', { name: /Elbow: inertia by k/ }).count()).resolves.toBe(0);
		const notes = page.getByRole('note').filter({ hasText: 'Only one k was run' });
		await expect(notes.count()).resolves.toBeGreaterThanOrEqual(4);
		await expect(notes.filter({ hasText: /Mean silhouette by k: 0\.\d+ at k = 4\./ }).count()).resolves.toBe(1);
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Smallest k').fill('2');
		await page.getByLabel('Smallest k').press('Tab');
	}, 200_000);

	it('each is drawn at the type scale with no overlapping or clipped text, and the dendrogram colours branches by segment', async () => {
		const { page } = app;
		const dendro = await run('Hierarchical (agglomerative)', () => page.getByRole('group', { name: 'Dendrogram' }));
		expect(faults(dendro)).toEqual([]);
		// Branches below the cut in as many segment colours as segments.
		const k = Number(await page.getByLabel('Number of segments (k)').inputValue());
		const colours = await page.getByRole('group', { name: 'Dendrogram' }).locator('path').evaluateAll((ps) => [...new Set(ps.map((p) => getComputedStyle(p).stroke))]);
		expect(colours.length).toBe(k + 1);
		await page.getByLabel('Minimum points (minPts)').count();
		expect(faults(await run('DBSCAN (density)', () => page.getByRole('group', { name: 'k-distance plot' })))).toEqual([]);
		// BIC and AIC mark their lowest k, which can be the first or last k: the label stays whole.
		expect(faults(await run('Gaussian mixture', () => page.getByRole('img', { name: /BIC by k/ })))).toEqual([]);
		expect(faults(await run('HDBSCAN (density, no eps)', () => page.getByRole('img', { name: 'HDBSCAN condensed tree' })))).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	}, 400_000);
});

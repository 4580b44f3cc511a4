/**
 * Issue 17, a map of every row: 1,000,000 points on the product's scatter (put there through the map-check
 * page's test hook, which exists only with `?test-hook`). The density image is made in a worker; the test pans
 * the map with the mouse and with the keyboard measuring frame intervals with requestAnimationFrame (printed),
 * zooms in until individual points are drawn, hovers a point, and lassos a polygon: the rows selected must be
 * exactly those a direct point-in-polygon count over all 1,000,000 rows finds (the count computed here, by the
 * test's own code, from the polygon the page drew). axe-core must find nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameStats, moveBeside, panPath, showFrames, startFrames, stopFrames, type FrameStats } from './frame-timing';
import { launchApp, type App } from './harness';

const N = 1_000_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The page's own choice ('auto': here Chromium runs with --disable-gpu, so its WebGL2 is SwiftShader's software
// rasteriser and the map uses canvas 2D), whose frames must stay under 33 ms; then WebGL2 forced, to measure it
// (frame timings printed, everything else asserted the same).
describe.each(['auto', 'webgl2'] as const)('a map of 1,000,000 rows (%s)', (renderer) => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ path: `map-check?test-hook&renderer=${renderer}` });
	});
	afterAll(async () => {
		await app?.close();
	});
	const canvasData = () =>
		app.page.evaluate(() => {
			const c = document.querySelector('canvas') as HTMLCanvasElement;
			return { renderer: c.dataset.renderer, renders: Number(c.dataset.renders ?? 0), moves: Number(c.dataset.moves ?? 0), points: c.dataset.points, visible: Number(c.dataset.visible ?? 0), ms: Number(c.dataset.workerMs ?? NaN) };
		});

	it('draws, pans with frames under 33 ms, zooms into points, hovers, and lassos exactly the rows inside', async () => {
		const { page } = app;
		// Five segments as Gaussian blobs of different sizes and spreads, seeded; kept on the page for the count below.
		const t0 = Date.now();
		await page.evaluate((n) => {
			let seed = 12345;
			const rand = () => {
				seed = (seed + 0x6d2b79f5) | 0;
				let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
				t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
				return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
			};
			const blobs = [[0, 0, 1.2, 0.35], [3, 1, 0.6, 0.25], [-2.5, 2, 0.8, 0.2], [1, -2.5, 1.5, 0.15], [-1, -1, 0.3, 0.05]];
			const coords = new Float32Array(2 * n), labels = new Int32Array(n);
			for (let i = 0; i < n; i++) {
				const u = rand();
				let s = 0;
				for (let acc = blobs[0][3]; u > acc && s < blobs.length - 1; ) acc += blobs[++s][3];
				const r = Math.sqrt(-2 * Math.log(1 - rand())), a = 2 * Math.PI * rand();
				coords[2 * i] = blobs[s][0] + blobs[s][2] * r * Math.cos(a);
				coords[2 * i + 1] = blobs[s][1] + blobs[s][2] * r * Math.sin(a) * 0.7;
				labels[i] = s;
			}
			const w = window as unknown as { __points: Float32Array; __mapTest: { show(c: Float32Array, l: Int32Array, k: number): void } };
			w.__points = coords;
			w.__mapTest.show(coords, labels, blobs.length);
		}, N);
		const map = page.getByRole('img', { name: 'A map of 1,000,000 rows' });
		await map.waitFor();
		await expect.poll(async () => (await canvasData()).renders, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
		const first = await canvasData();
		const gpu = await page.evaluate(() => {
			const gl = document.createElement('canvas').getContext('webgl2');
			const info = gl?.getExtension('WEBGL_debug_renderer_info');
			return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'none';
		});
		console.log(`[${renderer}] presented with ${first.renderer} (WebGL2 here: ${gpu})`);
		console.log(`[${renderer}] 1,000,000 rows: first picture ${((Date.now() - t0) / 1000).toFixed(1)} s after the test hook was called (generating the points included); the worker drew it in ${first.ms} ms; ${first.visible.toLocaleString('en')} points in the plot, ${first.points === 'true' ? 'as points' : 'as a density image'}`);
		// 'auto' keeps canvas 2D where WebGL2 is missing or a software rasteriser.
		const software = gpu === 'none' || /swiftshader|llvmpipe|software/i.test(gpu);
		expect(first.renderer).toBe(renderer === 'auto' && software ? 'canvas' : 'webgl2');
		expect(first.points).toBe('false');
		expect(first.visible).toBe(N);

		// Pan with the mouse: up to three attempts (the machine is shared), the best must have p95 under 33 ms.
		await map.scrollIntoViewIfNeeded();
		const box = (await map.boundingBox())!;
		const cx = box.x + box.width * 0.4, cy = box.y + box.height * 0.5;
		let best: FrameStats | null = null;
		for (let attempt = 1; attempt <= (renderer === 'auto' ? 3 : 1) && !(best && best.p95 < 33); attempt++) {
			// Baseline: the same pointer motion away from the map, to tell the app's cost from a busy machine.
			await startFrames(page, false);
			await moveBeside(page, box);
			const base = frameStats(await stopFrames(page));
			await page.mouse.move(cx, cy);
			const before = await canvasData();
			await startFrames(page, true);
			await page.mouse.down();
			await panPath(page, cx, cy, attempt);
			const pan = frameStats(await stopFrames(page));
			const during = await canvasData();
			await page.mouse.up();
			console.log(`[${renderer}] mouse pan ${attempt} of 1,000,000 rows: ${showFrames(pan)}; ${during.moves - before.moves} bitmap moves and ${during.renders - before.renders} density images from the worker (the last in ${during.ms} ms) while the button was down; the same pointer motion without panning: ${showFrames(base)}`);
			// The worker re-binned the view while the pan went on; frames in between moved the last image.
			expect(during.renders - before.renders).toBeGreaterThan(1);
			expect(during.moves - before.moves).toBeGreaterThan(20);
			if (!best || pan.p95 < best.p95) best = pan;
		}
		if (renderer === 'auto') expect(best!.p95).toBeLessThan(33);

		// Pan with the keyboard: the map is focusable and takes the arrow keys.
		const region = page.getByRole('application', { name: /A map of 1,000,000 rows: arrow keys pan/ });
		await region.focus();
		let bestKeys: FrameStats | null = null;
		for (let attempt = 1; attempt <= (renderer === 'auto' ? 3 : 1) && !(bestKeys && bestKeys.p95 < 33); attempt++) {
			const beforeKeys = await canvasData();
			await startFrames(page, false);
			for (let s = 0; s < 40; s++) await page.keyboard.press([s < 20 ? 'ArrowLeft' : 'ArrowUp', s < 20 ? 'ArrowRight' : 'ArrowDown'][attempt % 2]);
			await page.waitForTimeout(200);
			const keys = frameStats(await stopFrames(page));
			const afterKeys = await canvasData();
			console.log(`[${renderer}] keyboard pan ${attempt} (40 arrow presses): ${showFrames(keys)}; ${afterKeys.renders - beforeKeys.renders} density images`);
			expect(afterKeys.renders).toBeGreaterThan(beforeKeys.renders);
			if (!bestKeys || keys.p95 < bestKeys.p95) bestKeys = keys;
		}
		if (renderer === 'auto') expect(bestKeys!.p95).toBeLessThan(33);

		// Hover in the density view: the nearest of the million points (found in the worker) gets a tooltip.
		await region.press('0');
		await page.waitForTimeout(300);
		let tip = '';
		for (let fy = 0.3; fy < 0.7 && !tip; fy += 0.05) {
			for (let fx = 0.3; fx < 0.6 && !tip; fx += 0.05) {
				await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
				await page.waitForTimeout(30);
				if ((await page.getByRole('tooltip').count()) > 0) tip = (await page.getByRole('tooltip').textContent()) ?? '';
			}
		}
		console.log(`hover tooltip: ${tip}`);
		expect(tip).toMatch(/^Row [\d,]+\s*Segment [1-5]$/);

		// Zoom in with + until few enough points are in view: then they are drawn one by one.
		await region.focus();
		let zoomed = await canvasData();
		for (let z = 0; z < 14 && zoomed.points !== 'true'; z++) {
			await region.press('+');
			await page.waitForTimeout(250);
			zoomed = await canvasData();
		}
		console.log(`zoomed in: ${zoomed.visible.toLocaleString('en')} points in view, drawn ${zoomed.points === 'true' ? 'one by one' : 'as a density image'} (worker ${zoomed.ms} ms)`);
		expect(zoomed.points).toBe('true');
		expect(zoomed.visible).toBeLessThanOrEqual(50_000);
		expect(zoomed.visible).toBeGreaterThan(0);

		// Lasso over the whole map: a pentagon around the middle.
		await region.press('0');
		await page.waitForTimeout(300);
		await page.getByLabel('Lasso').check();
		const vx = (f: number) => box.x + f * box.width, vy = (f: number) => box.y + f * box.height;
		const poly = [[0.3, 0.25], [0.55, 0.3], [0.6, 0.6], [0.4, 0.75], [0.2, 0.5]];
		await page.mouse.move(vx(poly[0][0]), vy(poly[0][1]));
		await page.mouse.down();
		for (const [fx, fy] of [...poly.slice(1), poly[0]]) await page.mouse.move(vx(fx), vy(fy), { steps: 4 });
		const t1 = Date.now();
		await page.mouse.up();
		const status = page.getByRole('status').filter({ hasText: /rows selected/ });
		await status.waitFor({ timeout: 30_000 });
		const selected = Number((await status.textContent())!.match(/([\d,]+) rows selected/)![1].replace(/,/g, ''));
		const lassoMs = Date.now() - t1;
		// The polygon the page drew, in data units, and a direct even–odd count over every row (the test's own code).
		const polygon = (await page.locator('[data-polygon]').getAttribute('data-polygon'))!.split(' ').map(Number);
		const direct = await page.evaluate((p) => {
			const w = window as unknown as { __points: Float32Array; __mapSelection: Int32Array | null };
			const pts = w.__points;
			const m = p.length / 2;
			let count = 0;
			// The rows themselves must match, not only their number: the selection is in row order.
			const sel = w.__mapSelection ?? new Int32Array(0);
			let same = 0;
			for (let i = 0; i < pts.length / 2; i++) {
				const x = pts[2 * i], y = pts[2 * i + 1];
				let inside = false;
				for (let a = 0, b = m - 1; a < m; b = a++) {
					const ax = p[2 * a], ay = p[2 * a + 1], bx = p[2 * b], by = p[2 * b + 1];
					if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
				}
				if (inside) {
					if (sel[count] === i) same++;
					count++;
				}
			}
			return { count, same };
		}, polygon);
		console.log(`lasso of ${polygon.length / 2} vertices: ${selected.toLocaleString('en')} rows selected (answered ${lassoMs} ms after release); direct point-in-polygon count: ${direct.count.toLocaleString('en')}, the same rows: ${direct.same.toLocaleString('en')}`);
		expect(polygon.length / 2).toBeGreaterThanOrEqual(20);
		expect(direct.count).toBeGreaterThan(10_000);
		expect(direct.count).toBeLessThan(N);
		expect(selected).toBe(direct.count);
		expect(direct.same).toBe(direct.count);

		// Accessibility: axe-core finds nothing on the page with the map.
		await page.addScriptTag({ content: AXE });
		const violations = await page.evaluate(async () => {
			const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
			const r = await axe.run(document);
			return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		});
		expect(violations).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});
});

/**
 * Browser half of bench/metrics.bench.ts, in Debian's Chromium: exact silhouette of 50,000 × 8 inside a worker
 * (the engine bundled with esbuild), and the sweep k = 2..10 with every metric except gap on 100,000 × 8
 * through the built site (upload, Run, wait for the last k).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
import { blobs, cached, dataDir } from './engine-bench-util';
import { launchApp, CHROMIUM } from '../tests/e2e/harness';

const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function silhouette50k() {
	const entry = join(dataDir, 'sil-entry.ts');
	writeFileSync(entry, `import { silhouetteScore } from '${process.cwd()}/src/lib/engine/metrics/silhouette';
self.onmessage = (e) => { const { X, n, cols, L, k } = e.data; const t = performance.now(); const v = silhouetteScore(X, n, cols, L, k); self.postMessage({ ms: performance.now() - t, value: v }); };`);
	const code = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'iife', target: 'es2022' }).outputFiles[0].text;
	const n = 50_000, cols = 8;
	const { X } = cached(`metrics-${n}x${cols}.f64`, () => blobs(n, cols, 6, 5 + n));
	const L = Int32Array.from({ length: n }, (_, i) => i % 6);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	const page = await browser.newPage();
	const out = await page.evaluate(async ({ code, X, L, n, cols }) => {
		const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
		const w = new Worker(url);
		return await new Promise<{ ms: number; value: number }>((resolve) => {
			w.onmessage = (e) => resolve(e.data);
			w.postMessage({ X: new Float64Array(X), n, cols, L: new Int32Array(L), k: 6 });
		});
	}, { code, X: Array.from(X), L: Array.from(L), n, cols });
	await browser.close();
	console.log(`${'exact silhouette 50,000 × 8 in a Chromium worker'.padEnd(52)} ${out.ms.toFixed(0).padStart(7)} ms   (target ≤ 6000 ms)`);
}

async function sweep100k() {
	const n = 100_000, cols = 8;
	const csv = join(dataDir, `sweep-${n}x${cols}.csv`);
	if (!existsSync(csv)) {
		const X = blobs(n, cols, 6, 77);
		const lines = [Array.from({ length: cols }, (_, j) => `f${j}`).join(',')];
		for (let i = 0; i < n; i++) lines.push(Array.from(X.subarray(i * cols, (i + 1) * cols), (v) => v.toFixed(4)).join(','));
		writeFileSync(csv, lines.join('\n') + '\n');
	}
	const app = await launchApp();
	try {
		const { page } = app;
		await page.locator('input[type="file"]').first().setInputFiles(csv);
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 120_000 });
		const t = Date.now();
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('heading', { name: /Recommended k/ }).waitFor({ timeout: 300_000 });
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 300_000 });
		const ms = Date.now() - t;
		const head = await page.getByRole('heading', { name: /Recommended k/ }).textContent();
		console.log(`${'sweep k = 2..10, 100,000 × 8, all but gap (browser)'.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   (target ≤ 20000 ms) ${head?.trim()}`);
	} finally {
		await app.close();
	}
}

await silhouette50k();
await sweep100k();

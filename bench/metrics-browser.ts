/**
 * Browser half of bench/metrics.bench.ts, in Debian's Chromium: exact silhouette of 50,000 × 8 inside a worker
 * (the engine bundled with esbuild), and the sweep k = 2..10 with every metric except gap on 100,000 × 8
 * through the built site (upload, Run, wait for the last k).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { blobs, cached, dataDir } from './engine-bench-util';
import { launchChromium } from '../tests/e2e/harness';
import { timeSweep } from './browser-sweep';

async function silhouette50k() {
	const entry = join(dataDir, 'sil-entry.ts');
	writeFileSync(entry, `import { silhouetteScore } from '${process.cwd()}/src/lib/engine/metrics/silhouette';
self.onmessage = (e) => { const { X, n, cols, L, k } = e.data; const t = performance.now(); const v = silhouetteScore(X, n, cols, L, k); self.postMessage({ ms: performance.now() - t, value: v }); };`);
	const code = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'iife', target: 'es2022' }).outputFiles[0].text;
	const n = 50_000, cols = 8;
	const { X } = cached(`metrics-${n}x${cols}.f64`, () => blobs(n, cols, 6, 5 + n));
	const L = Int32Array.from({ length: n }, (_, i) => i % 6);
	const browser = await launchChromium();
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
	const { ms, head } = await timeSweep();
	console.log(`${'sweep k = 2..10, 100,000 × 8, all but gap (browser)'.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   (target ≤ 20000 ms) ${head}`);
}

await silhouette50k();
await sweep100k();

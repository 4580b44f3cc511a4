/**
 * PCA of 1,000,000 × 10 in Chromium (the engine's covariance + symmetric eigensolver, bundled with esbuild and
 * run on a blank page), fit and 2-D scores timed separately; best of 3. Also the same in Node for comparison.
 * Run: npx tsx bench/pca.bench.ts   (or npm run bench -- pca)
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { pca, pcaTransform } from '../src/lib/engine/project/pca';
import { Rng } from '../src/lib/engine/random';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const rows = 1_000_000, cols = 10;

/** Correlated Gaussian data: x = z · A with a fixed random A, so the components are not the axes. */
function data(): Float64Array {
	const rng = new Rng(5);
	const A = Float64Array.from({ length: cols * cols }, () => rng.normal());
	const X = new Float64Array(rows * cols);
	const z = new Float64Array(cols);
	for (let i = 0; i < rows; i++) {
		for (let j = 0; j < cols; j++) z[j] = rng.normal();
		for (let j = 0; j < cols; j++) {
			let s = 0;
			for (let t = 0; t < cols; t++) s += z[t] * A[t * cols + j];
			X[i * cols + j] = s;
		}
	}
	return X;
}

function timeIt(X: Float64Array): { fit: number; scores: number; ratio: number[] } {
	let fit = Infinity, scores = Infinity, ratio: number[] = [];
	for (let r = 0; r < 3; r++) {
		const t0 = performance.now();
		const m = pca(X, rows, cols, 2);
		const t1 = performance.now();
		pcaTransform(m, X, rows, cols);
		const t2 = performance.now();
		fit = Math.min(fit, t1 - t0);
		scores = Math.min(scores, t2 - t1);
		ratio = Array.from(m.explainedVarianceRatio);
	}
	return { fit, scores, ratio };
}

const entry = `
import { pca, pcaTransform } from './src/lib/engine/project/pca';
import { Rng } from './src/lib/engine/random';
${data.toString().replace('function data', 'function data')}
${timeIt.toString()}
const rows = ${rows}, cols = ${cols};
globalThis.runBench = () => timeIt(data());
`;
const bundle = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022' });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
	const page = await browser.newPage();
	await page.setContent('<!doctype html><title>pca bench</title>');
	await page.addScriptTag({ content: bundle.outputFiles[0].text });
	const c = (await page.evaluate('runBench()')) as ReturnType<typeof timeIt>;
	const nodeRes = timeIt(data());
	console.log(`PCA ${rows.toLocaleString('en')} × ${cols} in Chromium ${browser.version()}: fit ${c.fit.toFixed(0)} ms + 2-D scores ${c.scores.toFixed(0)} ms = ${(c.fit + c.scores).toFixed(0)} ms (target ≤ 1000 ms); ` +
		`Node: fit ${nodeRes.fit.toFixed(0)} ms + scores ${nodeRes.scores.toFixed(0)} ms; PC1/PC2 ratios ${c.ratio.map((v) => v.toFixed(4)).join(', ')}`);
} finally {
	await browser.close();
}

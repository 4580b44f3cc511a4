/**
 * Regenerates the Learn mode pictures in docs/ (shown in the README) from the built site: one step view per
 * algorithm, each opened from its shareable link, at a projector-like 1600 × 1000 viewport.
 * Usage: npm run build && npx tsx scripts/learn-screenshots.ts
 */
import { launchApp } from '../tests/e2e/harness';

const SHOTS: { file: string; query: string }[] = [
	{ file: 'learn-kmeans.png', query: 'shape=blobs&seed=3&alg=kmeans&k=4&init=random&step=3' },
	{ file: 'learn-dbscan.png', query: 'shape=moons&seed=1&alg=dbscan&eps=0.1&minPts=5&step=40' },
	{ file: 'learn-agglo.png', query: 'shape=rings&seed=1&n=200&alg=agglo&linkage=single&cut=2&step=190' },
	{ file: 'learn-gmm.png', query: 'shape=anisotropic&seed=1&alg=gmm&k=3&step=6' }
];

const app = await launchApp({ path: 'learn', context: { viewport: { width: 1600, height: 1000 }, reducedMotion: 'reduce' } });
try {
	const { page } = app;
	for (const s of SHOTS) {
		await page.goto(`${app.url}learn?${s.query}`);
		await page.locator('main[data-hydrated="true"]').waitFor();
		await page.locator('[data-animating="false"]').waitFor();
		await page.waitForTimeout(300);
		const out = new URL(`../docs/${s.file}`, import.meta.url).pathname;
		await page.locator('main').screenshot({ path: out });
		console.log(`wrote ${out}`);
	}
	// Own data: the demo customers, handed over in memory from the workspace (no link can carry them).
	await page.goto(app.url);
	await page.locator('main[data-hydrated="true"]').waitFor();
	await page.getByRole('button', { name: 'Try the demo data' }).click();
	await page.getByRole('button', { name: 'Run' }).click();
	await page.getByRole('button', { name: 'Learn step by step with this data' }).click({ timeout: 120_000 });
	await page.getByText(/Distances are measured in all/).waitFor();
	for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
	await page.locator('[data-animating="false"]').waitFor();
	const out = new URL('../docs/learn-own-data.png', import.meta.url).pathname;
	await page.locator('main').screenshot({ path: out });
	console.log(`wrote ${out}`);
} finally {
	await app.close();
}

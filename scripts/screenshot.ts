/**
 * Regenerates docs/screenshot.png (the README's picture) from the built site: demo data, Run, results.
 * Usage: npm run build && npx tsx scripts/screenshot.ts
 */
import { launchApp } from '../tests/e2e/harness';

const app = await launchApp();
try {
	const { page } = app;
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.getByRole('button', { name: 'Try the demo data' }).click();
	await page.getByRole('button', { name: 'Run', exact: true }).click();
	await page.getByRole('heading', { name: /Segments/ }).waitFor({ timeout: 120_000 });
	await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 120_000 });
	await page.getByRole('heading', { name: /Segments/ }).scrollIntoViewIfNeeded();
	await page.waitForTimeout(300);
	const out = new URL('../docs/screenshot.png', import.meta.url).pathname;
	// The top of the results: the recommendation, the metric small multiples and the silhouette plot.
	const box = (await page.locator('#results-heading').boundingBox())!;
	const y = box.y + (await page.evaluate(() => window.scrollY)) - 24;
	await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y, width: 1280, height: 1250 } });
	console.log(`wrote ${out}`);
} finally {
	await app.close();
}

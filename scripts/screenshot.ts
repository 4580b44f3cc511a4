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
	await page.getByRole('button', { name: 'Run' }).click();
	await page.getByRole('heading', { name: /Segments/ }).waitFor({ timeout: 120_000 });
	await page.getByRole('heading', { name: /Segments/ }).scrollIntoViewIfNeeded();
	await page.waitForTimeout(300);
	const out = new URL('../docs/screenshot.png', import.meta.url).pathname;
	await page.locator('section', { has: page.getByRole('heading', { name: /Segments/ }) }).screenshot({ path: out });
	console.log(`wrote ${out}`);
} finally {
	await app.close();
}

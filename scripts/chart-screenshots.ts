/**
 * Screenshots of every chart after a demo run, at 1440 and 390 px, light and dark, for looking at by eye.
 * Usage: npm run build && npx tsx scripts/chart-screenshots.ts [outDir]   (default /tmp/chart-shots)
 * With --docs it also writes the README's two chart pictures: docs/charts-1440-light.png (the evidence for k)
 * and docs/charts-390-dark.png (the map on a phone in the dark theme).
 */
import { mkdirSync } from 'node:fs';
import { launchApp } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const docs = args.includes('--docs');
const out = args.find((a) => !a.startsWith('--')) ?? '/tmp/chart-shots';
const DOCS = new URL('../docs/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
for (const width of [1440, 390]) {
	for (const scheme of ['light', 'dark'] as const) {
		const app = await launchApp({ context: { viewport: { width, height: 900 }, colorScheme: scheme } });
		try {
			const { page } = app;
			await page.getByRole('button', { name: 'Try the demo data' }).click();
			await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 60_000 });
			await page.getByRole('button', { name: 'Run', exact: true }).click();
			await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 120_000 });
			await page.getByRole('heading', { name: 'Score new customers' }).waitFor();
			await page.getByText('Box plots of each feature by segment').click();
			await page.getByText('Correlations between numeric columns').click();
			await page.waitForTimeout(500);
			const figs = page.locator('figure:has(svg), svg[role="img"]:not(figure svg)');
			const n = await figs.count();
			for (let i = 0; i < n; i++) {
				const f = figs.nth(i);
				if (!(await f.isVisible())) continue;
				await f.screenshot({ path: `${out}/${width}-${scheme}-${String(i).padStart(2, '0')}.png` }).catch(() => {});
			}
			await page.screenshot({ path: `${out}/${width}-${scheme}-page.png`, fullPage: true });
			if (docs && ((width === 1440 && scheme === 'light') || (width === 390 && scheme === 'dark'))) {
				const from = width === 1440 ? 'Every metric against k' : 'Map of the segments';
				const heading = page.getByRole('heading', { name: from });
				await heading.scrollIntoViewIfNeeded();
				const box = (await heading.boundingBox())!;
				const y = box.y + (await page.evaluate(() => window.scrollY)) - 12;
				await page.screenshot({ path: `${DOCS}charts-${width}-${scheme}.png`, fullPage: true, clip: { x: 0, y, width, height: width === 1440 ? 820 : 1000 } });
			}
			console.log(`${width} ${scheme}: ${n} charts`);
		} finally {
			await app.close();
		}
	}
}

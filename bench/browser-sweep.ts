/**
 * The browser sweep both browser benches time (kmeans-browser: k-means with 10 restarts; metrics-browser: every
 * metric but gap) and sweep.bench.ts (the defaults): a 100,000 × 8 blobs CSV uploaded to the built site, then Run,
 * timed until the last k is in (Cancel gone).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { blobs, dataDir } from './engine-bench-util';
import { gotoStep, launchApp } from '../tests/e2e/harness';

export async function timeSweep(prepare?: (page: Page) => Promise<void>): Promise<{ ms: number; head: string; cores: number }> {
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
		await prepare?.(page);
		const t = Date.now();
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ timeout: 30_000 });
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 300_000 });
		const ms = Date.now() - t;
		// The recommendation is on the "How many" step.
		await gotoStep(page, 'How many');
		const head = (await page.getByRole('heading', { name: /Recommended k/ }).textContent({ timeout: 30_000 }))?.trim() ?? '';
		const cores = await page.evaluate(() => navigator.hardwareConcurrency);
		return { ms, head, cores };
	} finally {
		await app.close();
	}
}

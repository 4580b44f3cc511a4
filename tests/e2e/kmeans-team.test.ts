/**
 * One k-means run on every core in the page (engine/cluster/kmeans-team.ts): on a cross-origin-isolated page the
 * engine worker starts helper threads sharing the run's memory and the progress line says how many cores it uses;
 * without isolation (no shared memory) the run stays on one thread. Both give the same segments row for row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ISOLATION_HEADERS, launchApp, readCsv } from './harness';
import { Rng } from '../../src/lib/engine/random';

const ROWS = 110_000;

describe('k-means across cores in the page', () => {
	let dir: string;
	let csv: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'segment-lab-team-'));
		csv = join(dir, 'customers.csv');
		const rng = new Rng(5);
		const lines = ['id,spend,visits,tenure,basket'];
		for (let i = 0; i < ROWS; i++) {
			const g = i % 5;
			lines.push([`c${i}`, ...[0, 1, 2, 3].map((j) => (g * (j % 2 ? 1.1 : -0.9) + 1.4 * rng.normal()).toFixed(3))].join(','));
		}
		writeFileSync(csv, lines.join('\n') + '\n');
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Runs k = 2..4 and returns the progress line seen during the run and the downloaded segment column. */
	async function run(headers: Record<string, string>): Promise<{ cores: number; isolated: boolean; seen: string; seenAgain: string; helpersDuring: number; helpersAfter: number; segments: string[] }> {
		const app = await launchApp({ headers });
		try {
			const { page } = app;
			await page.locator('input[type="file"]').first().setInputFiles(csv);
			await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 120_000 });
			// The step rail (nav "Steps"): the run's settings are in Cluster, the results file in Export.
			const step = (name: RegExp) => page.getByRole('link', { name }).filter({ visible: true }).first().click();
			await step(/^\d?\s*Cluster/);
			await page.getByLabel('Largest k').fill('4');
			await page.getByLabel('Largest k').press('Tab');
			await page.getByRole('button', { name: 'Run', exact: true }).click();
			const status = page.getByRole('status').filter({ hasText: /using \d+ of \d+ cores/ });
			await status.first().waitFor({ timeout: 120_000 });
			const seen = (await status.first().textContent()) ?? '';
			const helpersDuring = page.workers().filter((w) => w.url().includes('kmeans-helper')).length;
			await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
			// The map's input is the run's matrix (a view of shared memory when isolated, else a copy): it must draw.
			await step(/^\d?\s*Map/);
			await page.getByRole('button', { name: 'Download chart (SVG)' }).waitFor({ timeout: 60_000 });
			await step(/^\d?\s*Export/);
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
			const rows = readCsv(readFileSync((await download.path())!, 'utf8'));
			const seg = rows[0].indexOf('segment');
			const { cores, isolated } = await page.evaluate(() => ({ cores: navigator.hardwareConcurrency, isolated: crossOriginIsolated }));
			// The sweep's k-means team (its helper threads and shared memory) is ended once the sweep is over; the next
			// run starts a new one and still uses every core.
			const helpers = () => page.workers().filter((w) => w.url().includes('kmeans-helper')).length;
			const helpersAfter = helpers();
			await step(/^\d?\s*Cluster/);
			await page.getByLabel('Largest k').fill('3');
			await page.getByLabel('Largest k').press('Tab');
			await page.getByRole('button', { name: 'Run', exact: true }).click();
			await status.first().waitFor({ timeout: 120_000 });
			const seenAgain = (await status.first().textContent()) ?? '';
			await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
			return { cores, isolated, seen, seenAgain, helpersDuring, helpersAfter, segments: rows.slice(1).filter((r) => r.length > 1).map((r) => r[seg]) };
		} finally {
			await app.close();
		}
	}

	it('uses every core when isolated, one otherwise, with identical segments', async () => {
		const shared = await run(ISOLATION_HEADERS);
		const alone = await run({});
		expect(shared.isolated).toBe(true);
		expect(alone.isolated).toBe(false);
		console.log(`isolated: "${shared.seen.trim()}"; not isolated: "${alone.seen.trim()}"`);
		expect(shared.seen).toContain(`using ${shared.cores} of ${shared.cores} cores`);
		expect(alone.seen).toContain(`using 1 of ${alone.cores} cores`);
		console.log(`isolated, the next run: "${shared.seenAgain.trim()}"; helper threads during the first sweep: ${shared.helpersDuring}, after it: ${shared.helpersAfter}`);
		expect(shared.helpersDuring).toBe(shared.cores - 1);
		expect(shared.helpersAfter).toBe(0);
		expect(shared.seenAgain).toContain(`using ${shared.cores} of ${shared.cores} cores`);
		expect(shared.segments.length).toBe(ROWS);
		let differing = 0;
		for (let i = 0; i < ROWS; i++) if (shared.segments[i] !== alone.segments[i]) differing++;
		expect(differing).toBe(0);
	}, 400_000);
});

/**
 * Issue 17: Cancel stops a long job within 200 ms, timed by the page's own clock (cancel-timing.ts: from the click
 * event to the page idle with the job gone and a "cancelled" message shown), on a 300,000-row customer file (the
 * journey bench's generator, bench/journey-data.ts) served cross-origin isolated as `npm start` serves it:
 * - reading the file (its worker is terminated; the page says so, and the same file can be chosen again);
 * - the k-means sweep (its worker is terminated; the previous state and an honest message stay);
 * - the results CSV (its worker stops at its next checkpoint and keeps the loaded table; no file is saved, and
 *   the next download runs to the end and holds every row).
 * Up to three attempts each (the machine is shared); the best must meet the target, and every attempt is printed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCustomers } from '../../bench/journey-data';
import { CANCEL_TARGET_MS, timeCancel, type CancelTiming } from './cancel-timing';
import { foreignRequests, gotoStep, ISOLATION_HEADERS, launchApp, type App } from './harness';

const ROWS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'segment-lab-cancel-'));
const csv = join(dir, 'customers.csv');

describe(`Cancel on a ${ROWS.toLocaleString('en')}-row file`, () => {
	let app: App;
	beforeAll(async () => {
		await writeCustomers(csv, ROWS);
		app = await launchApp({ headers: ISOLATION_HEADERS });
	});
	afterAll(async () => {
		await app?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const best = (label: string, tries: CancelTiming[]) => {
		console.log(`${label}: Cancel click → idle ${tries.map((t) => `${t.ms.toFixed(0)} ms (at "${t.stage}")`).join(', ')}`);
		return Math.min(...tries.map((t) => t.ms));
	};

	it('stops reading the file within 200 ms and says so; the same file chosen again then loads', async () => {
		const { page } = app;
		const input = page.locator('input[type="file"]').first();
		const tries: CancelTiming[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			await input.setInputFiles(csv);
			await page.getByRole('status').filter({ hasText: /Reading customers\.csv/ }).waitFor({ timeout: 60_000 });
			await page.waitForTimeout(300);
			tries.push(await timeCancel(page, page.getByRole('button', { name: 'Cancel', exact: true }), /was cancelled/));
			if (tries[tries.length - 1].ms <= CANCEL_TARGET_MS) break;
		}
		expect(best('load', tries)).toBeLessThanOrEqual(CANCEL_TARGET_MS);
		for (const t of tries) expect(t.stage).toMatch(/Reading customers\.csv/);
		await expect(page.getByText('Loading “customers.csv” was cancelled. Choose a file to load.').count()).resolves.toBe(1);
		// The same file again: the input was emptied, so the browser reports the choice.
		await input.setInputFiles(csv);
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 120_000 });
	});

	it('stops the k-means sweep within 200 ms and says so', async () => {
		const { page } = app;
		const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
		const tries: CancelTiming[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			await page.getByRole('button', { name: 'Run', exact: true }).click();
			await page.getByRole('status').filter({ hasText: /k-means, k = \d/ }).first().waitFor({ timeout: 120_000 });
			await page.waitForTimeout(300);
			tries.push(await timeCancel(page, cancel, /Cancelled/));
			expect(tries[tries.length - 1].stage).toMatch(/k-means, k = \d/);
			if (tries[tries.length - 1].ms <= CANCEL_TARGET_MS) break;
		}
		expect(best('sweep', tries)).toBeLessThanOrEqual(CANCEL_TARGET_MS);
		await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
		await expect(page.getByRole('button', { name: 'Run', exact: true }).isEnabled()).resolves.toBe(true);
	});

	it('stops the results CSV within 200 ms, writes nothing, and the next download holds every row', async () => {
		const { page } = app;
		// A quick complete run to export (k = 3, one restart); the worker Cancel terminated reads the file again.
		await gotoStep(page, 'Cluster');
		for (const [label, v] of [['Smallest k', '3'], ['Largest k', '3'], ['Restarts', '1']] as const) {
			await page.getByLabel(label, { exact: true }).fill(v);
			await page.getByLabel(label, { exact: true }).press('Tab');
		}
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor({ state: 'detached', timeout: 170_000 });
		await gotoStep(page, 'Export');
		let downloads = 0;
		page.on('download', () => downloads++);
		const tries: CancelTiming[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			await page.getByRole('button', { name: 'Download results (CSV)' }).click();
			// At once: 300,000 rows are written in under a second on a quiet machine.
			await page.getByRole('status').filter({ hasText: 'Writing the results file' }).waitFor({ timeout: 60_000 });
			tries.push(await timeCancel(page, page.getByRole('button', { name: 'Cancel', exact: true }), /no results file was written/));
			if (tries[tries.length - 1].ms <= CANCEL_TARGET_MS) break;
		}
		expect(best('results CSV', tries)).toBeLessThanOrEqual(CANCEL_TARGET_MS);
		for (const t of tries) expect(t.stage).toMatch(/Writing the results file/);
		await page.waitForTimeout(500);
		expect(downloads).toBe(0);
		// Again, to the end: every row is in the file.
		const t0 = Date.now();
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const text = readFileSync((await download.path())!, 'utf8');
		console.log(`results CSV after the cancels: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${(text.length / 2 ** 20).toFixed(1)} MB`);
		expect(text.trimEnd().split('\n').length).toBe(ROWS + 1);
		await expect(page.getByText('no results file was written').count()).resolves.toBe(0);
		expect(app.consoleErrors).toEqual([]);
		expect(foreignRequests(app)).toEqual([]);
	});
});

/**
 * Issue 17: Cancel stops a long job within 200 ms, timed by the page's own clock (cancel-timing.ts: from the click
 * event to the page idle with the job gone and a "cancelled" message shown), on a 300,000-row customer file (the
 * journey bench's generator, bench/journey-data.ts) served cross-origin isolated as `npm start` serves it:
 * - reading the file (its worker is terminated; the page says so, and the same file can be chosen again);
 * - the k-means sweep (its worker is terminated; the previous state and an honest message stay);
 * - the results CSV (its worker stops at its next checkpoint and keeps the loaded table; no file is saved, and
 *   the next download runs to the end and holds every row);
 * - the rules the Segments step finds on opening (the worker stops at its next checkpoint; nothing of them stays on
 *   show; found again, they are the same as found without a Cancel);
 * - the PCA map of more than 200,000 rows (its density worker is stopped and the fetch of the rows given up; the map
 *   leaves the page; drawn again, it is the same picture, pixel for pixel).
 * Up to three attempts each (the machine is shared); the best must meet the target, and every attempt is printed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCustomers } from '../../bench/journey-data';
import { CANCEL_TARGET_MS, timeCancel, timeCancelOnSight, type CancelTiming } from './cancel-timing';
import { axe } from './axe';
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
	it('stops the rules and the PCA map within 200 ms each; started again, they give the same result', async () => {
		const { page } = app;
		const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
		// Two values of k (one restart), so that the rules of one k can be found afresh after those of the other.
		await gotoStep(page, 'Cluster');
		for (const [label, v] of [['Smallest k', '7'], ['Largest k', '8'], ['Restarts', '1']] as const) {
			await page.getByLabel(label, { exact: true }).fill(v);
			await page.getByLabel(label, { exact: true }).press('Tab');
		}
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await cancel.waitFor({ state: 'detached', timeout: 170_000 });
		const shownK = await page.getByLabel('Number of segments (k)').inputValue();
		const otherK = shownK === '7' ? '8' : '7';
		const setK = async (k: string) => {
			await page.getByLabel('Number of segments (k)').fill(k);
			await page.getByLabel('Number of segments (k)').press('Tab');
		};
		const rulesStatus = page.getByRole('status').filter({ hasText: /rule labels cost/ });
		const rulesTable = page.getByRole('table', { name: /^Rules at \d+ leaves/ });
		const rulesShown = async () => `${(await rulesStatus.textContent())?.replace(/\s+/g, ' ')}\n${await rulesTable.innerText()}`;

		// A file read again would show in a progress line: counted from here, it must not happen (the worker stops
		// the rules at a checkpoint and keeps its table; terminated, it would read the file again on the next call).
		await page.evaluate(() => {
			const w = window as unknown as { __reads: number };
			w.__reads = 0;
			new MutationObserver(() => {
				if ([...document.querySelectorAll('[role="status"]')].some((e) => /Reading customers\.csv/.test(e.textContent ?? ''))) w.__reads++;
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		// Rules: Cancel while they are being found (on opening the step, then after changing k).
		await gotoStep(page, 'Segments');
		const tries: CancelTiming[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			if (attempt > 0) await setK(attempt % 2 ? otherK : shownK);
			await page.getByRole('status').filter({ hasText: /Finding rules/ }).first().waitFor({ timeout: 60_000 });
			tries.push(await timeCancel(page, cancel, /Finding the rules was cancelled/));
			expect(tries[tries.length - 1].stage).toMatch(/Finding rules/);
			// Nothing of the cancelled rules on show: no rule set, no trade-off chart, no download.
			await expect(rulesTable.count()).resolves.toBe(0);
			await expect(page.getByRole('button', { name: 'Download rules (SQL)' }).count()).resolves.toBe(0);
			if (tries[tries.length - 1].ms <= CANCEL_TARGET_MS) break;
		}
		expect(best('rules', tries)).toBeLessThanOrEqual(CANCEL_TARGET_MS);
		expect(await axe(page)).toEqual([]);
		// Found again: the engine worker kept its table (no file read again), and the rules are those found without a Cancel.
		const k = await page.getByLabel('Number of segments (k)').inputValue();
		await page.getByRole('button', { name: 'Find rules' }).focus();
		await page.keyboard.press('Enter');
		// The progress line itself (the same component as every other job's): labelled, its Cancel reachable by Tab.
		// (Found afresh after the Cancel: about a second on this file, long enough to check it while it shows.)
		const line = page.getByRole('status').filter({ hasText: /Finding rules/ }).first();
		await expect(line.getByRole('button', { name: 'Cancel', exact: true }).evaluate((b) => b.tabIndex)).resolves.toBe(0);
		expect(await axe(page)).toEqual([]);
		await rulesTable.waitFor({ timeout: 60_000 });
		const again = await rulesShown();
		await setK(k === '7' ? '8' : '7');
		await rulesTable.waitFor({ state: 'detached' });
		await rulesTable.waitFor({ timeout: 60_000 });
		await setK(k);
		await rulesTable.waitFor({ state: 'detached' });
		await rulesTable.waitFor({ timeout: 60_000 });
		expect(await rulesShown()).toBe(again);
		await expect(page.evaluate(() => (window as unknown as { __reads: number }).__reads)).resolves.toBe(0);

		// The PCA map: drawn to the end once (the reference picture), then opened again and cancelled while it is drawn.
		const canvas = page.locator('canvas[data-points]');
		const picture = async () => {
			await page.getByRole('status').filter({ hasText: /Drawing the map/ }).waitFor({ state: 'detached', timeout: 60_000 });
			await canvas.waitFor({ timeout: 60_000 });
			return canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
		};
		await gotoStep(page, 'Map');
		const reference = await picture();
		const mapTries: CancelTiming[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			await gotoStep(page, 'Export');
			// Drawn in a few hundred milliseconds: the page clicks Cancel as soon as the line shows it (cancel-timing.ts).
			mapTries.push(await timeCancelOnSight(page, /Drawing the map/, /Drawing the map was cancelled/, () => gotoStep(page, 'Map')));
			expect(mapTries[mapTries.length - 1].stage).toMatch(/Drawing the map of 300,000 rows/);
			// Nothing of the cancelled map on show.
			await expect(page.locator('canvas').count()).resolves.toBe(0);
			await expect(page.getByRole('button', { name: 'Download chart (SVG)' }).count()).resolves.toBe(0);
			if (mapTries[mapTries.length - 1].ms <= CANCEL_TARGET_MS) break;
		}
		expect(best('PCA map', mapTries)).toBeLessThanOrEqual(CANCEL_TARGET_MS);
		expect(await axe(page)).toEqual([]);
		await page.getByRole('button', { name: 'Draw the map' }).focus();
		await page.keyboard.press('Enter');
		expect(await picture()).toBe(reference);
		expect(app.consoleErrors).toEqual([]);
		expect(foreignRequests(app)).toEqual([]);
	});
});

/**
 * Choosing k with evidence, in the built site: the sweep fills in as each k finishes, Cancel keeps the finished k
 * values, the recommendation names its evidence, stability labels appear per segment, and two solutions compare
 * with a flow chart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';

describe('choosing k, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
		await app.page.getByRole('button', { name: 'Try the demo data' }).click();
		await app.page.getByRole('heading', { name: /Columns/ }).waitFor();
	});
	afterAll(async () => {
		await app?.close();
	});

	const finishedSoFar = async (): Promise<number | null> => {
		const h = app.page.getByRole('heading', { name: /Recommended k/ });
		if ((await h.count()) === 0) return null;
		const m = /on (\d+) of \d+ values of k/.exec((await h.textContent()) ?? '');
		return m ? Number(m[1]) : 9;
	};

	it('fills the charts in as each k finishes, then recommends k = 6 and names its evidence', async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		const seen = new Set<number>();
		const t0 = Date.now();
		for (;;) {
			const n = await finishedSoFar();
			if (n !== null) seen.add(n);
			if (n === 9 && !(await page.getByRole('button', { name: 'Cancel' }).count())) break;
			if (Date.now() - t0 > 120_000) throw new Error(`sweep did not finish; saw ${[...seen]}`);
			await page.waitForTimeout(40);
		}
		// At least one partial state (some but not all k values) was on screen before the end.
		expect([...seen].some((n) => n >= 1 && n < 9)).toBe(true);
		await expect(page.getByRole('heading', { name: 'Recommended k = 6' }).count()).resolves.toBe(1);
		const evidence = (await page.getByRole('list', { name: 'Evidence for the recommendation' }).textContent()) ?? '';
		expect(evidence).toMatch(/Mean silhouette.*Davies–Bouldin.*k = 6/);
		expect(evidence).toMatch(/knee is at k = \d+ \(Kneedle, sensitivity S = 1/);
		expect(evidence).toMatch(/5–8 segments/);
		for (const name of ['Elbow: inertia by k', 'Mean silhouette by k', 'Davies–Bouldin by k', 'Calinski–Harabasz by k']) {
			await expect(page.getByRole('img', { name: new RegExp(name) }).count()).resolves.toBe(1);
		}
		const plot = page.getByRole('img', { name: /Silhouette plot for 6 segments/ });
		await expect(plot.count()).resolves.toBe(1);
		await expect(page.getByRole('list', { name: 'Negative silhouettes per segment' }).getByRole('listitem').count()).resolves.toBe(6);
	});

	it('accepting another k moves every view', async () => {
		const { page } = app;
		await page.getByLabel('Number of segments (k)').fill('4');
		await page.getByLabel('Number of segments (k)').press('Enter');
		await page.getByRole('img', { name: /Silhouette plot for 4 segments/ }).waitFor();
		await page.getByRole('button', { name: 'Accept k = 6' }).click();
		await gotoStep(page, 'Segments');
		await page.getByRole('table', { name: /Segment sizes.*k = 6/ }).waitFor();
		await gotoStep(page, 'How many');
		await expect(page.getByRole('img', { name: /Silhouette plot for 6 segments/ }).count()).resolves.toBe(1);
	});

	it('computes stability on request and labels every segment', async () => {
		const { page } = app;
		await page.getByLabel('Stability (bootstrap)').check();
		await page.getByLabel('Resamples (B)').fill('3');
		await page.getByRole('button', { name: 'Run again with this evidence' }).click();
		await page.getByRole('img', { name: /Stability by k/ }).waitFor({ timeout: 170_000 });
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await gotoStep(page, 'Segments');
		const table = page.getByRole('table', { name: /Segment sizes/ });
		await expect(table.getByRole('columnheader', { name: /Stability \(Jaccard, 3 resamples\)/ }).count()).resolves.toBe(1);
		const rows = await table.getByRole('row').allTextContents();
		const segmentRows = rows.filter((t) => /Segment \d/.test(t));
		expect(segmentRows.length).toBeGreaterThan(1);
		for (const t of segmentRows) expect(t).toMatch(/(stable|doubtful|dissolving) \(\d\.\d\d\)/);
		await gotoStep(page, 'How many');
		const evidence = (await page.getByRole('list', { name: 'Evidence for the recommendation' }).textContent()) ?? '';
		expect(evidence).toMatch(/resampling gives a mean ARI of/);
	});

	it('compares two solutions with ARI, NMI, a contingency table and a flow chart', async () => {
		const { page } = app;
		const first = page.getByLabel('First solution');
		const second = page.getByLabel('Second solution');
		const opts = await first.locator('option').allTextContents();
		expect(opts.some((o) => /Run 1 .*k = 5/.test(o))).toBe(true);
		await first.selectOption({ label: opts.find((o) => /Run 2 .*k = 5/.test(o))! });
		await second.selectOption({ label: opts.find((o) => /Run 2 .*k = 6/.test(o))! });
		await page.getByRole('img', { name: /Flow of rows between the two solutions/ }).waitFor();
		const text = (await page.getByRole('region', { name: 'Compare two solutions' }).textContent()) ?? '';
		expect(text).toMatch(/adjusted Rand index 0\.\d{3}/);
		expect(text).toMatch(/normalised mutual information 0\.\d{3}/);
		const table = page.getByRole('table', { name: /Contingency table/ });
		await expect(table.getByRole('row').count()).resolves.toBe(6);
		// The same solution against itself: ARI 1.
		await second.selectOption({ label: opts.find((o) => /Run 2 .*k = 5/.test(o))! });
		await expect(page.getByRole('region', { name: 'Compare two solutions' }).textContent()).resolves.toMatch(/adjusted Rand index 1\.000/);
	});

	it('Cancel keeps the k values that finished', async () => {
		const { page } = app;
		await page.getByLabel('Resamples (B)').fill('6');
		await page.getByRole('button', { name: 'Run again with this evidence' }).click();
		const t0 = Date.now();
		let n: number | null = null;
		for (;;) {
			n = await finishedSoFar();
			if (n !== null && n >= 2 && n < 9) break;
			if (Date.now() - t0 > 150_000) throw new Error('no partial sweep seen');
			await page.waitForTimeout(40);
		}
		await page.getByRole('button', { name: 'Cancel' }).click();
		await page.getByText(/Cancelled\. The finished values of k \([\d, ]+\) are kept/).waitFor();
		const kept = await finishedSoFar();
		expect(kept).toBeGreaterThanOrEqual(2);
		expect(kept).toBeLessThan(9);
		await expect(page.getByRole('img', { name: /Mean silhouette by k/ }).count()).resolves.toBe(1);
		expect(app.consoleErrors).toEqual([]);
	});
});

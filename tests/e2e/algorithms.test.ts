/**
 * Every clustering algorithm from the page, in the built site on the demo data: pick it, run it in the workers,
 * see its own view (the dendrogram and its cut line, the k-distance plot and its eps line, membership
 * probabilities and BIC/AIC, HDBSCAN's condensed tree and noise count), and a clear message for an eps that
 * makes every row noise and for an HDBSCAN minimum cluster size above the row count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { foreignRequests, gotoStep, launchApp, readCsv, type App } from './harness';

describe('algorithms, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
		await app.page.getByRole('button', { name: 'Try the demo data' }).click();
		await app.page.getByRole('heading', { name: /Columns/ }).waitFor();
	});
	afterAll(async () => {
		await app?.close();
	});

	const runAndWait = async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
	};
	// A select's accessible name includes its chosen option ("Algorithm k-means").
	const picker = () => app.page.getByRole('combobox', { name: /^Algorithm/ });
	const pick = async (name: string) => {
		await gotoStep(app.page, 'Cluster');
		await picker().selectOption({ label: name });
	};

	it('offers every algorithm with its parameters and a one-line explanation', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		const options = await picker().locator('option').allTextContents();
		expect(options).toEqual(['k-means', 'Mini-batch k-means', 'Hierarchical (agglomerative)', 'DBSCAN (density)', 'Gaussian mixture', 'HDBSCAN (density, no eps)', 'PAM on Gower (numbers + categories)', 'k-prototypes (numbers + categories, large files)']);
		await pick('Mini-batch k-means');
		await expect(page.getByLabel('Batch size').inputValue()).resolves.toBe('1024');
		await expect(page.getByLabel('Reassignment ratio').inputValue()).resolves.toBe('0.01');
		await expect(page.getByText(/small random batches/).count()).resolves.toBe(1);
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		await runAndWait();
		await page.getByRole('heading', { name: /Mini-batch k-means \(batches of 1024\)/ }).waitFor();
		await page.getByRole('img', { name: /Mean silhouette by k/ }).waitFor();
	});

	it('hierarchical: a dendrogram whose cut line chooses k', async () => {
		const { page } = app;
		await pick('Hierarchical (agglomerative)');
		await page.getByLabel('Linkage').selectOption('average');
		await runAndWait();
		await page.getByRole('group', { name: 'Dendrogram' }).waitFor();
		const cut = page.getByRole('slider', { name: 'Cut height' });
		const before = Number(await page.getByLabel('Number of segments (k)').inputValue());
		await cut.focus();
		await cut.press(before > 2 ? 'ArrowUp' : 'ArrowDown');
		const expected = before > 2 ? before - 1 : before + 1;
		await expect.poll(async () => Number(await page.getByLabel('Number of segments (k)').inputValue())).toBe(expected);
		await expect(cut.getAttribute('aria-valuenow')).resolves.toBe(String(expected));
		// The pointer: dragging the line above the root leaves one cluster, outside the k range run, and says so.
		const box = (await page.getByRole('group', { name: 'Dendrogram' }).boundingBox())!;
		const line = (await cut.locator('line').boundingBox())!;
		await page.mouse.move(line.x + line.width / 2, line.y);
		await page.mouse.down();
		await page.mouse.move(line.x + line.width / 2, box.y + 2, { steps: 4 });
		await expect(cut.getAttribute('aria-valuenow')).resolves.toBe('1');
		await page.mouse.up();
		await page.getByRole('status').filter({ hasText: /That cut leaves 1 cluster, outside the k values run/ }).waitFor();
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe(String(expected));
		if (process.env.SHOT) await page.getByRole('group', { name: 'Dendrogram' }).screenshot({ path: '/tmp/dendro.png' });
	});

	it('DBSCAN: the k-distance plot, noise counted, a rerun from the eps line, and a clear message for a bad eps', async () => {
		const { page } = app;
		await pick('DBSCAN (density)');
		await expect(page.getByLabel('Largest k').count()).resolves.toBe(0);
		// Picking DBSCAN offers the knee of the 5-distance curve as eps, computed in the worker.
		await page.getByText(/The knee of the 5-distance curve suggests eps = \d/).waitFor();
		const suggested = Number(await page.getByLabel('Neighbourhood radius (eps)').inputValue());
		expect(suggested).toBeGreaterThan(0.3);
		expect(suggested).not.toBe(0.5);
		await page.getByLabel('Neighbourhood radius (eps)').fill('0.85');
		await page.getByLabel('Minimum points (minPts)').fill('5');
		await page.getByLabel('Minimum points (minPts)').press('Tab');
		await runAndWait();
		await page.getByRole('group', { name: 'k-distance plot' }).waitFor();
		await expect(page.getByText(/DBSCAN found \d+ segments? and [\d,]+ noise rows?/).count()).resolves.toBe(1);
		// Keyboard on the eps line: two steps up, Enter reruns DBSCAN with the new eps.
		const eps = page.getByRole('slider', { name: 'eps' });
		await eps.focus();
		await eps.press('ArrowUp');
		await eps.press('ArrowUp');
		const next = await eps.getAttribute('aria-valuenow');
		expect(Number(next)).toBeGreaterThan(0.85);
		await eps.press('Enter');
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await expect.poll(async () => page.getByRole('heading', { name: new RegExp(`DBSCAN with eps = ${next!.replace('.', '\\.')}`) }).count()).toBe(1);
		// An eps that leaves no core point: a message that says so and suggests an eps, and the last result stays.
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Neighbourhood radius (eps)').fill('0.0001');
		await page.getByLabel('Neighbourhood radius (eps)').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 60_000 });
		const text = (await alert.textContent()) ?? '';
		expect(text).toMatch(/makes every row noise/);
		expect(text).toMatch(/suggests eps ≈ \d/);
		await expect(page.getByRole('group', { name: 'k-distance plot' }).count()).resolves.toBe(1);
		if (process.env.SHOT) await page.getByRole('group', { name: 'k-distance plot' }).screenshot({ path: '/tmp/kdist.png' });
		await alert.getByRole('button', { name: 'Dismiss' }).click();
	});

	it('Gaussian mixture: BIC and AIC by k, membership probabilities and uncertain rows', async () => {
		const { page } = app;
		await pick('Gaussian mixture');
		await page.getByLabel('Covariance').selectOption('diag');
		await page.getByLabel('Smallest k').fill('2');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		await runAndWait();
		await page.getByRole('img', { name: /BIC by k/ }).waitFor();
		await expect(page.getByRole('img', { name: /AIC by k/ }).count()).resolves.toBe(1);
		const summary = page.getByText(/Log-likelihood .* BIC .* AIC/);
		await expect(summary.textContent()).resolves.toMatch(/rows?\s*\(\d+(\.\d)?%\) (is|are) uncertain: no segment has a membership probability of 0.6 or more/);
		const table = page.getByRole('table', { name: /Membership probabilities/ });
		if (await table.count()) {
			const rows = await table.getByRole('row').allTextContents();
			expect(rows.length).toBeGreaterThan(1);
			expect(rows[1]).toMatch(/uncertain/);
		}
		expect(app.consoleErrors).toEqual([]);
	});

	it('HDBSCAN: its own number of segments, the noise count, the condensed tree, probabilities in the CSV, and a clear message for a size above the rows', async () => {
		const { page } = app;
		await pick('HDBSCAN (density, no eps)');
		await expect(page.getByLabel('Largest k').count()).resolves.toBe(0);
		await expect(page.getByText(/DBSCAN over every density at once/).count()).resolves.toBe(1);
		await expect(page.getByLabel('Minimum cluster size').inputValue()).resolves.toBe('5');
		await expect(page.getByLabel(/Min samples/).inputValue()).resolves.toBe('');
		await page.getByLabel('Minimum cluster size').fill('50');
		await page.getByLabel('Minimum cluster size').press('Tab');
		await runAndWait();
		await page.getByRole('heading', { name: 'HDBSCAN with a minimum cluster size of 50' }).waitFor();
		const found = (await page.getByText(/HDBSCAN found \d+ segments? and [\d,]+ noise rows?/).textContent())!;
		const [, k, noise] = found.match(/found (\d+) segments? and ([\d,]+) noise/)!;
		expect(Number(k)).toBeGreaterThanOrEqual(2);
		await page.getByRole('img', { name: 'HDBSCAN condensed tree' }).waitFor();
		// One solution, its own k: no k to pick, and noise counted apart from the rows in segments.
		await expect(page.getByLabel('Number of segments (k)').count()).resolves.toBe(0);
		await expect(page.getByText(new RegExp(`Showing k = ${k}, the number of segments HDBSCAN found\\..*; ${noise} noise rows?`)).count()).resolves.toBe(1);
		// Nothing to recommend between values of k: the card says HDBSCAN found k, and keeps only stability and workability.
		await expect(page.getByRole('heading', { name: `HDBSCAN found k = ${k}` }).count()).resolves.toBe(1);
		await expect(page.getByRole('heading', { name: /Recommended k/ }).count()).resolves.toBe(0);
		await expect(page.getByRole('list', { name: 'Evidence for the recommendation' }).getByText(/Agree|Knee/).count()).resolves.toBe(0);
		if (process.env.SHOT) await page.getByRole('img', { name: 'HDBSCAN condensed tree' }).screenshot({ path: '/tmp/condensed.png' });
		const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HDBSCAN condensed tree as SVG' }).click()]);
		expect(svg.suggestedFilename()).toBe('customers-condensed-tree.svg');
		expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/<rect[^>]*fill="#0072B2"/i);
		// The download: every row, noise rows as segment -1, a membership probability of 0 for them and above 0 otherwise.
		await gotoStep(page, 'Export');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		const rows = readCsv(readFileSync((await download.path())!, 'utf8'));
		const head = rows[0];
		const seg = head.indexOf('segment'), prob = head.indexOf('membership_probability'), out = head.indexOf('outlier_score');
		expect(prob).toBeGreaterThan(0);
		expect(out).toBeGreaterThan(0);
		const body = rows.slice(1);
		expect(body).toHaveLength(5000);
		expect(body.filter((r) => r[seg] === '-1').length).toBe(Number(noise.replace(/,/g, '')));
		for (const r of body) expect(Number(r[prob]) === 0).toBe(r[seg] === '-1');
		expect(new Set(body.map((r) => r[seg]).filter((s) => s !== '-1')).size).toBe(Number(k));
		// A minimum cluster size above the row count: a message that says so and what to choose.
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Minimum cluster size').fill('6000');
		await page.getByLabel('Minimum cluster size').press('Tab');
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		const alert = page.getByRole('alert');
		await alert.waitFor({ timeout: 60_000 });
		await expect(alert.textContent()).resolves.toMatch(/minimum cluster size \(6000\) is larger than the number of rows \(5000\).*at most 2500/);
		await alert.getByRole('button', { name: 'Dismiss' }).click();
		expect(app.consoleErrors).toEqual([]);
		expect(foreignRequests(app)).toEqual([]);
	});
});

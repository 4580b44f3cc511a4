/**
 * One authoritative k, in the built site: the page shows the engine's recommended k after a run, says when the
 * shown k is another, offers "Try k up to …" when the recommendation sits at the top of the range; DBSCAN shows
 * no inertia and no one-point charts, and counts noise apart from the rows in segments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoStep, launchApp, type App } from './harness';
import { Rng } from '../../src/lib/engine/random';

describe('one authoritative k, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 1000 } } });
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
	const recommended = async () => Number(/Recommended k = (\d+)/.exec((await app.page.getByRole('heading', { name: /Recommended k = / }).textContent()) ?? '')![1]);

	it('a recommendation at the top of the range says so; "Try k up to" widens the range and reruns; the recommended k is shown', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByLabel('Largest k').fill('4');
		await page.getByLabel('Largest k').press('Tab');
		await runAndWait();
		expect(await recommended()).toBe(4);
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe('4');
		const evidence = (await page.getByRole('list', { name: 'Evidence for the recommendation' }).textContent()) ?? '';
		expect(evidence).toMatch(/k = 4 is the largest k tried \(2–4\): the best k may lie above it\. Try k up to 9\./);
		await page.getByRole('button', { name: 'Try k up to 9' }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await page.getByRole('heading', { name: /Recommended k = \d+$/ }).waitFor();
		const k = await recommended();
		expect(k).toBeGreaterThan(4);
		expect(k).toBeLessThan(9);
		await gotoStep(page, 'Cluster');
		await expect(page.getByLabel('Largest k').inputValue()).resolves.toBe('9');
		await gotoStep(page, 'How many');
		// The page shows the recommended k by default, and says so.
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe(String(k));
		await expect(page.getByText(`Showing k = ${k}, the recommended k.`).count()).resolves.toBe(1);
		// Another k: the page says it is not the recommended one.
		await page.getByLabel('Number of segments (k)').fill('3');
		await page.getByLabel('Number of segments (k)').press('Enter');
		await page.getByRole('status').filter({ hasText: `Showing k = 3, not the recommended k = ${k}` }).waitFor();
		await expect(page.getByText(`the recommended k is ${k}`).count()).resolves.toBe(1);
		if (process.env.SHOT) await page.getByRole('region', { name: /Recommended k/ }).screenshot({ path: '/tmp/rec-1440.png' });
	});

	it('Gaussian mixture: BIC votes as the mixture\'s own criterion; the BIC chart marks the engine\'s lowest, and the card names it', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption({ label: 'Gaussian mixture' });
		await page.getByLabel('Largest k').fill('7');
		await page.getByLabel('Largest k').press('Tab');
		await runAndWait();
		const bic = page.getByRole('img', { name: /BIC by k/ });
		await bic.waitFor();
		const desc = (await bic.locator('desc').textContent()) ?? '';
		const lowest = Number(/Lowest at k = (\d+)/.exec(desc)![1]);
		// The lowest BIC read back from the chart's own numbers.
		const values = [...desc.matchAll(/k = (\d+): (-?[\d,]+(?:\.\d+)?(?:e[-+]?\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2].replace(/,/g, ''))] as const);
		expect(values.length).toBe(6);
		expect(values.reduce((a, b) => (b[1] < a[1] ? b : a))[0], desc).toBe(lowest);
		const k = await recommended();
		const evidence = (await page.getByRole('list', { name: 'Evidence for the recommendation' }).textContent()) ?? '';
		if (k === lowest) expect(evidence).toMatch(/BIC \(the mixture's own criterion\)[^.]*k = \d+/);
		else expect(evidence).toContain(`BIC (the mixture's own criterion) prefers k = ${lowest}`);
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe(String(k));
	});

	it('DBSCAN: no inertia, no charts against k, noise counted apart from the rows in segments', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption({ label: 'DBSCAN (density)' });
		await page.getByText(/The knee of the 5-distance curve suggests eps = \d/).waitFor();
		await page.getByLabel('Neighbourhood radius (eps)').fill('0.85');
		await page.getByLabel('Neighbourhood radius (eps)').press('Tab');
		await runAndWait();
		await page.getByRole('heading', { name: /DBSCAN found k = \d+/ }).waitFor();
		const results = page.getByRole('region', { name: 'How many', exact: true });
		const text = (await results.textContent()) ?? '';
		expect(text).not.toMatch(/inertia/i);
		await expect(page.getByRole('img', { name: /by k/ }).count()).resolves.toBe(0);
		await expect(page.getByRole('heading', { name: 'Every metric against k' }).count()).resolves.toBe(0);
		await expect(page.getByLabel('Number of segments (k)').count()).resolves.toBe(0);
		await expect(page.getByRole('button', { name: /Try k up to/ }).count()).resolves.toBe(0);
		const m = /([\d,]+) of [\d,]+ rows are in segments; ([\d,]+) noise rows?/.exec(text);
		expect(m).not.toBeNull();
		const found = /DBSCAN found \d+ segments? and ([\d,]+) noise rows?/.exec(text);
		expect(found![1]).toBe(m![2]);
		const inSeg = Number(m![1].replace(/,/g, '')), noise = Number(m![2].replace(/,/g, ''));
		const total = Number(/of ([\d,]+) rows are in segments/.exec(text)![1].replace(/,/g, ''));
		expect(inSeg + noise).toBe(total);
		expect(noise).toBeGreaterThan(0);
		await expect(page.getByRole('heading', { name: 'Metrics of this solution' }).count()).resolves.toBe(1);
		if (process.env.SHOT) await results.screenshot({ path: '/tmp/dbscan-1440.png' });
	});

	it('HDBSCAN with its default minimum cluster size: a tiny segment\'s card offers segments of at least 2% of the rows, in one click', async () => {
		const { page } = app;
		await gotoStep(page, 'Cluster');
		await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption({ label: 'HDBSCAN (density, no eps)' });
		await runAndWait();
		await page.getByRole('heading', { name: /HDBSCAN found k = \d+/ }).waitFor();
		// 2% of the rows in segments (noise rows are in no segment).
		const text = (await page.getByText(/of 5,000 rows are in segments/).textContent()) ?? '';
		const inSegments = Number(/([\d,]+) of 5,000 rows are in segments/.exec(text)![1].replace(/,/g, ''));
		await gotoStep(page, 'Segments');
		const button = page.getByRole('button', { name: /^Require segments of at least \d+ rows and run again$/ }).first();
		await button.waitFor();
		const floor = Number(/at least (\d+) rows/.exec((await button.textContent()) ?? '')![1]);
		expect(floor).toBe(Math.ceil(0.02 * inSegments));
		await button.click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await expect(page.getByRole('note', { name: /^Very small segment \d+$/ }).count()).resolves.toBe(0);
		await gotoStep(page, 'How many');
		await page.getByRole('heading', { name: `HDBSCAN with a minimum cluster size of ${floor}` }).waitFor();
		await gotoStep(page, 'Cluster');
		await expect(page.getByLabel('Minimum cluster size').inputValue()).resolves.toBe(String(floor));
	});

	it('a segment of a few far rows gets a card naming outliers; its one click sets them aside and reruns', async () => {
		const { page } = app;
		const rng = new Rng(5);
		const lines = ['x,y'];
		for (let i = 0; i < 396; i++) lines.push(`${((i % 2 ? 3 : -3) + rng.normal()).toFixed(4)},${rng.normal().toFixed(4)}`);
		for (let i = 0; i < 4; i++) lines.push(`${(0.1 * i).toFixed(1)},${40 + i}`);
		await gotoStep(page, 'Data');
		await page.getByLabel('Upload data').setInputFiles({ name: 'far-rows.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
		await page.getByRole('heading', { name: /Columns/ }).waitFor();
		await runAndWait();
		await gotoStep(page, 'Segments');
		const card = page.getByRole('note', { name: /^Very small segment \d+$/ });
		await card.waitFor();
		expect(await card.textContent()).toMatch(/holds 1\.0% of the clustered rows \(4\), under 2%\. Likely cause: outliers: these rows lie 3 or more standard deviations from the overall mean on y\./);
		if (process.env.SHOT) await card.screenshot({ path: '/tmp/extreme-card.png' });
		await card.getByRole('button', { name: 'Set outliers aside (beyond 3 IQR) and run again' }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await page.getByRole('heading', { name: 'Who the segments are' }).waitFor();
		await expect(page.getByRole('note', { name: /segment \d+$/ }).count()).resolves.toBe(0);
		await gotoStep(page, 'How many');
		await page.getByRole('heading', { name: /Recommended k = 2$/ }).waitFor();
		await expect(page.getByText('396 of 400 rows clustered.').count()).resolves.toBe(1);
		await gotoStep(page, 'Prepare');
		await expect(page.getByLabel('Outlier action').inputValue()).resolves.toBe('setAside');
	});
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCustomers } from '../../scripts/demo/customers';
import { main } from '../../src/cli/main';
import { adjustedRandIndex } from '../../src/lib/engine/metrics/ari';
import { foreignRequests, gotoStep, launchApp, loadDemo, readCsv, STEP_LABELS, type App } from './harness';
import { axe } from './axe';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;
const WHOLESALE = new URL('../../static/demo/wholesale.csv', import.meta.url).pathname;

describe('the demo flow, in the built site', () => {
	let app: App;
	let browserCsv = '';
	let recipePath = '';
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-e2e-'));

	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('loads the demo, profiles columns and pre-selects numeric features', async () => {
		const { page } = app;
		await loadDemo(page);
		await expect(page.getByLabel('Use customer_id as a feature').isChecked()).resolves.toBe(false);
		await expect(page.getByLabel('Use total_purchases as a feature').isChecked()).resolves.toBe(true);
		const columns = page.getByRole('table', { name: 'Column profiles' });
		await expect(columns.getByRole('row', { name: /customer_id/ }).textContent()).resolves.toMatch(/id-like/);
		await expect(columns.getByRole('row', { name: /email_open_rate/ }).textContent()).resolves.toMatch(/numeric/);
	});

	it('runs k-means for k = 2..10 and shows the evidence, k = 6 chosen by silhouette', async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		// Results fill in as each k finishes; the recommendation is final when the sweep is.
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 120_000 });
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe('6');
		await gotoStep(page, 'How many');
		await expect(page.getByRole('img', { name: /Elbow: inertia by k/ }).count()).resolves.toBe(1);
		await expect(page.getByRole('img', { name: /Mean silhouette by k/ }).count()).resolves.toBe(1);
		await gotoStep(page, 'Map');
		const scatter = page.getByRole('img', { name: /principal components/ });
		await expect(scatter.getAttribute('aria-labelledby')).resolves.toBeTruthy();
		await expect(page.getByText(/PC1 \(\d+\.\d% of variance\)/).count()).resolves.toBe(1);
		await gotoStep(page, 'Segments');
		const table = page.getByRole('table', { name: /Segment sizes/ });
		await expect(table.getByRole('row').count()).resolves.toBe(7);
	});

	it('follows another k in every view', async () => {
		const { page } = app;
		await page.getByLabel('Number of segments (k)').fill('4');
		await page.getByLabel('Number of segments (k)').press('Enter');
		await page.getByRole('table', { name: /k = 4/ }).waitFor();
		await expect(page.getByRole('table', { name: /k = 4/ }).getByRole('row').count()).resolves.toBe(5);
		await gotoStep(page, 'Map');
		await expect(page.getByRole('img', { name: /k = 4/ }).count()).resolves.toBe(1);
		await page.getByLabel('Number of segments (k)').fill('6');
		await page.getByLabel('Number of segments (k)').press('Enter');
		await gotoStep(page, 'Segments');
		await page.getByRole('table', { name: /k = 6/ }).waitFor();
	});

	it('passes axe-core with no violations after a run, with every collapsible view opened, and with a file scored', async () => {
		const { page } = app;
		for (const step of STEP_LABELS) {
			await gotoStep(page, step);
			expect(await axe(page), `${step}, after the run`).toEqual([]);
			// Every <details> open, so collapsed views are checked too.
			await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
			expect(await axe(page), `${step}, with every collapsible view open`).toEqual([]);
		}
		await gotoStep(page, 'Export');
		// The score view with its results: the run's model applied to the demo file.
		const [model] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download model (JSON)' }).click()]);
		const modelPath = join(dir, 'axe-model.json');
		await model.saveAs(modelPath);
		await gotoStep(page, 'Score');
		await page.getByLabel('Model file (JSON)').setInputFiles(modelPath);
		await page.getByLabel('New customers file').setInputFiles(DEMO);
		await page.getByRole('button', { name: 'Score file' }).click();
		await page.getByRole('table', { name: /Drift per feature/ }).waitFor({ timeout: 60_000 });
		expect(await axe(page), 'with a scored file').toEqual([]);
	});

	it('has a step rail that reaches every step and marks the one on show', async () => {
		const { page } = app;
		const nav = page.getByRole('navigation', { name: 'Steps' });
		const names = (await nav.getByRole('link').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
		expect(names.map((n) => n.replace(/^\S+ /, '').replace(/ (done|out of date|uses a saved model).*$/, ''))).toEqual(STEP_LABELS);
		for (const step of STEP_LABELS) {
			await gotoStep(page, step);
			await expect(nav.locator('[aria-current="step"]').textContent()).resolves.toMatch(new RegExp(`^\\S+\\s*${step}`));
			expect(new URL(page.url()).searchParams.get('step')).toBe(step.toLowerCase().replace(' ', '-'));
		}
	});

	it('offers every evidence chart as SVG and PNG (the silhouette plot with its canvas of bars inside)', async () => {
		const { page } = app;
		const save = async (name: string) => {
			const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
			return { file: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
		};
		await gotoStep(page, 'How many');
		const elbow = await save('Download Elbow: inertia by k as SVG');
		expect(elbow.file).toBe('customers-inertia-by-k.svg');
		const text = elbow.bytes.toString('utf8');
		expect(text).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*xmlns/);
		expect(text).toContain('number of segments k');
		expect(text.match(/<circle/g)?.length).toBe(9);
		const png = await save('Download Mean silhouette by k as PNG');
		expect(png.file).toBe('customers-silhouette-by-k.png');
		expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
		const sil = await save('Download Silhouette plot for 6 segments as SVG');
		expect(sil.file).toBe('customers-silhouette-k6.svg');
		expect(sil.bytes.toString('utf8')).toMatch(/<image[^>]*href="data:image\/png;base64,/);
		await expect(page.getByRole('button', { name: /^Download Flow of rows between the two solutions as PNG$/ }).count()).resolves.toBe(1);
	});

	it('downloads every row in order with a segment that recovers the planted segments', async () => {
		const { page } = app;
		await gotoStep(page, 'Export');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		browserCsv = readFileSync((await download.path())!, 'utf8');
		const original = readCsv(readFileSync(DEMO, 'utf8'));
		const rows = readCsv(browserCsv);
		expect(rows.length).toBe(original.length);
		expect(rows[0]).toEqual([...original[0], 'segment', 'segment_name', 'status', 'silhouette', 'distance_to_centre']);
		const width = original[0].length;
		for (let i = 1; i < rows.length; i++) expect(rows[i].slice(0, width)).toEqual(original[i]);
		const seg = Int32Array.from(rows.slice(1), (r) => Number(r[width]));
		expect(Math.min(...seg)).toBe(1);
		expect(Math.max(...seg)).toBe(6);
		expect(adjustedRandIndex(seg, generateCustomers().truth)).toBeGreaterThanOrEqual(0.9);
	});

	it('downloads a recipe that gives the same labels on the command line', async () => {
		const { page } = app;
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recipe (JSON)' }).click()]);
		recipePath = join(dir, 'recipe.json');
		writeFileSync(recipePath, readFileSync((await download.path())!, 'utf8'));
		const recipe = JSON.parse(readFileSync(recipePath, 'utf8'));
		expect(recipe.k).toBe(6);
		expect(recipe.source.name).toBe('customers.csv');
		const out = join(dir, 'cli.csv');
		const code = await main(['run', '--input', DEMO, '--recipe', recipePath, '--out', out]);
		expect(code).toBe(0);
		// Same rows, ids, segments, names and statuses, cell for cell; the per-row measures (silhouette, distance to
		// the centre) are written at full precision, and the page's WebAssembly kernels and Node's may sum in another
		// order, so those agree to 1e-12 rather than to the last bit.
		const cli = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
		const web = browserCsv.trimEnd().split('\n').map((l) => l.split(','));
		expect(cli.length).toBe(web.length);
		expect(cli[0]).toEqual(web[0]);
		const measured = new Set(['silhouette', 'distance_to_centre'].map((c) => web[0].indexOf(c)).filter((j) => j >= 0));
		expect(measured.size).toBe(2);
		for (let i = 1; i < web.length; i++) {
			expect(cli[i].length).toBe(web[i].length);
			web[i].forEach((cell, j) => {
				if (measured.has(j)) expect(Math.abs(Number(cli[i][j]) - Number(cell))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(cell))));
				else expect(cli[i][j]).toBe(cell);
			});
		}
	});

	it('made no request outside the page’s own origin and logged no errors', () => {
		expect(foreignRequests(app)).toEqual([]);
		expect(app.requests.filter((r) => r.afterLoad).every((r) => r.method === 'GET')).toBe(true);
		expect(app.consoleErrors).toEqual([]);
	});
});

describe('uploading and bad input', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	async function upload(name: string, content: string | Buffer) {
		await app.page.getByLabel('Upload data').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
	}

	it.each([
		['empty.csv', '', /is empty/],
		['header.csv', 'a,b,c\n', /no data rows/],
		['words.csv', 'name,city\nAnn,Porto\nBo,Lisbon\n', /no numeric column/],
		['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]), /not a table|not look like a text file/],
		['broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 1, 2, 3, 0, 0, 0]), /could not be read/],
		['notes.txt', 'Meeting notes\nCall the supplier\nOrder more paper\n', /not look like a delimited table/]
	])('%s gets a specific message and the app stays usable', async (name, content, message) => {
		await upload(name, content);
		const alert = app.page.getByRole('alert');
		await alert.waitFor();
		await expect(alert.textContent()).resolves.toMatch(message);
		await app.page.getByRole('button', { name: 'Dismiss' }).click();
	});

	it('uploads a real file through the input and segments it', async () => {
		await upload('wholesale.csv', readFileSync(WHOLESALE));
		await app.page.getByText('wholesale.csv').first().waitFor();
		await app.page.getByRole('button', { name: 'Run', exact: true }).click();
		await app.page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 60_000 });
		await gotoStep(app.page, 'Segments');
		await expect(app.page.getByRole('table', { name: /Segment sizes/ }).textContent()).resolves.toMatch(/Grocery/);
		expect(app.consoleErrors).toEqual([]);
		expect(foreignRequests(app)).toEqual([]);
	});
});

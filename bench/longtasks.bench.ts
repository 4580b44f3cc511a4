/**
 * The longest main-thread task of each step after a large run, in the built site in headless Chromium: a generated
 * 1,000,000 × 4 numeric CSV (4 blobs, written once to bench/.data), loaded, k-means with one k (k range 4..4),
 * Run, then How many, Segments, Map and Export in turn and the results CSV downloaded. Per step: the longest task
 * the Long Tasks API saw (and how many were over 50 ms). Target (#16, #17): no main-thread task over 100 ms.
 * LONGTASKS_PROFILE=1 also prints, per step, where the main thread spent each busy stretch over 50 ms (CPU
 * profile; it slows the page, so its task lengths are not the figures to quote). LONGTASKS_ROWS: a smaller table.
 * LONGTASKS_DATA=journey: the journey bench's customer file instead (id, 8 skewed columns, 2 categorical, missing
 * cells; bench/journey-data.ts) with the page's default preparation, still k = 4.
 * Needs build/ (`npm run build`). Run: npm run bench -- longtasks
 */
import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { dataDir } from './engine-bench-util';
import { Rng } from '../src/lib/engine/random';
import { gotoStep, launchApp, longTasksWhile } from '../tests/e2e/harness';
import { profileWhile } from './profile-util';
import { writeCustomers } from './journey-data';

const n = Number(process.env.LONGTASKS_ROWS ?? 1_000_000);
const profile = process.env.LONGTASKS_PROFILE === '1';
const journey = process.env.LONGTASKS_DATA === 'journey';
const csv = join(dataDir, journey ? `longtasks-customers-${n}.csv` : `longtasks-${n}x4.csv`);
if (journey && !existsSync(csv)) await writeCustomers(csv, n);
if (!existsSync(csv)) {
	const rng = new Rng(7);
	const out = createWriteStream(csv);
	let buf = 'a,b,c,d\n';
	for (let i = 0; i < n; i++) {
		const s = rng.int(4);
		buf += [0, 1, 2, 3].map((j) => (s * 3 * (j === s ? 1 : 0) + rng.normal()).toFixed(4)).join(',') + '\n';
		if (buf.length > 1 << 20) {
			if (!out.write(buf)) await once(out, 'drain');
			buf = '';
		}
	}
	out.end(buf);
	await once(out, 'finish');
}

console.log(`load average (1, 5, 15 min) at start: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (2 cores)`);
const app = await launchApp();
const rows: [string, number[], number][] = [];
try {
	const { page } = app;
	await page.evaluate('window.__name = (f) => f');
	/** Runs one step's work, recording its long tasks (and, with LONGTASKS_PROFILE=1, its busy stretches). */
	const step = async (name: string, work: () => Promise<void>) => {
		const t = Date.now();
		let tasks: number[] = [];
		const measured = async () => {
			tasks = await longTasksWhile(app, async () => {
				await work();
				await page.waitForTimeout(1500);
			});
		};
		const stretches = profile ? await profileWhile(page, measured) : (await measured(), []);
		rows.push([name, tasks, Date.now() - t]);
		console.log(`${name.padEnd(28)} longest task ${Math.max(0, ...tasks).toFixed(0).padStart(5)} ms (${tasks.length} over 50 ms)`);
		for (const s of stretches) console.log('   ' + s.slice(0, 1500));
	};
	await step('load the file', async () => {
		await page.locator('input[type="file"]').first().setInputFiles(csv);
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 600_000 });
	});
	await gotoStep(page, 'Cluster');
	for (const label of ['Largest k', 'Smallest k']) {
		await page.getByLabel(label, { exact: true }).fill('4');
		await page.getByLabel(label, { exact: true }).press('Tab');
	}
	await step('run k-means (k = 4)', async () => {
		await page.getByRole('button', { name: 'Run', exact: true }).first().click();
		await page.getByRole('button', { name: 'Cancel' }).first().waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 1_800_000 });
	});
	await step('How many', () => gotoStep(page, 'How many'));
	await step('Segments (personas)', async () => {
		await gotoStep(page, 'Segments');
		await page.getByRole('article', { name: /^Persona:/ }).first().waitFor({ timeout: 600_000 });
	});
	await step('Map', async () => {
		await gotoStep(page, 'Map');
		await page.getByRole('button', { name: 'Download chart (SVG)' }).first().waitFor({ timeout: 600_000 });
	});
	await step('Export', () => gotoStep(page, 'Export'));
	await step('download the results CSV', async () => {
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		await download.path();
	});
	if (app.consoleErrors.length) console.log(`console errors: ${app.consoleErrors.join(' | ')}`);
} finally {
	await app.close();
}
const all = rows.filter(([name]) => name !== 'load the file' && name !== 'run k-means (k = 4)').flatMap(([, t]) => t);
console.log(`${n.toLocaleString('en-US')} rows (${journey ? 'customer file, 11 columns' : '4 numeric columns'}), k-means k = 4: longest main-thread task on the steps after the run ${Math.max(0, ...all).toFixed(0)} ms (target none over 100 ms)`);
console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);

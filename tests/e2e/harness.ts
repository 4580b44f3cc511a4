/**
 * End-to-end harness: the BUILT static site (build/) served on 127.0.0.1 and driven in Debian's Chromium through
 * playwright-core. Every request and console error is recorded so tests can prove privacy and cleanliness.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BUILD_DIR = new URL('../../build', import.meta.url).pathname;

export interface App {
	browser: Browser;
	context: BrowserContext;
	page: Page;
	url: string;
	requests: { url: string; method: string; afterLoad: boolean }[];
	consoleErrors: string[];
	/** Stops the site's server, leaving the browser open: from then on nothing can be fetched from the network. */
	stopServer(): Promise<void>;
	close(): Promise<void>;
}

/** Debian's Chromium, headless, with the flags this machine needs (no sandbox, GPU or background networking). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs]
	});
}

/** Headers that make the page cross-origin isolated (shared memory, so t-SNE can use a second thread). */
export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** `context` adds browser-context options (touch, reduced motion, viewport) to the defaults; `args`, Chromium flags. */
export async function launchApp(opts: { path?: string; context?: BrowserContextOptions; headers?: Record<string, string>; args?: string[] } = {}): Promise<App> {
	if (!existsSync(BUILD_DIR)) throw new Error('build/ is missing: run `npm run build` first (npm test does).');
	if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
	const server = await startStaticServer(BUILD_DIR, 0, opts.headers);
	const browser = await launchChromium(opts.args);
	const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...opts.context });
	const page = await context.newPage();
	const requests: App['requests'] = [];
	const consoleErrors: string[] = [];
	let loaded = false;
	// Requests from workers are seen at the context level.
	context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), afterLoad: loaded }));
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text());
	});
	page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
	await page.goto(server.url + (opts.path ?? ''));
	await page.locator('main[data-hydrated="true"]').waitFor({ timeout: 30_000 });
	loaded = true;
	return {
		browser,
		context,
		page,
		url: server.url,
		requests,
		consoleErrors,
		stopServer: () => server.close(),
		async close() {
			await browser.close();
			await server.close();
		}
	};
}

/** Requests that left the page's own origin (must be none), or sent anything but GET (must be none). */
export function foreignRequests(app: App): string[] {
	const origin = new URL(app.url).origin;
	return app.requests
		.filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'))
		.filter((r) => new URL(r.url).origin !== origin || r.method !== 'GET')
		.map((r) => `${r.method} ${r.url}`);
}

/** A minimal CSV reader for checking downloads (RFC 4180 quotes). */
export function readCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [], cell = '', q = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (q) {
			if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (c === '"') q = false;
			else cell += c;
		} else if (c === '"') q = true;
		else if (c === ',') row.push(cell), (cell = '');
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += c;
	}
	if (cell !== '' || row.length) rows.push([...row, cell]);
	return rows;
}

/**
 * Main-thread tasks over 50 ms (Long Tasks API) recorded only while `work` runs — the app loading, running or
 * drawing — not while a test types into the form: Playwright's role and label queries run script on the page's
 * main thread and would be counted as the page's own. Inside `work`, click through the DOM and wait on CSS
 * selectors.
 */
export async function longTasksWhile(app: App, work: () => Promise<void>): Promise<number[]> {
	await app.page.evaluate(() => {
		const w = window as unknown as { __longTasks: number[]; __observer?: PerformanceObserver };
		w.__longTasks = [];
		w.__observer?.disconnect();
		w.__observer = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__longTasks.push(e.duration);
		});
		w.__observer.observe({ type: 'longtask' });
	});
	await work();
	await app.page.waitForTimeout(300);
	return app.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

/**
 * Opens a step of the workspace from the step rail ("Steps" navigation), through its menu button on a narrow
 * window, and waits for the step's view heading.
 */
export const STEP_LABELS = ['Data', 'Prepare', 'Cluster', 'How many', 'Segments', 'Map', 'Export', 'Score'] as const;

export async function gotoStep(page: Page, label: (typeof STEP_LABELS)[number]): Promise<void> {
	const nav = page.getByRole('navigation', { name: 'Steps' });
	const menu = nav.getByRole('button', { name: /^Steps:/ });
	if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
	await nav.getByRole('link', { name: new RegExp(`^${label}\\b`) }).click();
	await page.getByRole('heading', { level: 2, name: label, exact: true }).waitFor();
}

/** Loads the demo data (customers.csv) from the Data step and waits for its column profiles. */
export async function loadDemo(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Try the demo data' }).click();
	await page.getByRole('heading', { name: /Columns/ }).waitFor();
}

/** Presses Run and waits until the run has finished: its Cancel gone and Run enabled again. */
export async function runAndWait(page: Page, timeout = 120_000): Promise<void> {
	await page.getByRole('button', { name: 'Run', exact: true }).click();
	await page.getByRole('button', { name: 'Cancel', exact: true }).first().waitFor({ state: 'detached', timeout });
	await page.getByRole('button', { name: 'Run', exact: true, disabled: false }).waitFor({ timeout });
}

/** The demo data clustered: loads it, sets the k range on the Cluster step (a bound not given stays as it is), runs, waits. */
export async function demoRun(page: Page, k: { min?: number; max?: number } = {}): Promise<void> {
	await loadDemo(page);
	await gotoStep(page, 'Cluster');
	for (const [label, v] of [['Smallest k', k.min], ['Largest k', k.max]] as const) {
		if (v === undefined) continue;
		await page.getByLabel(label).fill(String(v));
		await page.getByLabel(label).press('Tab');
	}
	await runAndWait(page);
}

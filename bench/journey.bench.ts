/**
 * The analyst's whole journey with a 1,000,000-row customer export, in the built site in Chromium and in pandas +
 * scikit-learn on the same file in the same run (bench/journey_sklearn.py):
 * load → profile → default preparation → k-means sweep k = 2..10 with the default restarts → metrics (the page's
 * sampled silhouette) → PCA map → personas → download the results CSV.
 *
 * The page is served cross-origin isolated (as `npm start` and the static `_headers` serve it). Each step's time is
 * read from the page's own state: the progress line (recorded by a MutationObserver whenever it changes), the
 * headings and buttons each step shows when done, and the download. Alongside: the resident memory of the page's
 * renderer process (the page and all its workers are threads of it) sampled every 100 ms from /proc, per step and
 * at its peak against the file size, with measureUserAgentSpecificMemory() by scope after each action
 * (journey-memory.ts); the results file checked against the input; the longest main-thread task (Long Tasks API). The Python side runs after the page,
 * with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in its command only (TOOLCHAIN.md), at scikit-learn's default
 * thread count, and prints threadpoolctl's view of its kernels.
 *
 * Run: npm run build && npm run bench -- journey   (or: npx tsx bench/journey.bench.ts [rows] [--page-only];
 * JOURNEY_QUICK=1 for the memory account in a few minutes: k = 2..3, one restart, no Python)
 * Heavy (minutes, about 2 GB): run it on a quiet machine.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCustomers } from './journey-data';
import { checkResults } from './journey-check';
import { MEMORY_FLAGS, RssSeries, memoryLines, uaMemory, type StepMemory, type UaMemory } from './journey-memory';
import { ISOLATION_HEADERS, launchApp } from '../tests/e2e/harness';
import { CANCEL_TARGET_MS, timeCancel, timeCancelOnSight, type CancelTiming } from '../tests/e2e/cancel-timing';
import { readTable } from '../src/cli/input';
import { describeTable } from '../src/lib/engine/data/describe';
import { fingerprint } from '../src/lib/engine/data/fingerprint';
import { recipeForTable } from '../src/lib/engine/recipe-for-table';
import { kmeansRestarts } from '../src/lib/engine/cluster/kmeans-restarts';
import { kmeansRefine } from '../src/lib/engine/cluster/kmeans-refine';
import { SILHOUETTE_REPEATS, SILHOUETTE_SAMPLE_SIZE } from '../src/lib/engine/evidence';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
/** --page-only: skip the Python side (for trying the page quickly; the comparison needs both). */
const pageOnly = args.includes('--page-only');
/**
 * JOURNEY_QUICK=1: the same file, but k = 2..3 with one restart and no Python side — a memory run in a few
 * minutes (the memory per step is that of the full journey's steps; only the sweep is shorter).
 */
const quick = process.env.JOURNEY_QUICK === '1';
const dir = mkdtempSync(join(tmpdir(), 'segment-lab-journey-'));
const csv = join(dir, 'customers.csv');
const load = () => loadavg().map((v) => v.toFixed(2)).join(', ');
const s = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
	console.log(`Journey bench, ${rows.toLocaleString('en')} customers; load average before: ${load()}`);
	let t = Date.now();
	await writeCustomers(csv, rows);
	const fileBytes = statSync(csv).size;
	console.log(`Wrote ${csv}: ${(fileBytes / 2 ** 20).toFixed(1)} MB in ${s(Date.now() - t)} s.`);

	const planPath = quick || pageOnly ? null : await writePlan();
	const page = await runPage();
	// The page's figures first, in case the Python side is stopped on a busy machine.
	console.log(`Page: ${page.steps.map(([name, ms]) => `${name} ${s(ms)} s`).join(', ')}; peak renderer memory ${(page.peak.renderer / 2 ** 20).toFixed(0)} MB; longest main-thread task ${page.longest.toFixed(0)} ms.`);
	for (const line of memoryLines(page.memory, fileBytes, page.pageBaseline, page.baselineUa)) console.log(line);
	const py = planPath ? runPython(planPath) : null;
	report(page, py, fileBytes);
}

/** The page's default recipe for this file, from the engine itself, so that the Python side prepares alike. */
async function writePlan(): Promise<string> {
	const table = await readTable(csv);
	const recipe = recipeForTable(fingerprint(table), describeTable(table).profiles);
	if (recipe.algorithm.name !== 'kmeans') throw new Error('The default algorithm is no longer k-means: update the bench.');
	const plan = {
		features: recipe.features,
		log1p: recipe.features.filter((f) => recipe.prep.columns?.[f]?.log1p),
		idColumn: recipe.idColumn,
		missing: recipe.prep.missing,
		scale: recipe.prep.scale,
		kRange: recipe.kRange,
		nInit: kmeansRestarts(recipe.algorithm.nInit, recipe.algorithm.moreRestarts, table.rowCount, recipe.features.length),
		maxIter: recipe.algorithm.maxIter,
		tol: recipe.algorithm.tol,
		seed: recipe.seed,
		silhouetteSample: SILHOUETTE_SAMPLE_SIZE,
		silhouetteRepeats: SILHOUETTE_REPEATS
	};
	if (plan.missing !== 'median' || plan.scale !== 'zscore' || recipe.prep.outliers.method !== 'none') throw new Error('The default preparation changed: update journey_sklearn.py.');
	const planPath = join(dir, 'plan.json');
	writeFileSync(planPath, JSON.stringify(plan));
	console.log(`Default recipe: ${plan.features.length} features (log1p on ${plan.log1p.join(', ')}), median imputation, z-scores, k = ${plan.kRange[0]}..${plan.kRange[1]}, ${plan.nInit} k-means++ restarts, Hartigan moves ${kmeansRefine(recipe.algorithm, table.rowCount) === 'hartigan' ? 'on' : `off (${table.rowCount.toLocaleString('en')} rows: above the default limit of ${recipe.algorithm.refineMaxRows?.toLocaleString('en')})`}; silhouette from ${plan.silhouetteRepeats} samples of ${plan.silhouetteSample}.`);

	return planPath;
}

interface PageRun {
	steps: [string, number][];
	peak: { renderer: number; all: number };
	/** The renderer's resident memory with the page loaded, before the file. */
	baseline: number;
	longest: number;
	/** Main-thread tasks over 50 ms: duration and the step during which they started. */
	longTasks: { ms: number; step: string }[];
	cores: string;
	/** Cancel trials: the step, and click → page idle (tests/e2e/cancel-timing.ts) with the progress line it stopped. */
	cancels: [string, CancelTiming | string][];
	/** Renderer RSS and the page's heaps per step (journey-memory.ts). */
	memory: StepMemory[];
	/** The page's own renderer process before the file (the others are Chromium's). */
	pageBaseline: number;
	baselineUa: UaMemory | null;
}

async function runPage(): Promise<PageRun> {
	const app = await launchApp({ headers: ISOLATION_HEADERS, args: MEMORY_FLAGS });
	await new Promise((r) => setTimeout(r, 1000));
	const baselineUa = await uaMemory(app.page);
	const rss = new RssSeries();
	const baseline = rss.sample();
	const peak = rss.peak;
	try {
		const { page } = app;
		// The page's clock in wall-clock ms, to read the RSS series by the steps' windows.
		const origin = await page.evaluate(() => performance.timeOrigin);
		const now = () => page.evaluate(() => performance.now());
		// Measured at the end of each user action; the next step is timed from after the measurement.
		const uaAt = new Map<string, UaMemory | null>();
		const resume = new Map<string, number>();
		const measure = async (name: string) => {
			uaAt.set(name, await uaMemory(page));
			resume.set(name, await now());
		};
		await page.evaluate(() => {
			const w = window as unknown as { __long: [number, number][]; __status: [number, string][] };
			w.__long = [];
			new PerformanceObserver((l) => {
				for (const e of l.getEntries()) w.__long.push([e.startTime, e.duration]);
			}).observe({ type: 'longtask' });
			w.__status = [];
			let last = '';
			new MutationObserver(() => {
				const text = Array.from(document.querySelectorAll('[role="status"]'), (e) => e.textContent?.trim() ?? '').filter(Boolean).join(' | ');
				if (text !== last) w.__status.push([performance.now(), (last = text)]);
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		const step = (name: RegExp) => page.getByRole('link', { name }).filter({ visible: true }).first().click();
		const marks: [string, number][] = [];
		// Cancel trials (#17: Cancel stops every step within 200 ms): start a step, click Cancel after a moment, time
		// click → page idle; then the step runs to completion as timed below. Marks named "(…)" end a stretch that
		// is not counted in any step (a trial inside a timed stretch).
		const cancels: PageRun['cancels'] = [];
		const cancelButton = page.getByRole('button', { name: 'Cancel', exact: true });
		const trial = async (name: string, waitFor: RegExp, after: RegExp, delay: number, passed?: RegExp) => {
			try {
				// Until the stage shows (or the step has ended before it could be seen: a small file).
				const started = Date.now();
				while (!(await page.getByRole('status').filter({ hasText: waitFor }).count())) {
					if (Date.now() - started > 600_000) throw new Error(`no progress line matching ${waitFor}`);
					if (Date.now() - started > 1000 && !(await cancelButton.count())) break;
					if (passed && (await page.getByRole('status').filter({ hasText: passed }).count())) {
						cancels.push([name, `not measured: the step was over before its progress line was seen (${Date.now() - started} ms)`]);
						await cancelButton.click();
						await cancelButton.waitFor({ state: 'detached' });
						return;
					}
					await page.waitForTimeout(100);
				}
				await page.waitForTimeout(delay);
				if (!(await cancelButton.count())) cancels.push([name, `over before Cancel could be clicked (${Date.now() - started} ms): nothing to cancel`]);
				else cancels.push([name, await timeCancel(page, cancelButton, after, 60_000)]);
			} catch (err) {
				cancels.push([name, `not measured: ${err instanceof Error ? err.message.split('\n')[0] : err}`]);
			}
		};
		await page.locator('input[type="file"]').first().setInputFiles(csv);
		await trial('load + profile', /\S/, /was cancelled/, 1000);
		const t0 = await now();
		await page.locator('input[type="file"]').first().setInputFiles(csv);
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 600_000 });
		marks.push(['load + profile', await now()]);
		await measure('load + profile');
		if (quick) {
			await step(/^\d?\s*Cluster/);
			for (const [label, v] of [['Largest k', '3'], ['Restarts', '1']]) {
				await page.getByLabel(label, { exact: true }).fill(v);
				await page.getByLabel(label, { exact: true }).press('Tab');
			}
		} else await step(/^\d?\s*Prepare/);
		await page.getByRole('button', { name: 'Run', exact: true }).first().click();
		const runStart = await now();
		await page.getByRole('button', { name: 'Cancel' }).first().waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 3_600_000 });
		const runEnd = await now();
		await measure('run');
		await step(/^\d?\s*Map/);
		await page.getByRole('button', { name: 'Download chart (SVG)' }).waitFor({ timeout: 600_000 });
		await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
		marks.push(['PCA map', await now()]);
		await measure('PCA map');
		// The map drawn again (the step opened anew) and cancelled while its progress line shows; then drawn to the end,
		// outside any step's time.
		await step(/^\d?\s*Export/);
		// Drawn in well under a second: the page clicks Cancel as soon as the line shows it (cancel-timing.ts).
		try {
			cancels.push(['PCA map', await timeCancelOnSight(page, /Drawing the map/, /Drawing the map was cancelled/, () => step(/^\d?\s*Map/), 60_000)]);
		} catch (err) {
			cancels.push(['PCA map', `not measured: ${err instanceof Error ? err.message.split('\n')[0] : err}`]);
		}
		const drawAgain = page.getByRole('button', { name: 'Draw the map' });
		if (await drawAgain.count()) await drawAgain.click();
		await page.getByRole('button', { name: 'Download chart (SVG)' }).waitFor({ timeout: 600_000 });
		await page.getByRole('status').filter({ hasText: /Drawing the map/ }).waitFor({ state: 'detached', timeout: 600_000 });
		marks.push(['(cancel trial)', await now()]);
		await step(/^\d?\s*Segments/);
		await page.getByRole('article', { name: /^Persona:/ }).first().waitFor({ timeout: 600_000 });
		marks.push(['personas', await now()]);
		// The rules the step starts on opening, cancelled while they are found (the worker keeps its table: the
		// results CSV that follows does not read the file again). Before the memory reading, which can outlast them.
		await trial('rules (Segments)', /Finding rules/, /Finding the rules was cancelled/, 300);
		await measure('personas');
		await step(/^\d?\s*Export/);
		await page.getByRole('button', { name: 'Download results (CSV)' }).click();
		await trial('results CSV', /Writing the results file/, /no results file was written/, 300);
		marks.push(['(cancel trial)', await now()]);
		const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
		// The page's work ends when it hands the finished file to the browser (the download starts); Playwright's
		// copy of the file out of the browser afterwards is the harness's, not the page's.
		marks.push(['export CSV', await now()]);
		await measure('export CSV');
		await download.saveAs(join(dir, 'page-results.csv'));
		console.log(checkResults(csv, join(dir, 'page-results.csv')));
		// The run's stages, cancelled after the journey (each Cancel terminates the engine worker, so the next Run
		// reads the file again: inside the journey that would count in its preparation time). The sweep first: after
		// it, the next Run's preparation (the file read again, then prepared) lasts long enough to be cancelled.
		// The shown result stays.
		for (const [name, waitFor, delay, passed] of [['k-means sweep', /k-means, k = \d/, 1000, undefined], ['preparation', /Preparing features/, 500, /k-means, k = \d/], ['metrics', /Metrics for k/, 0, undefined]] as const) {
			await page.getByRole('button', { name: 'Run', exact: true }).click();
			await trial(name, waitFor, /Cancelled/, delay, passed);
		}
		const kept = (await page.getByLabel('Number of segments (k)').count()) > 0;
		cancels.push(['(after the trials)', kept ? 'a result is still on show' : 'no result on show']);
		const { status, long } = await page.evaluate(() => {
			const w = window as unknown as { __long: [number, number][]; __status: [number, string][] };
			return { status: w.__status, long: w.__long };
		});
		// The run, split by its progress line: preparation until the first k-means stage, then each "Metrics for
		// k = …" stretch counted as metrics and the rest as the k-means sweep.
		const inRun = status.filter(([at]) => at >= runStart && at <= runEnd);
		const firstK = inRun.find(([, text]) => /k-means, k =/.test(text))?.[0] ?? runStart;
		let metrics = 0;
		for (let i = 0; i < inRun.length; i++) {
			if (!/Metrics for k/.test(inRun[i][1])) continue;
			metrics += (inRun[i + 1]?.[0] ?? runEnd) - inRun[i][0];
		}
		const cores = /using \d+ of \d+ cores/.exec(inRun.map(([, t]) => t).join(' '))?.[0] ?? 'no core count shown';
		const steps: [string, number][] = [];
		let prev = t0;
		const windows: [string, number, number][] = [];
		const add = (name: string, at: number) => {
			steps.push([name, at - prev]);
			windows.push([name, prev, at]);
			prev = resume.get(name) ?? at;
		};
		add('load + profile', marks[0][1]);
		const prepStart = resume.get('load + profile') ?? marks[0][1];
		steps.push(['preparation', firstK - prepStart]);
		steps.push(['k-means sweep', runEnd - firstK - metrics]);
		steps.push(['metrics', metrics]);
		windows.push(['preparation', prepStart, firstK], ['k-means sweep', firstK, runEnd], ['metrics', firstK, runEnd]);
		prev = resume.get('run') ?? runEnd;
		for (const [name, at] of marks.slice(1)) {
			if (name.startsWith('(')) prev = at;
			else add(name, at);
		}
		// Each long task is put in the step whose time window holds its start.
		// Outside every step (the Cancel trials, the stretches between steps): named by the progress line on show
		// when the task began, or the last one before it.
		const shown = (t: number) => {
			let text = '';
			for (const [at2, line] of status) if (at2 <= t) text = line; else break;
			return text ? `"${text.slice(0, 60)}"` : 'no progress line';
		};
		const longTasks = long.map(([start, ms]) => ({ ms, step: windows.find(([, from, to]) => start >= from && start <= to)?.[0] ?? `between steps (${shown(start)})` }));
		// Memory by step: the RSS series read over each step's window (the metrics stretches within the run apart).
		const metricWindows = inRun.flatMap(([from, text], i) => (/Metrics for k/.test(text) ? [[from, inRun[i + 1]?.[0] ?? runEnd]] : []));
		const memory: StepMemory[] = steps.map(([name]) => {
			const [, from, to] = windows.find(([n]) => n === name)!;
			const parts = name === 'metrics' && metricWindows.length ? metricWindows : [[from, to]];
			const reads = parts.map(([a, b]) => rss.window(origin + a, origin + b));
			const ua = name === 'metrics' ? uaAt.get('run') : name === 'preparation' || name === 'k-means sweep' ? null : uaAt.get(name);
			return { step: name, start: reads[0].start, peak: Math.max(...reads.map((r) => r.peak)), end: reads[reads.length - 1].end, ua: ua ?? null };
		});
		// JOURNEY_RSS_LOG=file: the page renderer's RSS every 100 ms with the step marks, to see where memory goes.
		if (process.env.JOURNEY_RSS_LOG) writeFileSync(process.env.JOURNEY_RSS_LOG, rss.timeline([['start', origin + t0], ...marks.map(([n, at]): [string, number] => [n, origin + at]), ['run start', origin + runStart], ['run end', origin + runEnd]]));
		return { steps, peak, baseline, longest: Math.max(0, ...long.map(([, ms]) => ms)), longTasks, cores, cancels, memory, pageBaseline: rss.first(), baselineUa };
	} finally {
		rss.stop();
		await app.close();
	}
}

function runPython(planPath: string): Record<string, number> {
	const env = { ...process.env };
	delete env.OPENBLAS_CORETYPE;
	delete env.OPENBLAS_L2_SIZE;
	const r = spawnSync('/usr/bin/python3', ['bench/journey_sklearn.py', csv, planPath, join(dir, 'sklearn-results.csv')], { env, encoding: 'utf8', maxBuffer: 1 << 24 });
	if (r.status !== 0) throw new Error(`journey_sklearn.py failed: ${r.stderr}`);
	const lines = r.stdout.trim().split('\n');
	for (const l of lines.slice(0, -1)) console.log(`  python: ${l}`);
	return JSON.parse(lines[lines.length - 1]).seconds;
}

function report(page: PageRun, pySeconds: Record<string, number> | null, fileBytes: number): void {
	const py = pySeconds ?? { load: NaN, profile: NaN, prepare: NaN, kmeans_sweep: NaN, metrics: NaN, pca: NaN, personas: NaN, export: NaN };
	const pyOf: Record<string, number> = {
		'load + profile': py.load + py.profile, preparation: py.prepare, 'k-means sweep': py.kmeans_sweep, metrics: py.metrics,
		'PCA map': py.pca, personas: py.personas, 'export CSV': py.export
	};
	console.log(`\nStep             page (s)   pandas + scikit-learn (s)   ratio`);
	let pageTotal = 0, pyTotal = 0;
	for (const [name, ms] of page.steps) {
		const p = pyOf[name];
		pageTotal += ms;
		pyTotal += p;
		console.log(`${name.padEnd(16)} ${s(ms).padStart(8)}   ${p.toFixed(2).padStart(25)}   ${(ms / 1000 / p).toFixed(2).padStart(5)}`);
	}
	const ratio = pageTotal / 1000 / pyTotal;
	console.log(`${'total'.padEnd(16)} ${s(pageTotal).padStart(8)}   ${pyTotal.toFixed(2).padStart(25)}   ${ratio.toFixed(2).padStart(5)}   (target ≤ 0.5: ${ratio <= 0.5 ? 'met' : 'not met'})`);
	const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
	const x = page.peak.renderer / fileBytes;
	const added = (page.peak.renderer - page.baseline) / fileBytes;
	const own = Math.max(...page.memory.map((m) => m.peak));
	const ownX = own / fileBytes;
	console.log(`Peak memory: the page's renderer process (page + workers) ${mb(own)} = ${ownX.toFixed(2)}× the ${mb(fileBytes)} file (target ≤ 3×: ${ownX <= 3 ? 'met' : 'not met'}), ${mb(own - page.pageBaseline)} above its ${mb(page.pageBaseline)} before the file (${((own - page.pageBaseline) / fileBytes).toFixed(2)}×).`);
	console.log(`Peak memory, as measured before (all renderer processes: the page's and Chromium's own) ${mb(page.peak.renderer)} = ${x.toFixed(2)}×; ` +
		`${mb(page.peak.renderer - page.baseline)} above their ${mb(page.baseline)} before the file (${added.toFixed(2)}×); all Chromium processes ${mb(page.peak.all)}.`);
	const worst = [...page.longTasks].sort((a, b) => b.ms - a.ms).slice(0, 6).map((t) => `${t.ms.toFixed(0)} ms in ${t.step}`).join(', ');
	console.log(`Longest main-thread task: ${page.longest.toFixed(0)} ms (${page.longTasks.length} tasks over 50 ms${worst ? `: ${worst}` : ''}; target none over 100 ms: ${page.longest <= 100 ? 'met' : 'not met'}). ` +
		'Playwright\'s role queries also run on the page\'s main thread and may show here.');
	console.log(`\nCancel (click → page idle, by the page's clock; target ≤ ${CANCEL_TARGET_MS} ms):`);
	for (const [name, c] of page.cancels) {
		if (typeof c === 'string') console.log(`${name.padEnd(16)} ${c}`);
		else console.log(`${name.padEnd(16)} ${c.ms.toFixed(0).padStart(6)} ms   ${c.ms <= CANCEL_TARGET_MS ? 'met    ' : 'not met'}   stopped at "${c.stage.slice(0, 90)}"`);
	}
	console.log(`Cores: the run's progress line said "${page.cores}". Load average after: ${load()} (other work on this machine inflates both sides).`);
}

main()
	.catch((err) => {
		console.error(err);
		process.exitCode = 1;
	})
	.finally(() => rmSync(dir, { recursive: true, force: true }));

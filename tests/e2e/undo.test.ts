/**
 * Undo and Redo of the Recipe, the run history and the recent sessions, in the built site: after a demo run, six
 * kinds of change are undone one by one and redone, and at each step the form, the Recipe JSON and the
 * "Settings changed since this run" notice follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe } from './axe';
import { auditPage } from './page-audit';
import { gotoStep, launchApp, loadDemo, type App, type STEP_LABELS } from './harness';

describe('undo, redo, run history and recent sessions', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	const undoButton = () => app.page.getByRole('button', { name: 'Undo', exact: true });
	const redoButton = () => app.page.getByRole('button', { name: 'Redo', exact: true });
	/** The header's Run (and Cancel): at hand on every step. */
	const header = () => app.page.getByRole('region', { name: 'Workspace summary' });
	const runButton = () => header().getByRole('button', { name: 'Run', exact: true });

	/** The Recipe JSON as the page shows it. */
	async function recipe(): Promise<Record<string, any>> {
		return JSON.parse(await app.page.getByLabel('Recipe JSON').textContent() ?? 'null');
	}
	/** The out-of-date notice above the results: '' when the results match the settings. */
	const stale = async () => {
		await openStep('Segments');
		const note = app.page.getByText(/^Settings changed since this run/);
		return (await note.count()) ? ((await note.textContent()) ?? '') : '';
	};
	/** The step rail's marks: each step's name and its note ("done", "changed since the run", "out of date"). */
	const rail = () => app.page.getByRole('navigation', { name: 'Steps' }).getByRole('link').allInnerTexts();

	/** Opens a step from the rail and waits for its view (a region named by the step's heading). */
	async function openStep(name: (typeof STEP_LABELS)[number]) {
		await gotoStep(app.page, name);
		await app.page.getByRole('region', { name, exact: true }).waitFor();
	}

	async function runAndWait() {
		await runButton().click();
		await header().getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await expect.poll(() => runButton().isEnabled(), { timeout: 30_000 }).toBe(true);
	}

	/** Everything the test follows, read from the page, step by step. */
	async function snapshot() {
		const { page } = app;
		await openStep('Data');
		const feature = await page.getByLabel('Use email_open_rate as a feature').isChecked();
		await openStep('Prepare');
		const scaling = await page.getByLabel('Scaling for total_purchases').inputValue();
		await openStep('Cluster');
		const algorithm = await page.getByRole('combobox', { name: /^Algorithm/ }).inputValue();
		const largestK = await page.getByLabel('Largest k').inputValue();
		const r = await recipe();
		await openStep('Segments');
		const name = await page.getByLabel('Name of segment 2').inputValue();
		return {
			feature,
			scaling,
			algorithm,
			largestK,
			name,
			shownK: await page.getByLabel('Number of segments (k)').inputValue(),
			json: {
				email: r.features.includes('email_open_rate'),
				scale: r.prep.columns.total_purchases?.scale ?? null,
				algorithm: r.algorithm.name,
				kRange: r.kRange,
				names: r.segmentNames ?? null,
				k: r.k
			},
			stale: await stale(),
			rail: await rail()
		};
	}

	it('walks back and forth through six kinds of change; the form, the Recipe JSON and the out-of-date notice follow', async () => {
		const { page } = app;
		await loadDemo(page);
		await expect(undoButton().isDisabled()).resolves.toBe(true);
		await openStep('Cluster');
		await page.getByLabel('Smallest k').fill('3');
		await page.getByLabel('Smallest k').press('Tab');
		await page.getByLabel('Largest k').fill('5');
		await page.getByLabel('Largest k').press('Tab');
		await runAndWait();
		// The page now shows the recommended k, whichever it is; segment 2 has its automatic name.
		const k0 = await page.getByLabel('Number of segments (k)').inputValue();
		const otherK = k0 === '4' ? '3' : '4';
		const states = [await snapshot()];
		expect(states[0].stale).toBe('');
		expect(states[0].json).toMatchObject({ email: true, algorithm: 'kmeans', kRange: [3, 5], names: null, k: Number(k0) });

		const changes: [string, () => Promise<void>][] = [
			['untick feature “email_open_rate”', async () => {
				await openStep('Data');
				await page.getByLabel('Use email_open_rate as a feature').uncheck();
			}],
			['set scaling of “total_purchases” to robust', async () => {
				await openStep('Prepare');
				await page.getByLabel('Scaling for total_purchases').selectOption('robust');
			}],
			['change algorithm to Gaussian mixture', async () => {
				await openStep('Cluster');
				await page.getByRole('combobox', { name: /^Algorithm/ }).selectOption('gmm');
			}],
			['change the k range to 3–6', async () => {
				await openStep('Cluster');
				await page.getByLabel('Largest k').fill('6');
				await page.getByLabel('Largest k').press('Tab');
			}],
			[`rename segment 2 (k = ${k0}) to “Loyal”`, async () => {
				await openStep('Segments');
				await page.getByLabel('Name of segment 2').fill('Loyal');
				await page.getByLabel('Name of segment 2').press('Tab');
			}],
			[`show k = ${otherK}`, async () => {
				await page.getByLabel('Number of segments (k)').fill(otherK);
				await page.getByLabel('Number of segments (k)').press('Tab');
			}]
		];
		for (const [label, change] of changes) {
			await change();
			await expect.poll(() => undoButton().getAttribute('title')).toBe(`Undo: ${label} (Ctrl+Z)`);
			states.push(await snapshot());
		}
		const last = states[6];
		expect(last.json).toEqual({ email: false, scale: 'robust', algorithm: 'gmm', kRange: [3, 6], names: { [k0]: Array.from({ length: Number(k0) }, (_, i) => (i === 1 ? 'Loyal' : '')) }, k: Number(otherK) });
		expect(last.stale).toBe('Settings changed since this run: features, preparation, algorithm, k range. Run again to update the results.');
		// The rail marks the steps whose settings changed, and the results as out of date.
		expect(states[0].rail.filter((t) => /changed since the run|out of date/.test(t))).toEqual([]);
		expect(last.rail.filter((t) => /changed since the run/.test(t)).map((t) => t.split('\n').find((x) => /[A-Z]/.test(x)))).toEqual(['Prepare', 'Cluster']);
		expect(last.rail.filter((t) => /out of date/.test(t)).length).toBe(4);
		expect(states[1].rail.filter((t) => /changed since the run/.test(t)).length).toBe(1); // Prepare: features
		// Each state differs from the one before it: the walk below really checks every step.
		for (let i = 1; i < states.length; i++) expect(states[i]).not.toEqual(states[i - 1]);
		expect(states.map((s) => s.stale)).toEqual([
			'',
			'Settings changed since this run: features. Run again to update the results.',
			'Settings changed since this run: features, preparation. Run again to update the results.',
			'Settings changed since this run: features, preparation, algorithm. Run again to update the results.',
			'Settings changed since this run: features, preparation, algorithm, k range. Run again to update the results.',
			'Settings changed since this run: features, preparation, algorithm, k range. Run again to update the results.',
			'Settings changed since this run: features, preparation, algorithm, k range. Run again to update the results.'
		]);

		// Back, one step at a time: the page matches the state before each change.
		for (let i = changes.length - 1; i >= 0; i--) {
			await undoButton().click();
			await expect.poll(snapshot).toEqual(states[i]);
			if (i > 0) await expect(undoButton().getAttribute('title')).resolves.toBe(`Undo: ${changes[i - 1][0]} (Ctrl+Z)`);
		}
		// Before the run there were the k range edits; the run itself is not a step.
		await expect(redoButton().getAttribute('title')).resolves.toBe(`Redo: ${changes[0][0]} (Shift+Ctrl+Z)`);
		// And forward again.
		for (let i = 1; i <= changes.length; i++) {
			await redoButton().click();
			await expect.poll(snapshot).toEqual(states[i]);
		}
		await expect(redoButton().isDisabled()).resolves.toBe(true);
		expect(app.consoleErrors).toEqual([]);
	});

	it('Ctrl+Z and Shift+Ctrl+Z undo and redo, but not while typing in a text box', async () => {
		const { page } = app;
		const before = await snapshot();
		await page.getByRole('heading', { name: 'Segments', exact: true, level: 2 }).first().click();
		await page.keyboard.press('Control+z');
		await expect.poll(async () => (await snapshot()).shownK).not.toBe(before.shownK);
		await page.keyboard.press('Control+Shift+z');
		await expect.poll(snapshot).toEqual(before);
		await page.keyboard.press('Control+z');
		await page.keyboard.press('Control+y');
		await expect.poll(snapshot).toEqual(before);
		// In the segment-name box, Ctrl+Z is the browser's own undo of the typing: the Recipe is not touched.
		const box = page.getByLabel('Name of segment 2');
		await box.focus();
		await box.press('Control+z');
		await page.waitForTimeout(300);
		expect((await snapshot()).json).toEqual(before.json);
		// Three quick steps of a spinner are one undo step.
		await openStep('Cluster');
		const largest = page.getByLabel('Largest k');
		for (let i = 0; i < 3; i++) await largest.press('ArrowUp');
		await expect.poll(() => largest.inputValue()).toBe('9');
		await expect.poll(() => undoButton().getAttribute('title')).toBe('Undo: change the k range to 3–9 (Ctrl+Z)');
		await undoButton().click();
		await expect.poll(() => largest.inputValue()).toBe('6');
		await redoButton().click();
		await expect.poll(() => largest.inputValue()).toBe('9');
		await undoButton().click();
		await expect.poll(snapshot).toEqual(before);
		// Loading a recipe file is one step, named after the file it was made on.
		await openStep('Cluster');
		const loaded = { ...(await recipe()), kRange: [2, 4], seed: 7 };
		await page.getByLabel('Load a recipe (JSON)').setInputFiles({ name: 'r.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(loaded)) });
		await expect.poll(() => undoButton().getAttribute('title')).toBe('Undo: apply the recipe made on “customers.csv” (Ctrl+Z)');
		await expect(page.getByLabel('Largest k').inputValue()).resolves.toBe('4');
		await undoButton().click();
		await expect.poll(snapshot).toEqual(before);
	});

	it('lists the runs with settings and key numbers and brings an earlier one back; Undo restores the settings', async () => {
		const { page } = app;
		// The settings are now those of the last change (GMM, 3–6, …): run them.
		await runAndWait();
		await openStep('Cluster');
		const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Recommended k' }) });
		await expect.poll(() => table.getByRole('row').count()).toBe(3); // header + 2 runs
		const rows = await table.getByRole('row').allInnerTexts();
		expect(rows[1]).toMatch(/Run 2 \(on show\)/);
		expect(rows[1]).toMatch(/Gaussian mixture/);
		expect(rows[1]).toMatch(/3–6/);
		expect(rows[2]).toMatch(/Run 1/);
		expect(rows[2]).toMatch(/first run/);
		expect(rows[2]).toMatch(/k-means/);
		expect(rows[2]).toMatch(/7: total_purchases/);
		expect(rows[2]).toMatch(/0\.\d{3}/); // its silhouette
		expect(rows[2]).toMatch(/5,000 of 5,000/);
		expect(rows[2]).toMatch(/\d+\.\d s/);
		// The history table, the Recipe JSON and the Undo bar are clean for axe.
		await page.getByText('Recipe (JSON)', { exact: true }).click();
		await expect(axe(page)).resolves.toEqual([]);
		await page.getByRole('button', { name: 'Bring back run 1' }).click();
		await page.getByText(/Run 1 is back on screen/).waitFor();
		const back = await snapshot();
		expect(back.algorithm).toBe('kmeans');
		expect(back.json).toMatchObject({ email: true, algorithm: 'kmeans', kRange: [3, 5], scale: null });
		expect(back.stale).toBe('');
		await expect(undoButton().getAttribute('title')).resolves.toBe('Undo: bring back run 1 (Ctrl+Z)');
		await undoButton().click();
		await expect.poll(async () => (await snapshot()).algorithm).toBe('gmm');
		await expect.poll(stale).toMatch(/^Settings changed since this run: features, preparation, algorithm, k range/);
		// "Compare" opens Compare two solutions (How many) with the two runs chosen.
		await openStep('Cluster');
		await page.getByRole('button', { name: 'Compare run 2 with run 1' }).click();
		await page.getByRole('region', { name: 'How many', exact: true }).waitFor();
		await expect.poll(() => page.getByLabel('Second solution').inputValue()).toMatch(/^2:/);
		await expect(page.getByLabel('First solution').inputValue()).resolves.toMatch(/^1:/);
		expect(app.consoleErrors).toEqual([]);
	});

	it('the header with Undo and Redo, the run history and the recent sessions fit at 1440 and 390 px, light and dark', async () => {
		const { page } = app;
		await page.waitForTimeout(1200); // the autosave, so the recent-sessions list is on the Data step
		await openStep('Cluster');
		await undoButton().click(); // "Undone: …" shows beside the buttons
		const faults: string[] = [];
		for (const [width, height] of [[1440, 900], [390, 844]] as const) {
			for (const theme of ['light', 'dark'] as const) {
				await page.setViewportSize({ width, height });
				await page.emulateMedia({ colorScheme: theme });
				for (const step of ['Data', 'Cluster'] as const) {
					await openStep(step);
					await page.evaluate(() => document.querySelectorAll('main details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
					await page.evaluate(() => window.scrollTo(0, 0));
					const a = await auditPage(page);
					const at = `${step} ${width} ${theme}`;
					if (a.overflow > 0) faults.push(`${at}: page ${a.overflow} px wider than the window`);
					faults.push(...a.overlaps.map((o) => `${at}: overlap ${o}`), ...a.clipped.map((c) => `${at}: clipped ${c}`), ...(await axe(page)).map((v) => `${at}: axe ${v}`));
				}
			}
		}
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.emulateMedia({ colorScheme: 'light' });
		await redoButton().click();
		expect(faults).toEqual([]);
	});

	it('recent sessions: two datasets run, two sessions listed; open one, delete one', async () => {
		const { page } = app;
		await page.waitForTimeout(1200); // the autosave runs a moment after a run
		await openStep('Data');
		await page.getByLabel('Demo dataset').selectOption({ label: 'Wholesale customers (UCI, 440 rows)' });
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await header().getByText('wholesale.csv').waitFor({ timeout: 30_000 });
		// A new dataset: nothing to undo.
		await expect(undoButton().isDisabled()).resolves.toBe(true);
		await runAndWait();
		const wholesaleK = await page.getByLabel('Number of segments (k)').inputValue();
		await openStep('Data');
		const list = page.getByRole('list', { name: 'Recent sessions' });
		await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
		const items = await list.getByRole('listitem').allInnerTexts();
		expect(items[0]).toMatch(/wholesale\.csv/);
		expect(items[0]).toMatch(/440 rows · k = \d+/);
		expect(items[1]).toMatch(/customers\.csv/);
		expect(items[1]).toMatch(/5,000 rows · k = \d+/);
		expect(items[1]).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC/);
		await expect(axe(page)).resolves.toEqual([]);

		// After a reload both are still listed; opening customers.csv asks for its file, then restores it.
		await page.reload();
		await page.locator('main[data-hydrated="true"]').waitFor();
		// The newest session still comes back on reload, as before the list existed.
		await page.getByText(/Your last session on “wholesale.csv”/).waitFor();
		await page.getByLabel('Demo dataset').selectOption({ label: 'Wholesale customers (UCI, 440 rows)' });
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByText(/Restored your last session/).waitFor({ timeout: 30_000 });
		await expect(page.getByLabel('Number of segments (k)').inputValue()).resolves.toBe(wholesaleK);
		await openStep('Data');
		await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
		await page.getByRole('button', { name: /^Open session customers\.csv/ }).click();
		await page.getByText(/Your session on “customers.csv”/).waitFor();
		await page.getByLabel('Demo dataset').selectOption({ label: 'Synthetic customers (5,000 rows)' });
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByText(/Restored your session on “customers.csv”/).waitFor({ timeout: 30_000 });
		// The session keeps the Recipe of the results on show: run 1's, brought back.
		await openStep('Cluster');
		await expect.poll(async () => (await recipe()).algorithm.name).toBe('kmeans');
		await openStep('Data');

		await page.getByRole('button', { name: /^Delete session wholesale\.csv/ }).click();
		await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
		expect(app.consoleErrors).toEqual([]);
	});

	it('a session saved by a version before the list (one record under "last") is listed, restored on reload and moved to the list on the next save', async () => {
		const { page } = app;
		// Rewrite this browser's store as the older version left it: the newest session under "last", nothing else.
		await page.evaluate(async () => {
			const db: IDBDatabase = await new Promise((ok, no) => {
				const r = indexedDB.open('segment-lab', 1);
				r.onsuccess = () => ok(r.result);
				r.onerror = () => no(r.error);
			});
			await new Promise<void>((ok, no) => {
				const t = db.transaction('session', 'readwrite');
				const st = t.objectStore('session');
				const idx = st.get('index');
				idx.onsuccess = () => {
					const newest = (idx.result as { id: string }[])[0];
					const s = st.get(`session:${newest.id}`);
					s.onsuccess = () => {
						st.clear();
						st.put(s.result, 'last');
					};
				};
				t.oncomplete = () => ok();
				t.onerror = () => no(t.error);
			});
			db.close();
		});
		await page.reload();
		await page.locator('main[data-hydrated="true"]').waitFor();
		await page.getByText(/Your last session on “customers.csv”/).waitFor();
		const list = page.getByRole('list', { name: 'Recent sessions' });
		await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBe(1);
		// A run on another dataset saves in the new form and keeps the old session on the list.
		await page.getByLabel('Demo dataset').selectOption({ label: 'Wholesale customers (UCI, 440 rows)' });
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await header().getByText('wholesale.csv').waitFor({ timeout: 30_000 });
		await runAndWait();
		await openStep('Data');
		await expect.poll(() => list.getByRole('listitem').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringMatching(/^wholesale\.csv/), expect.stringMatching(/^customers\.csv/)]);
		await page.getByRole('button', { name: /^Open session customers\.csv/ }).click();
		await page.getByText(/Your session on “customers.csv”/).waitFor();
		expect(app.consoleErrors).toEqual([]);
	});
});

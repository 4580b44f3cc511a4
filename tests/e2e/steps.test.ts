/**
 * The workspace as steps (issue 14, acceptance 1 and the step parts of acceptance 2), in the built site: after a
 * demo run, every step at 1440×900 and at 390×844, light and dark, has no sideways page overflow, no text drawn
 * over other text, no label clipped by its box and no axe-core violation; a deep link (?step=…) opens its step
 * and back/forward move between steps; the rail marks steps out of date when a setting changes.
 * With STEPS_SCREENSHOTS=1 it also writes docs/screenshots/steps-<step>-<width>-<theme>.png.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe } from './axe';
import { auditPage } from './page-audit';
import { gotoStep, launchApp, type App } from './harness';

const STEPS = ['Data', 'Prepare', 'Cluster', 'How many', 'Segments', 'Map', 'Export', 'Score'] as const;
const SHOTS = process.env.STEPS_SCREENSHOTS === '1' ? new URL('../../docs/screenshots/', import.meta.url).pathname : null;
/** The pictures kept in the repository: every step at 1440 and 390 px in the light theme, two steps in the dark. */
const keep = (step: string, width: number, theme: string) => theme === 'light' || ((step === 'How many' || step === 'Segments') && (width === 1440 || step === 'Segments'));

/** Waits for what a step draws after its heading (charts, the map's points). */
async function settle(page: Page, step: (typeof STEPS)[number]) {
	if (step === 'How many') await page.getByRole('img', { name: /Elbow/ }).first().waitFor();
	if (step === 'Segments') await page.getByRole('heading', { name: 'Who the segments are' }).waitFor();
	if (step === 'Map') await page.getByRole('img', { name: /principal components 1 and 2/ }).waitFor({ timeout: 30_000 });
	if (step === 'Prepare') await page.getByRole('img', { name: /after:/ }).first().waitFor();
	// Every disclosure open, so what it holds (box plots, the correlation heatmap, …) is checked too.
	await page.evaluate(() => document.querySelectorAll('main details:not([open])').forEach((d) => ((d as HTMLDetailsElement).open = true)));
	await page.waitForTimeout(400);
	await page.evaluate(() => window.scrollTo(0, 0));
}

describe('every step after a demo run', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ context: { viewport: { width: 1440, height: 900 }, colorScheme: 'light' } });
		const { page } = app;
		await page.getByRole('button', { name: 'Try the demo data' }).click();
		await page.getByRole('heading', { name: /Columns/ }).waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		if (SHOTS) mkdirSync(SHOTS, { recursive: true });
	}, 240_000);
	afterAll(async () => {
		await app?.close();
	});

	it('the page audit finds overflow, overlapping text and clipped labels', async () => {
		const { page } = app;
		await gotoStep(page, 'Score');
		await page.evaluate(() => {
			const box = document.createElement('div');
			box.id = 'audit-probe';
			box.innerHTML = `<p style="position:relative;margin:0">first words<span style="position:absolute;left:8px;top:2px">on top</span></p>
				<div style="width:40px;overflow:hidden;white-space:nowrap">a label cut short</div>
				<div title="an ellipsis with its title" style="width:40px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">an ellipsis with its title</div>
				<div style="width:3000px">wide</div>`;
			document.querySelector('main')!.prepend(box);
		});
		const a = await auditPage(page);
		await page.evaluate(() => document.getElementById('audit-probe')?.remove());
		expect(a.overflow).toBeGreaterThan(1000);
		expect(a.overlaps).toEqual(['first words | on top']);
		expect(a.clipped.map((c) => c.split(' (')[0])).toEqual(['a label cut short']);
	});

	for (const [width, height] of [[1440, 900], [390, 844]] as const) {
		for (const theme of ['light', 'dark'] as const) {
			it(`at ${width}×${height}, ${theme}: no overflow, overlap, clipped label or axe violation on any step`, async () => {
				const { page } = app;
				await page.setViewportSize({ width, height });
				await page.emulateMedia({ colorScheme: theme });
				const faults: string[] = [];
				for (const step of STEPS) {
					await gotoStep(page, step);
					await settle(page, step);
					const a = await auditPage(page);
					expect(a.texts, step).toBeGreaterThan(20);
					if (a.overflow > 0) faults.push(`${step}: page ${a.overflow} px wider than the window`);
					faults.push(...a.overlaps.map((o) => `${step}: overlap ${o}`), ...a.clipped.map((c) => `${step}: clipped ${c}`));
					faults.push(...(await axe(page)).map((v) => `${step}: axe ${v}`));
					if (SHOTS && keep(step, width, theme)) {
						await page.screenshot({ path: `${SHOTS}steps-${step.toLowerCase().replace(' ', '-')}-${width}-${theme}.png` });
					}
				}
				expect(faults).toEqual([]);
				expect(app.consoleErrors).toEqual([]);
			}, 120_000);
		}
	}

	it('marks steps out of date when a setting changes, and done again after Run', async () => {
		const { page } = app;
		await page.setViewportSize({ width: 1440, height: 900 });
		const rail = page.getByRole('navigation', { name: 'Steps' });
		const link = (name: string) => rail.getByRole('link', { name: new RegExp(`^${name}\\b`) });
		await expect(link('Segments').textContent()).resolves.toMatch(/done/);
		await gotoStep(page, 'Prepare');
		await page.getByLabel('Set all scaling to').selectOption('robust');
		// The shortcut writes into every numeric row, visibly.
		const rows = page.getByRole('combobox', { name: /^Scaling for / });
		const values = await rows.evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
		expect(values.length).toBeGreaterThan(3);
		expect(new Set(values)).toEqual(new Set(['robust']));
		await expect(link('Prepare').textContent()).resolves.toMatch(/changed since the run/);
		for (const s of ['How many', 'Segments', 'Map', 'Export']) await expect(link(s).textContent(), s).resolves.toMatch(/out of date/);
		await expect(link('Data').textContent()).resolves.toMatch(/done/);
		await gotoStep(page, 'Segments');
		await page.getByText('Settings changed since this run: preparation.').waitFor();
		await page.getByRole('button', { name: 'Run again' }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
		await expect.poll(() => link('Segments').textContent()).toMatch(/done/);
		await expect(link('Prepare').textContent()).resolves.toMatch(/done/);
	}, 200_000);
});

describe('deep links to a step', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp({ path: '?step=map', context: { viewport: { width: 1440, height: 900 } } });
	}, 60_000);
	afterAll(async () => {
		await app?.close();
	});

	it('opens the step the link names, says what it waits for, and back/forward move between steps', async () => {
		const { page } = app;
		await page.getByRole('heading', { level: 2, name: 'Map', exact: true }).waitFor();
		const rail = page.getByRole('navigation', { name: 'Steps' });
		await expect(rail.getByRole('link', { name: /^Map\b/ }).getAttribute('aria-current')).resolves.toBe('step');
		await expect(rail.getByRole('link', { name: /^Map\b/ }).textContent()).resolves.toMatch(/waits for Data/);
		await page.getByText('This step waits for data').waitFor();
		await gotoStep(page, 'Prepare');
		expect(new URL(page.url()).searchParams.get('step')).toBe('prepare');
		await page.goBack();
		await page.getByRole('heading', { level: 2, name: 'Map', exact: true }).waitFor();
		await page.goForward();
		await page.getByRole('heading', { level: 2, name: 'Prepare', exact: true }).waitFor();
		// A step reached by the keyboard: the rail's links are in the tab order, waiting ones included.
		await rail.getByRole('link', { name: /^Segments\b/ }).focus();
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { level: 2, name: 'Segments', exact: true }).waitFor();
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Segments');
	});

	it('folds the rail into a menu on a phone', async () => {
		const { page } = app;
		await page.setViewportSize({ width: 390, height: 844 });
		const menu = page.getByRole('button', { name: /^Steps:/ });
		await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
		await expect(page.getByRole('link', { name: /^Data\b/ }).isVisible()).resolves.toBe(false);
		await menu.click();
		await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
		await page.getByRole('link', { name: /^Data\b/ }).click();
		await page.getByRole('heading', { level: 2, name: 'Data', exact: true }).waitFor();
		await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
		expect(app.consoleErrors).toEqual([]);
	});
});

/**
 * Mixed data in the built site (issue 16): a customer file with categories (Channel, Region) loaded, PAM on
 * Gower chosen — the categorical columns join the features and the page says so — run in the workers, segments
 * shown with each one's medoid and a Gower silhouette; then k-prototypes with γ from Huang's rule stated, and a γ
 * typed in used. The algorithm's controls and details pass axe-core.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { foreignRequests, launchApp, type App } from './harness';

const FILE = new URL('../fixtures/mixed/wholesale_mixed.csv', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeOn(app: App, where: Locator): Promise<string[]> {
	await app.page.addScriptTag({ content: AXE });
	return where.evaluate(async (el: Element) => {
		const axe = (window as unknown as { axe: { run: (ctx: Element) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
		const r = await axe.run(el);
		return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}

describe('mixed numbers and categories, in the built site', () => {
	let app: App;
	beforeAll(async () => {
		app = await launchApp();
		await app.page.getByLabel('Upload data').setInputFiles(FILE);
		await app.page.getByRole('heading', { name: /Columns/ }).waitFor();
	});
	afterAll(async () => {
		await app?.close();
	});

	const picker = () => app.page.getByRole('combobox', { name: /^Algorithm/ });
	const go = (step: string) => app.page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: new RegExp(`^${step}`) }).click();
	const runAndWait = async () => {
		const { page } = app;
		await page.getByRole('button', { name: 'Run', exact: true }).click();
		await page.getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 170_000 });
	};

	it('PAM on Gower: the categories join the features, the run shows segments, medoids and a Gower silhouette', async () => {
		const { page } = app;
		await go('Cluster');
		await page.getByText('This file has categorical columns (Channel, Region) that are not clustered on: PAM on Gower or k-prototypes would use them as categories.').waitFor();
		await picker().selectOption({ label: 'PAM on Gower (numbers + categories)' });
		await expect(page.getByText(/This file has categorical columns/).count()).resolves.toBe(0);
		await page.getByRole('status').filter({ hasText: /Added the categorical columns Channel, Region as features, compared as categories/ }).waitFor();
		await expect(page.getByText(/Gower distance counts each number by its range and each category as match or mismatch/).count()).resolves.toBe(1);
		await page.getByLabel('Largest k').fill('5');
		await page.getByLabel('Largest k').press('Tab');
		await runAndWait();
		await go('How many');
		await page.getByText(/on Gower distances over 6 numeric and 2 categorical features/).waitFor();
		await page.getByText(/; sum of Gower distances to the medoids \d/).waitFor();
		await page.getByRole('img', { name: /Mean silhouette \(Gower distances\) by k/ }).waitFor();
		await expect(page.getByRole('img', { name: /Davies–Bouldin by k/ }).count()).resolves.toBe(0);
		await page.getByRole('heading', { name: /PAM \(k-medoids\) on Gower distances/ }).waitFor();
		await expect(page.getByText(/Each segment is represented by a real customer, its medoid/).count()).resolves.toBe(1);
		expect(await axeOn(app, page.getByRole('region', { name: 'Algorithm details of the run' }))).toEqual([]);
		await go('Segments');
		await page.getByRole('heading', { name: /Segments/ }).first().waitFor();
	});

	it('k-prototypes: γ by Huang\'s rule is stated; a γ typed in is used', async () => {
		const { page } = app;
		await go('Cluster');
		await picker().selectOption({ label: 'k-prototypes (numbers + categories, large files)' });
		const gamma = page.getByLabel("Category weight γ (empty = Huang's rule)");
		await expect(gamma.inputValue()).resolves.toBe('');
		await runAndWait();
		await go('How many');
		await page.getByText(/γ = 0\.5 \(Huang's rule: half the mean standard deviation of the prepared numeric features\)/).first().waitFor();
		await go('Cluster');
		await gamma.fill('2');
		await gamma.press('Tab');
		await runAndWait();
		await go('How many');
		await page.getByText(/γ = 2 \(set in the recipe\)/).first().waitFor();
		expect(await axeOn(app, page.getByRole('region', { name: 'Algorithm details of the run' }))).toEqual([]);
		expect(foreignRequests(app)).toEqual([]);
		expect(app.consoleErrors).toEqual([]);
	});
});

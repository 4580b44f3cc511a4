import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { demoRun, gotoStep, launchApp, readCsv, type App } from './harness';

/**
 * Issue 15, track over time: a model and the first period's scored file made with the command line, then the
 * second period compared in the page: sizes, alerts past 20%, the migration matrix by customer id and its flow chart.
 * Three groups of 100 customers; in period 2, 40 of group A move to B, 20 of A are gone and 30 new join C.
 */
const groups = [
	[20, 2],
	[200, 10],
	[80, 30]
];
function customer(id: number, g: number): string {
	const [spend, visits] = groups[g];
	return `K${id},${spend + (id % 7)},${visits + (id % 3)}`;
}

describe('track over time, in the built site', () => {
	let app: App;
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-track-e2e-'));
	const at = (f: string) => join(dir, f);
	beforeAll(async () => {
		const p1 = ['id,spend,visits'], p2 = ['id,spend,visits'];
		for (let i = 0; i < 300; i++) p1.push(customer(i, Math.floor(i / 100)));
		for (let i = 0; i < 300; i++) {
			const g = Math.floor(i / 100);
			if (g === 0 && i < 20) continue; // gone
			p2.push(customer(i, g === 0 && i < 60 ? 1 : g)); // 40 of group A move to B
		}
		for (let i = 300; i < 330; i++) p2.push(customer(i, 2)); // new, in C
		writeFileSync(at('p1.csv'), p1.join('\n') + '\n');
		writeFileSync(at('p2.csv'), p2.join('\n') + '\n');
		vi.spyOn(console, 'log').mockImplementation(() => {});
		expect(await main(['run', '--input', at('p1.csv'), '--columns', 'spend,visits', '--k', '3', '--out', at('p1-scored.csv'), '--model', at('model.json')])).toBe(0);
		vi.restoreAllMocks();
		app = await launchApp();
	});
	afterAll(async () => {
		await app?.close();
	});

	it('shows sizes, the alerts, the migration matrix and the flow chart, and downloads the report', async () => {
		const { page } = app;
		await demoRun(page, { min: 2, max: 2 });
		await gotoStep(page, 'Score');
		await page.getByRole('heading', { name: 'Track over time' }).waitFor({ timeout: 60_000 });
		await page.getByLabel('Model file to track with (JSON)').setInputFiles(at('model.json'));
		await page.getByLabel('Previous period, scored (CSV)').setInputFiles(at('p1-scored.csv'));
		await page.getByLabel('New period’s customers').setInputFiles(at('p2.csv'));
		await page.getByLabel('Customer id column in both files').fill('id');
		await page.getByRole('button', { name: 'Compare periods' }).click();
		const alerts = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem');
		await alerts.first().waitFor({ timeout: 60_000 });
		const texts = (await alerts.allTextContents()).join('\n');
		expect(await alerts.count()).toBe(3);
		expect(texts).toMatch(/shrank by 60\.0%: 100 → 40 customers/);
		expect(texts).toMatch(/grew by 40\.0%: 100 → 140 customers/);
		expect(texts).toMatch(/grew by 30\.0%: 100 → 130 customers/);
		const matrix = page.getByRole('table', { name: /Migration: previous segment/ });
		const rows = await matrix.getByRole('row').allTextContents();
		expect(rows).toHaveLength(5);
		expect(rows.at(-1)).toMatch(/^new/);
		expect(rows.join('\n')).toMatch(/40 \(40\.0%\)/);
		expect(rows.join('\n')).toMatch(/20 \(20\.0%\)/);
		await expect(page.getByRole('img', { name: /Flow of customers between the two periods/ }).count()).resolves.toBe(1);
		const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download tracking report (JSON)' }).click()]);
		const report = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
		expect(report.migration.matched).toBe(280);
		expect(report.migration.stayed).toBe(240);
		const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download new period scored (CSV)' }).click()]);
		expect(readCsv(readFileSync((await csv.path())!, 'utf8'))).toHaveLength(311);
		expect(app.consoleErrors).toEqual([]);
	});
});

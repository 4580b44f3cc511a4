import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from './main';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;

describe('segment-lab run --gap-d-power', () => {
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-gapd-'));
	const input = join(dir, 'small.csv');
	writeFileSync(input, readFileSync(DEMO, 'utf8').split('\n').slice(0, 201).join('\n') + '\n');

	for (const p of [1, 2] as const) {
		it(`d.power ${p}: recorded in the recipe and the report, and named under the metrics table`, async () => {
			const [report, recipe] = [`r${p}.json`, `s${p}.json`].map((f) => join(dir, f));
			const log = vi.spyOn(console, 'log').mockImplementation(() => {});
			try {
				expect(await main(['run', '--input', input, '--k-range', '2..4', '--gap-b', '4', '--gap-d-power', String(p), '--report', report, '--save-recipe', recipe])).toBe(0);
				expect(log.mock.calls.flat().join('\n')).toContain(`gap: d.power ${p}`);
			} finally {
				log.mockRestore();
			}
			expect(JSON.parse(readFileSync(recipe, 'utf8')).evidence.gapDPower).toBe(p);
			expect(JSON.parse(readFileSync(report, 'utf8')).perK.map((s: { gap: { dPower: number } }) => s.gap.dPower)).toEqual([p, p, p]);
		});
	}
	it('refuses any other value with a usage error', async () => {
		const err = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			expect(await main(['run', '--input', input, '--gap-d-power', '3'])).not.toBe(0);
			expect(err.mock.calls.flat().join('\n')).toMatch(/--gap-d-power must be 1 or 2/);
		} finally {
			err.mockRestore();
		}
	});
});

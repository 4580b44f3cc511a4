/**
 * The command line treats skipped lines as the page does: a file with lines that could not be read as rows is
 * refused (exit 2, reasons and first line numbers on stderr) until --accept-skipped or a recipe that accepted them;
 * the acceptance is written into the saved recipe, and --skipped-out writes the lines themselves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

const MESSY = new URL('../../tests/fixtures/formats/customers-messy.csv', import.meta.url).pathname;

describe('segment-lab run on a file with skipped lines', () => {
	let errors: string[];
	beforeEach(() => {
		errors = [];
		vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
		vi.spyOn(console, 'log').mockImplementation(() => {});
	});
	afterEach(() => vi.restoreAllMocks());
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-skipped-'));
	const at = (f: string) => join(dir, f);

	it('refuses without --accept-skipped, naming the reasons and first lines', async () => {
		expect(await main(['run', '--input', MESSY, '--k', '2', '--out', at('refused.csv')])).toBe(2);
		const msg = errors.find((e) => e.startsWith('segment-lab: 7 line(s)'))!;
		expect(msg).toContain('"customers-messy.csv" could not be read as rows');
		expect(msg).toContain('12 readable rows remain');
		expect(msg).toContain('3 at lines 6, 9, 10: a merge-conflict marker');
		expect(msg).toContain('1 at line 13: more fields than the header');
		expect(errors.join('\n')).toContain('pass --accept-skipped');
		expect(() => readFileSync(at('refused.csv'))).toThrow();
	});

	it('goes on with --accept-skipped, records it in the recipe, and a recipe run accepts the same lines', async () => {
		expect(await main(['run', '--input', MESSY, '--k', '2', '--seed', '3', '--out', at('a.csv'), '--accept-skipped', '--skipped-out', at('skipped.csv'), '--save-recipe', at('r.json')])).toBe(0);
		const recipe = JSON.parse(readFileSync(at('r.json'), 'utf8'));
		expect(recipe.acceptSkipped).toBe(7);
		const skipped = readFileSync(at('skipped.csv'), 'utf8').trimEnd().split('\n');
		expect(skipped[0]).toBe('line,reason,text');
		expect(skipped.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['6,conflict-marker', '9,conflict-marker', '10,conflict-marker', '13,too-many-fields', '15,one-field', '17,repeated-header', '20,unbalanced-quote']);
		expect(readFileSync(at('a.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(13);
		// The saved recipe carries the acceptance: the same run without the flag gives the same labels.
		expect(await main(['run', '--input', MESSY, '--recipe', at('r.json'), '--out', at('b.csv')])).toBe(0);
		expect(readFileSync(at('b.csv'), 'utf8')).toBe(readFileSync(at('a.csv'), 'utf8'));
		// A recipe that accepted fewer skipped lines than the file has is refused.
		writeFileSync(at('fewer.json'), JSON.stringify({ ...recipe, acceptSkipped: 6 }));
		expect(await main(['run', '--input', MESSY, '--recipe', at('fewer.json'), '--out', at('c.csv')])).toBe(2);
		expect(errors.join('\n')).toContain('(the recipe accepted 6)');
	});

	it('project refuses the same way and goes on with --accept-skipped', async () => {
		expect(await main(['project', '--input', MESSY, '--method', 'pca', '--out', at('p.csv')])).toBe(2);
		expect(await main(['project', '--input', MESSY, '--method', 'pca', '--out', at('p.csv'), '--accept-skipped'])).toBe(0);
		expect(readFileSync(at('p.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(13);
	});

	it('score refuses the same way and goes on with --accept-skipped', async () => {
		expect(await main(['run', '--input', MESSY, '--k', '2', '--accept-skipped', '--model', at('m.json')])).toBe(0);
		expect(await main(['score', '--model', at('m.json'), '--input', MESSY, '--out', at('s.csv')])).toBe(2);
		expect(await main(['score', '--model', at('m.json'), '--input', MESSY, '--out', at('s.csv'), '--accept-skipped'])).toBe(0);
	});
});

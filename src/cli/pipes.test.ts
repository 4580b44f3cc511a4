/**
 * Standard input and output, the JSON report, outputs checked before the work, exit codes, and formula
 * neutralisation in every CSV the command line writes (labelled, skipped lines, projection coordinates).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main, reportError } from './main';
import { EngineError } from '../lib/engine/errors';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;
const EVIL = (i: number) => `=HYPERLINK("http://evil.example/${i}","Click")`;

describe('segment-lab pipes and exit codes', () => {
	let out: string[], log: string[], err: string[];
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-pipes-'));
	const at = (f: string) => join(dir, f);
	beforeEach(() => {
		out = [];
		log = [];
		err = [];
		vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
			out.push(String(chunk));
			(rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
			return true;
		}) as typeof process.stdout.write);
		vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void log.push(a.join(' ')));
		vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
	});
	afterEach(() => vi.restoreAllMocks());

	it('--out - writes the labelled CSV to standard output, the same bytes as --out FILE, messages to standard error', async () => {
		expect(await main(['run', '--input', DEMO, '--k', '4', '--out', at('a.csv')])).toBe(0);
		expect(log.length).toBeGreaterThan(3);
		log = [];
		out = [];
		expect(await main(['run', '--input', DEMO, '--k', '4', '--out', '-'])).toBe(0);
		expect(out.join('')).toBe(readFileSync(at('a.csv'), 'utf8'));
		expect(log).toEqual([]);
		expect(err.join('\n')).toContain('customers.csv: 5000 of 5000 rows clustered on 7 features; k = 4');
	});

	it('--json prints the report to standard output instead of the table, as --report writes it', async () => {
		expect(await main(['run', '--input', DEMO, '--k-range', '2..4', '--json', '--report', at('r.json')])).toBe(0);
		const printed = JSON.parse(out.join(''));
		expect(printed).toEqual(JSON.parse(readFileSync(at('r.json'), 'utf8')));
		expect(printed.perK.map((s: { k: number }) => s.k)).toEqual([2, 3, 4]);
		expect(log).toEqual([]);
		expect(err.join('\n')).not.toContain('davies_bouldin');
	});

	it('refuses --json with --out -, and an output in a missing folder before any work (exit 2, no half file)', async () => {
		expect(await main(['run', '--input', DEMO, '--json', '--out', '-'])).toBe(2);
		expect(err[0]).toContain('--json and --out - would both write to standard output');
		expect(await main(['run', '--input', DEMO, '--out', at('no/such/folder/a.csv')])).toBe(2);
		expect(err.at(-2)).toBe(`segment-lab: Cannot write "${at('no/such/folder/a.csv')}": its folder does not exist.`);
		expect(err.join('\n')).not.toContain('rows clustered');
		expect(await main(['project', '--input', DEMO, '--out', dir])).toBe(2);
		expect(err.at(-2)).toBe(`segment-lab: Cannot write "${dir}": it is a folder.`);
		expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
	});

	it('a bug is exit 1 with a line to report; anything the user can fix is exit 2; no stack trace either way', () => {
		expect(reportError(new TypeError("Cannot read properties of null (reading 'x')"))).toBe(1);
		expect(err[0]).toBe("segment-lab: internal error: Cannot read properties of null (reading 'x')");
		expect(err[1]).toMatch(/^This is a bug in segment-lab \d+\.\d+\.\d+\. Please report it with the command you ran/);
		expect(reportError(new EngineError('bad-recipe', 'The recipe is not valid.', 'Fix it.'))).toBe(2);
		expect(reportError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))).toBe(2);
		expect(err.join('\n')).not.toMatch(/\n\s+at /);
	});

	it('project --out neutralises formula ids: 100 of 100', async () => {
		const rows = ['customer_id,spend,visits', ...Array.from({ length: 100 }, (_, i) => `"${EVIL(i).replace(/"/g, '""')}",${(i * 13) % 97},${i % 9}`)];
		writeFileSync(at('ids.csv'), rows.join('\n') + '\n');
		expect(await main(['project', '--input', at('ids.csv'), '--out', at('p.csv')])).toBe(0);
		const lines = readFileSync(at('p.csv'), 'utf8').trimEnd().split('\n');
		expect(lines[0]).toBe('row,customer_id,pc1,pc2');
		expect(lines.slice(1).filter((l) => l.includes(`,"'=HYPERLINK(""http://evil.example/`))).toHaveLength(100);
		expect(lines.slice(1).filter((l) => /(^|,)=/.test(l))).toEqual([]);
	});

	it('--skipped-out neutralises skipped lines that are formulas', async () => {
		const rows = ['id,spend,visits', ...Array.from({ length: 30 }, (_, i) => `${i},${(i * 13) % 97},${i % 9}`)];
		rows.splice(5, 0, "=2+5+cmd|' /C calc'!A0");
		rows.splice(9, 0, `${EVIL(1)},1,2,3`);
		writeFileSync(at('skips.csv'), rows.join('\n') + '\n');
		expect(await main(['run', '--input', at('skips.csv'), '--k', '2', '--accept-skipped', '--skipped-out', at('s.csv')])).toBe(0);
		const lines = readFileSync(at('s.csv'), 'utf8').trimEnd().split('\n');
		expect(lines).toEqual(['line,reason,text', `6,one-field,"'=2+5+cmd|' /C calc'!A0"`, `10,too-many-fields,"'=HYPERLINK(""http://evil.example/1"",""Click""),1,2,3"`]);
		expect(existsSync(at('s.csv'))).toBe(true);
	});
});

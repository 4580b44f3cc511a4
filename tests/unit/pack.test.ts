/**
 * The command line as users get it: `npm pack`, the tarball installed into an empty folder with production
 * dependencies only, then `segment-lab run` (from a file, and from standard input to standard output), `score` and
 * `project`, each giving the same bytes as the in-repo command line (main() on the TypeScript sources).
 * About 40–60 s on this machine (most of it npm); installs from the npm cache (--prefer-offline).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';

const ROOT = new URL('../..', import.meta.url).pathname;
const DEMO = join(ROOT, 'static/demo/customers.csv');
const dir = mkdtempSync(join(tmpdir(), 'segment-lab-pack-'));
const at = (f: string) => join(dir, f);
let bin = '';

function sh(cmd: string, args: string[], opts: SpawnSyncOptions = {}) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...opts });
	if (r.error) throw r.error;
	return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}

/** The in-repo command line, in this process, quietly. */
async function inRepo(argv: string[]): Promise<number> {
	const log = vi.spyOn(console, 'log').mockImplementation(() => {});
	const err = vi.spyOn(console, 'error').mockImplementation(() => {});
	try {
		return await main(argv);
	} finally {
		log.mockRestore();
		err.mockRestore();
	}
}

describe('the packed, installed segment-lab', () => {
	beforeAll(() => {
		writeFileSync(at('c150.csv'), readFileSync(DEMO, 'utf8').split('\n').slice(0, 151).join('\n') + '\n');
		// npm pack runs prepack, which builds the command line's bundle.
		const pack = sh('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT });
		expect(pack.code, pack.err).toBe(0);
		const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
		writeFileSync(at('package.json'), JSON.stringify({ name: 'pack-test', private: true }));
		const install = sh('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', at(tgz)], { cwd: dir });
		expect(install.code, install.err).toBe(0);
		expect(install.err).not.toMatch(/npm warn/i);
		bin = at('node_modules/.bin/segment-lab');
	}, 150_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('installs only production dependencies and no TypeScript loader', () => {
		const installed = readdirSync(at('node_modules'));
		expect(installed).toContain('segment-lab');
		for (const dev of ['tsx', 'esbuild', 'vite', 'vitest', 'ml-kmeans', 'ml-pca', 'typescript']) expect(installed).not.toContain(dev);
		expect(readdirSync(at('node_modules/segment-lab')).sort()).toEqual(['README.md', 'bin', 'dist', 'package.json']);
	});

	it('--version and --help answer', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		expect(sh(bin, ['--version']).out.trim()).toBe(pkg.version);
		const help = sh(bin, ['run', '--help']);
		expect(help.code).toBe(0);
		expect(help.out).toContain('--k-range A..B');
		const bad = sh(bin, ['run', '--input', at('c150.csv'), '--k', '-3']);
		expect([bad.code, bad.err.split('\n')[0]]).toEqual([2, 'segment-lab: --k must be a whole number from 1 to 30, not "-3".']);
	});

	it('run from a file, and from standard input to standard output, labels as the in-repo command line does', async () => {
		const r = sh(bin, ['run', '--input', at('c150.csv'), '--k', '4', '--out', at('packed.csv'), '--model', at('packed-model.json')]);
		expect(r.code, r.err).toBe(0);
		expect(await inRepo(['run', '--input', at('c150.csv'), '--k', '4', '--out', at('repo.csv')])).toBe(0);
		const packed = readFileSync(at('packed.csv'), 'utf8');
		expect(packed).toBe(readFileSync(at('repo.csv'), 'utf8'));
		expect(packed.trimEnd().split('\n')).toHaveLength(151);
		const piped = sh(bin, ['run', '--input', '-', '--k', '4', '--out', '-'], { input: readFileSync(at('c150.csv')) });
		expect(piped.code, piped.err).toBe(0);
		expect(piped.out).toBe(packed);
		expect(piped.err).toContain('stdin: 150 of 150 rows clustered on 7 features; k = 4');
	});

	it('reads workbooks and Parquet (their readers load on first use in the bundle) as the in-repo command line does', async () => {
		for (const f of ['customers.xlsx', 'customers.parquet', 'customers-quoted.csv']) {
			const input = join(ROOT, 'tests/fixtures/formats', f);
			const r = sh(bin, ['run', '--input', input, '--k', '2', '--out', at(`packed-${f}.csv`)]);
			expect(r.code, r.err).toBe(0);
			expect(await inRepo(['run', '--input', input, '--k', '2', '--out', at(`repo-${f}.csv`)])).toBe(0);
			expect(readFileSync(at(`packed-${f}.csv`), 'utf8')).toBe(readFileSync(at(`repo-${f}.csv`), 'utf8'));
		}
	});

	it('score and project give the in-repo results', async () => {
		const s = sh(bin, ['score', '--model', at('packed-model.json'), '--input', at('c150.csv'), '--out', at('packed-scored.csv')]);
		expect(s.code, s.err).toBe(0);
		expect(await inRepo(['score', '--model', at('packed-model.json'), '--input', at('c150.csv'), '--out', at('repo-scored.csv')])).toBe(0);
		expect(readFileSync(at('packed-scored.csv'), 'utf8')).toBe(readFileSync(at('repo-scored.csv'), 'utf8'));
		// Scoring the training file with its own model gives the labels of the run.
		const seg = (f: string) => readFileSync(at(f), 'utf8').trimEnd().split('\n').map((l) => l.split(',')[8]);
		expect(seg('packed-scored.csv')).toEqual(seg('packed.csv'));
		for (const method of ['pca', 'umap']) {
			const p = sh(bin, ['project', '--input', at('c150.csv'), '--method', method, '--out', at(`packed-${method}.csv`)]);
			expect(p.code, p.err).toBe(0);
			expect(await inRepo(['project', '--input', at('c150.csv'), '--method', method, '--out', at(`repo-${method}.csv`)])).toBe(0);
			expect(readFileSync(at(`packed-${method}.csv`), 'utf8')).toBe(readFileSync(at(`repo-${method}.csv`), 'utf8'));
		}
	});
});

/**
 * The command line's arguments: one table per subcommand gives parsing, checks, "does not apply to this
 * algorithm" and --help; argument mistakes are argument errors (exit 2) naming the flag, never engine errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRunArgs, RUN_SPEC } from './args';
import { ArgumentError, commandHelp } from './flag-table';
import { main } from './main';
import { PROJECT_SPEC } from './project-args';
import { SCORE_SPEC } from './score-args';
import pkg from '../../package.json';

const DEMO = new URL('../../static/demo/customers.csv', import.meta.url).pathname;
const run = (...argv: string[]) => parseRunArgs(['--input', 'a.csv', ...argv]);

describe('segment-lab run arguments', () => {
	it('reads values by type, in both --flag value and --flag=value forms', () => {
		const a = run('--k', '4', '--k-range=2..8', '--columns', 'a, b,c', '--seed=7', '--accept-skipped');
		expect(a).toMatchObject({ input: 'a.csv', k: 4, kRange: [2, 8], columns: ['a', 'b', 'c'], seed: 7, acceptSkipped: true });
		expect(run('--algorithm', 'dbscan', '--eps', '0.25').eps).toBe(0.25);
	});

	it.each([
		[['--k', '-3'], /--k must be a whole number from 1 to 30, not "-3"/],
		[['--k', 'four'], /--k must be a whole number/],
		[['--k', '2.5'], /--k must be a whole number/],
		[['--k', '31'], /--k must be a whole number from 1 to 30/],
		[['--k-range', '8..2'], /--k-range must look like 2\.\.10/],
		[['--k-range', '2-8'], /--k-range must look like 2\.\.10/],
		[['--k', '12', '--k-range', '2..10'], /--k 12 is outside --k-range 2\.\.10/],
		[['--seed', '-1'], /--seed must be a whole number from 0/],
		[['--scale', 'log'], /--scale must be one of zscore, minmax, robust, none, not "log"/],
		[['--kk', '3'], /unknown option --kk for run \(did you mean --k\?\)/],
		[['--k'], /--k needs a value/],
		[['--k', '--seed', '3'], /--k needs a value/],
		[['--k', '3', '--k', '4'], /--k is given more than once/],
		[['stray'], /unexpected argument "stray"/],
		[['-k', '3'], /unexpected argument "-k".*long form/],
		[['--accept-skipped=yes'], /--accept-skipped takes no value/]
	])('refuses %j as an argument error naming the flag', (argv, message) => {
		let err: unknown;
		try {
			run(...argv);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(ArgumentError);
		expect((err as Error).message).toMatch(message);
		expect((err as ArgumentError).hint).toBe('Run `segment-lab run --help` for the options.');
	});

	it('requires --input', () => expect(() => parseRunArgs(['--k', '3'])).toThrow(/--input is required/));

	it.each([
		[['--eps', '0.3'], 'kmeans', /--eps does not apply to --algorithm kmeans: it is a setting of dbscan only\. Remove it, or choose --algorithm dbscan/],
		[['--algorithm', 'dbscan', '--k', '4'], 'dbscan', /--k does not apply to --algorithm dbscan: DBSCAN and HDBSCAN find their own number of segments/],
		[['--algorithm', 'hdbscan', '--k-range', '2..5'], 'hdbscan', /--k-range does not apply to --algorithm hdbscan/],
		[['--algorithm', 'dbscan', '--metrics', 'all'], 'dbscan', /--metrics does not apply to --algorithm dbscan: the gap statistic and stability compare numbers of segments/],
		[['--algorithm', 'ward', '--n-init', '5'], 'ward', /--n-init does not apply to --algorithm ward: only k-means, mini-batch k-means and Gaussian mixtures restart/],
		[['--covariance', 'diag'], 'kmeans', /--covariance does not apply to --algorithm kmeans.*choose --algorithm gmm/],
		[['--algorithm', 'gmm', '--batch-size', '64'], 'gmm', /--batch-size does not apply to --algorithm gmm/],
		[['--algorithm', 'dbscan', '--min-cluster-size', '9'], 'dbscan', /--min-cluster-size does not apply to --algorithm dbscan.*choose --algorithm hdbscan/]
	])('refuses %j: the flag does not apply to %s, with the reason', (argv, _alg, message) => {
		expect(() => run(...argv)).toThrow(message);
	});

	it('refuses choices a recipe carries when --recipe is given, but allows extra evidence on top', () => {
		expect(() => run('--recipe', 'r.json', '--k', '3', '--scale', 'none')).toThrow(/--recipe takes every choice from the recipe, so --scale, --k cannot be given with it/);
		expect(run('--recipe', 'r.json', '--metrics', 'all').metricsAll).toBe(true);
	});
});

describe('segment-lab --help and --version', () => {
	it('gives every flag of every command with its default, a synopsis and an example', () => {
		for (const spec of [RUN_SPEC, PROJECT_SPEC, SCORE_SPEC]) {
			const text = commandHelp(spec);
			expect(text).toContain(`Usage:\n  segment-lab ${spec.name} --`);
			expect(text).toMatch(/Examples?:\n {2}segment-lab /);
			for (const f of spec.flags) {
				expect(text).toContain(`--${f.name}`);
				if (f.default !== undefined) expect(text.replace(/\s+/g, " ")).toContain(`default: ${f.default}`);
			}
		}
		expect(commandHelp(RUN_SPEC).replace(/\s+/g, ' ')).toMatch(/--eps X DBSCAN neighbourhood radius.*\(default: the knee of the k-distance curve; only for --algorithm dbscan/);
	});

	describe('through main()', () => {
		let out: string[], err: string[];
		beforeEach(() => {
			out = [];
			err = [];
			vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
			vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
		});
		afterEach(() => vi.restoreAllMocks());

		it('--version prints the package version; --help the commands and the exit codes', async () => {
			expect(await main(['--version'])).toBe(0);
			expect(out).toEqual([pkg.version]);
			expect(await main(['--help'])).toBe(0);
			expect(out[1]).toMatch(/Commands:\n {2}run +cluster a file/);
			expect(out[1]).toMatch(/Exit codes:\n {2}0 {2}done\n {2}2 {2}bad input or arguments.*\n {2}1 {2}a bug/);
		});

		it('run --help, help score and project -h each print that command', async () => {
			expect(await main(['run', '--input', 'x', '--help'])).toBe(0);
			expect(await main(['help', 'score'])).toBe(0);
			expect(await main(['project', '-h'])).toBe(0);
			expect(out.map((o) => o.split(':')[0])).toEqual(['segment-lab run', 'segment-lab score', 'segment-lab project']);
		});

		it('exit 2 for argument errors, an unknown command and no command', async () => {
			expect(await main(['run', '--input', DEMO, '--k', '-3'])).toBe(2);
			expect(err[0]).toBe('segment-lab: --k must be a whole number from 1 to 30, not "-3".');
			expect(err.join('\n')).not.toMatch(/engine|reload the page/);
			expect(await main(['cluster'])).toBe(2);
			expect(err.join('\n')).toContain('unknown command "cluster"');
			expect(await main([])).toBe(2);
		});

		it('--k at or above the rows and all-identical rows get plain messages', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'segment-lab-args-'));
			writeFileSync(join(dir, 'five.csv'), 'a,b\n1,2\n3,4\n5,1\n2,2\n8,8\n');
			writeFileSync(join(dir, 'same.csv'), 'a,b\n' + '1,2\n'.repeat(7));
			expect(await main(['run', '--input', join(dir, 'five.csv'), '--k', '5'])).toBe(2);
			expect(err.at(-2)).toBe('segment-lab: --k 5 asks for 5 segments, but "five.csv" has 5 rows: at most 4 segments can be scored (the silhouette needs a segment with two rows).');
			expect(err.at(-1)).toBe('Give --k from 2 to 4.');
			expect(await main(['run', '--input', join(dir, 'same.csv')])).toBe(2);
			expect(err.at(-2)).toBe('segment-lab: No column of "same.csv" can be clustered: a and b hold one value in every row.');
			expect(await main(['run', '--input', join(dir, 'same.csv'), '--columns', 'a,b'])).toBe(2);
			expect(err.at(-2)).toBe('segment-lab: All 7 rows of "same.csv" have the same values in a and b: there is nothing to cluster.');
		});

		it('a saved DBSCAN recipe reruns whatever number of clusters it found', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'segment-lab-args-'));
			const [r, a, b] = ['r.json', 'a.csv', 'b.csv'].map((f) => join(dir, f));
			expect(await main(['run', '--input', DEMO, '--algorithm', 'dbscan', '--eps', '0.3', '--out', a, '--save-recipe', r])).toBe(0);
			const found = new Set(readFileSync(a, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')[8]));
			found.delete('-1');
			expect(found.size).toBeGreaterThan(10);
			expect(JSON.parse(readFileSync(r, 'utf8')).k).toBeNull();
			// A recipe written with the count it found (as older versions did) reruns too.
			writeFileSync(r, JSON.stringify({ ...JSON.parse(readFileSync(r, 'utf8')), k: found.size }));
			expect(await main(['run', '--input', DEMO, '--recipe', r, '--out', b])).toBe(0);
			expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
		});

		it('a malformed recipe is a bad recipe (exit 2), not an engine error', async () => {
			const dir = mkdtempSync(join(tmpdir(), 'segment-lab-args-'));
			writeFileSync(join(dir, 'r.json'), '{"version": 2,');
			expect(await main(['run', '--input', DEMO, '--recipe', join(dir, 'r.json')])).toBe(2);
			expect(err.at(-2)).toMatch(/^segment-lab: Cannot read the recipe ".*r\.json": /);
		});
	});
});

/**
 * `run --rules`: the rule-based segment of every clustered row is the same in the results CSV (segment_by_rules),
 * in the JSON (labels) and in the SQL, run with sqlite3 on the exported CSV itself. The data has missing cells
 * (the SQL's COALESCE must fill them as the preparation did) and a categorical feature (one-hot rules).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../lib/engine/data/csv';
import { Rng } from '../lib/engine/random';
import { adjustedRandIndex } from '../lib/engine/metrics/ari';
import { main } from './main';

const SQLITE = '/usr/bin/sqlite3';

function messyCsv(): string {
	const rng = new Rng(7);
	const rand = () => rng.next();
	const lines = ['id,spend,visits,region,tenure'];
	const regions = ['North', 'South', "O'Hare"];
	// Segments 1 and 2 differ only by region (a one-hot rule); the third by spend and visits. Some cells are blank.
	for (let i = 0; i < 400; i++) {
		const g = i % 3;
		const spend = g === 2 ? 300 + rand() * 100 : 40 + rand() * 30;
		const visits = Math.round((g === 2 ? 12 : 3) + rand() * 4);
		const region = rand() < 0.04 ? '' : g === 2 ? regions[(i >> 2) % 3] : regions[rand() < 0.08 ? 1 - g : g];
		const tenure = rand() < 0.05 ? '' : (rand() * 300).toFixed(1);
		lines.push([`C${i}`, rand() < 0.04 ? '' : spend.toFixed(2), visits, region, tenure].join(','));
	}
	return lines.join('\n') + '\n';
}

describe('segment-lab run --rules', () => {
	beforeEach(() => {
		vi.spyOn(console, 'log').mockImplementation(() => {});
		vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(() => vi.restoreAllMocks());
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-rules-'));
	const at = (f: string) => join(dir, f);
	writeFileSync(at('in.csv'), messyCsv());

	it.each([3, 7])('CSV, JSON and SQL (sqlite3) give every clustered row the same rule-based segment (k = 3, %i leaves)', async (leaves) => {
		const args = ['run', '--input', at('in.csv'), '--columns', 'spend,visits,region', '--k', '3', '--out', at(`out${leaves}.csv`), '--rules', at(`r${leaves}.json`), '--rules-sql', at(`r${leaves}.sql`), '--rule-leaves', String(leaves)];
		expect(await main(args)).toBe(0);
		const json = JSON.parse(readFileSync(at(`r${leaves}.json`), 'utf8'));
		// ExKMC stops early when no split lowers the cost (every leaf's rows already nearest its centre).
		expect(json.leaves).toBeLessThanOrEqual(leaves);
		expect(json.leaves).toBeGreaterThanOrEqual(Math.min(leaves, 4));
		expect(json.costRatio).toBeGreaterThanOrEqual(1);
		const out = parseCsv(readFileSync(at(`out${leaves}.csv`), 'utf8'), 'out.csv');
		const col = (n: string) => out.columns.find((c) => c.name === n)!;
		const fromCsv: number[] = [];
		for (let i = 0; i < out.rowCount; i++) if (!Number.isNaN(col('segment_by_rules').numbers[i])) fromCsv.push(col('segment_by_rules').numbers[i]);
		expect(fromCsv).toEqual(json.labels);
		expect(json.rows).toHaveLength(json.labels.length);
		// The case this test is for: a one-hot rule and COALESCE for blank cells.
		expect(json.sql).toMatch(/COALESCE\("region", '[^']+'\) (=|<>) '/);
		expect(json.segments.map((s: { rules: unknown[] }) => s.rules.length).reduce((a: number, b: number) => a + b, 0)).toBe(json.leaves);
		if (!existsSync(SQLITE)) return console.warn(`skipped the SQL check: ${SQLITE} is not installed`);
		// The CSV as a table, blanks as NULL as a database holds them; then the exported CASE expression.
		const load = [
			'CREATE TABLE customers (id TEXT, spend REAL, visits REAL, region TEXT, tenure REAL, segment TEXT, segment_name TEXT, status TEXT, silhouette REAL, distance_to_centre REAL, segment_by_rules REAL);',
			`.import --csv --skip 1 ${at(`out${leaves}.csv`)} customers`,
			...['spend', 'visits', 'region', 'tenure'].map((c) => `UPDATE customers SET ${c} = NULL WHERE ${c} = '';`)
		].join('\n');
		const sql = (query: string) => execFileSync(SQLITE, [':memory:'], { input: `${load}\n${query}`, encoding: 'utf8' }).trim();
		const header = readFileSync(at(`out${leaves}.csv`), 'utf8').split('\n')[0];
		expect(header).toBe('id,spend,visits,region,tenure,segment,segment_name,status,silhouette,distance_to_centre,segment_by_rules');
		const fromSql = sql(`SELECT COALESCE(${json.sql}, '') FROM customers WHERE status LIKE 'clustered%' ORDER BY rowid;`).split('\n').map(Number);
		expect(fromSql).toEqual(json.labels);
		// The per-segment WHERE clauses select the same rows as the CASE expression.
		const whereCounts = json.segments.map((s: { where: string }) => Number(sql(`SELECT COUNT(*) FROM customers WHERE status LIKE 'clustered%' AND (${s.where});`)));
		expect(whereCounts).toEqual([1, 2, 3].map((s) => json.labels.filter((l: number) => l === s).length));
	});

	it('refuses --rule-leaves outside k … 4k', async () => {
		expect(await main(['run', '--input', at('in.csv'), '--columns', 'spend,visits', '--k', '3', '--rules', at('bad.json'), '--rule-leaves', '13'])).toBe(2);
	});
});

describe('segment-lab run --python --pyspark', () => {
	beforeEach(() => {
		vi.spyOn(console, 'log').mockImplementation(() => {});
		vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(() => vi.restoreAllMocks());

	it('writes a scikit-learn script that gives the same segments, and a PySpark script that compiles', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'segment-lab-py-cli-'));
		const at = (f: string) => join(dir, f);
		const IRIS = new URL('../../tests/fixtures/sklearn/iris.csv', import.meta.url).pathname;
		expect(await main(['run', '--input', IRIS, '--columns', 'f0,f1,f2,f3', '--algorithm', 'gmm', '--k', '3', '--out', at('out.csv'), '--python', at('s.py'), '--pyspark', at('spark.py')])).toBe(0);
		const PY = '/usr/bin/python3';
		if (!existsSync(PY)) return console.warn(`skipped the Python check: ${PY} is not installed`);
		execFileSync(PY, ['-m', 'py_compile', at('spark.py')], { stdio: 'pipe' });
		try {
			execFileSync(PY, ['-c', 'import sklearn, pandas'], { stdio: 'pipe' });
		} catch {
			return console.warn(`skipped the scikit-learn run: ${PY} has no scikit-learn/pandas`);
		}
		execFileSync(PY, [at('s.py'), IRIS, at('py.csv')], { stdio: 'pipe', timeout: 120_000 });
		const last = (f: string) => readFileSync(at(f), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(',')[5]);
		const ours = last('out.csv'), theirs = last('py.csv');
		expect(ours).toHaveLength(150);
		expect(adjustedRandIndex(Int32Array.from(ours, Number), Int32Array.from(theirs, Number))).toBeGreaterThanOrEqual(0.99);
	});
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { adjustedRandIndex } from '../metrics/ari';
import { defaultRecipe } from '../recipe';
import { pysparkScript, sklearnScript } from './python';

/** Debian's python3 carries python3-sklearn; the python3 first on PATH may not. */
const PYTHON = '/usr/bin/python3';
function sklearnMissing(): string | null {
	if (!existsSync(PYTHON)) return `${PYTHON} is not installed`;
	try {
		execFileSync(PYTHON, ['-c', 'import sklearn, pandas, numpy'], { stdio: 'pipe' });
		return null;
	} catch {
		return `${PYTHON} has no scikit-learn/pandas (apt-get install python3-sklearn python3-pandas)`;
	}
}
const missing = sklearnMissing();
if (missing) console.warn(`skipping the Python export tests: ${missing}`);

const DEMO = new URL('../../../../static/demo/customers.csv', import.meta.url).pathname;

describe.skipIf(missing !== null)('code export', () => {
	const table = parseCsv(readFileSync(DEMO, 'utf8'), 'customers.csv');
	const recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [6, 6] as [number, number], k: 6 };
	const result = analyse(table, recipe);
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-py-'));

	it('the scikit-learn script reproduces the partition on the demo (ARI ≥ 0.99)', () => {
		const script = join(dir, 'segments.py');
		writeFileSync(script, sklearnScript(recipe, result.fitted, 6));
		const out = join(dir, 'out.csv');
		execFileSync(PYTHON, [script, DEMO, out], { stdio: 'pipe', timeout: 120_000 });
		const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
		const seg = Int32Array.from(lines.slice(1), (l) => Number(l.slice(l.lastIndexOf(',') + 1)) - 1);
		const ours = new Int32Array(table.rowCount).fill(-1);
		result.rowIndex.forEach((row, r) => (ours[row] = result.labels[0][r]));
		const ari = adjustedRandIndex(seg, ours);
		console.log(`scikit-learn script vs Segment Lab on the demo: ARI = ${ari}`);
		expect(ari).toBeGreaterThanOrEqual(0.99);
	});

	it('HDBSCAN: the script uses sklearn.cluster.HDBSCAN (scikit-learn ≥ 1.3) or else its numpy HDBSCAN*, and reproduces the page', () => {
		const hrecipe = { ...recipe, algorithm: { name: 'hdbscan' as const, minClusterSize: 15, minSamples: null, selection: 'eom' as const }, k: null };
		const hres = analyse(table, hrecipe);
		const script = join(dir, 'segments_hdbscan.py');
		writeFileSync(script, sklearnScript(hrecipe, hres.fitted, hres.perK[0].k));
		const out = join(dir, 'out_hdbscan.csv');
		execFileSync(PYTHON, [script, DEMO, out], { stdio: 'pipe', timeout: 120_000 });
		const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
		const seg = Int32Array.from(lines.slice(1), (l) => Number(l.slice(l.lastIndexOf(',') + 1)));
		const ours = new Int32Array(table.rowCount).fill(-2);
		hres.rowIndex.forEach((row, r) => (ours[row] = hres.labels[0][r]));
		expect(hres.perK[0].k).toBeGreaterThanOrEqual(2);
		expect(seg.map((v) => (v === -1 ? 1 : 0))).toEqual(ours.map((v) => (v === -1 ? 1 : 0)));
		expect(adjustedRandIndex(seg, ours)).toBeGreaterThanOrEqual(0.99);
	});

	it('the PySpark script still refuses PAM and k-prototypes (Spark ML has neither), pointing to the scikit-learn script', () => {
		for (const algorithm of [{ name: 'pam' as const }, { name: 'kprototypes' as const, gamma: null, nInit: 10, maxPasses: 100 }]) {
			expect(() => pysparkScript({ ...recipe, algorithm }, result.fitted, 6)).toThrow(/PySpark has no such algorithm/);
		}
	});

	it('the PySpark script compiles and uses pyspark.ml', () => {
		const weird = { ...recipe, features: recipe.features };
		const script = join(dir, 'segments_spark.py');
		const text = pysparkScript(weird, result.fitted, 6);
		writeFileSync(script, text);
		execFileSync(PYTHON, ['-m', 'py_compile', script], { stdio: 'pipe' });
		for (const api of ['VectorAssembler', 'KMeans', 'GaussianMixture', 'BisectingKMeans']) expect(text).toContain(api);
		// The fitted preparation travels in the script (applied as fitted, not refitted).
		expect(text).toContain(`"center":${result.fitted.scale.center[0]}`.replace(/"/g, '\\"'));
	});

	it('keeps hostile column names as data, not code', () => {
		const hostile = { ...result.fitted, perFeature: result.fitted.perFeature.map((f, i) => (i === 0 ? { ...f, name: '"""); import os; os.system("x") #\\' } : f)) };
		const script = join(dir, 'hostile.py');
		writeFileSync(script, sklearnScript(recipe, hostile, 6));
		execFileSync(PYTHON, ['-m', 'py_compile', script], { stdio: 'pipe' });
		const name = execFileSync(PYTHON, ['-c', `import runpy; print(runpy.run_path(${JSON.stringify(script)}, run_name="x")["CONFIG"]["features"][0]["name"])`], { encoding: 'utf8' }).trim();
		expect(name).toBe('"""); import os; os.system("x") #\\');
	});
});

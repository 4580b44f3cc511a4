/**
 * The exported scikit-learn script reproduces the page's labels for every algorithm (issue 15): on iris, wine and
 * breast cancer (scikit-learn's bundled data), each algorithm is run by the engine, its script written with the
 * fitted start (centres, mixture parameters), run with Debian's python3 (scikit-learn 1.2) on the same file, and
 * the labels compared: ARI ≥ 0.99. With --refit, mini-batch k-means and the mixtures fit again from the fitted
 * start: ARI ≥ 0.95 (printed; EM and mini-batches move border rows). HDBSCAN runs the script's numpy HDBSCAN*
 * where scikit-learn is older than 1.3 (Debian's 1.2), sklearn.cluster.HDBSCAN otherwise. PAM and k-prototypes
 * (numpy in the script) run on the three numeric datasets and on the wholesale customers with Channel and Region
 * as words: from the fitted medoids / prototypes, and with --refit (PAM again from BUILD; k-prototypes again from
 * the page's own seeded starts, the engine's generator being ported into the script): all of these give the page's
 * partition row for row.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, prepareRun } from '../analyse';
import { kDistance, suggestEps } from '../cluster/k-distance';
import { parseCsv } from '../data/csv';
import { fingerprint } from '../data/fingerprint';
import { profileTable } from '../data/profile';
import { adjustedRandIndex } from '../metrics/ari';
import { defaultRecipe, DEFAULT_ALGORITHMS, type AlgorithmSpec, type Recipe } from '../recipe';
import { fittedStart, sklearnScript } from './python';

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

const fixtures = new URL('../../../../tests/fixtures/', import.meta.url).pathname;
const DATASETS: [string, string, number][] = [
	['iris', join(fixtures, 'sklearn/iris.csv'), 3],
	['wine', join(fixtures, 'sklearn/wine.csv'), 3],
	['breast_cancer', join(fixtures, 'explain/breast_cancer.csv'), 2],
	['wholesale_mixed', join(fixtures, 'mixed/wholesale_mixed.csv'), 3]
];
/** The mixed dataset runs only the algorithms for mixed data (the others are covered by the three above). */
const MIXED_ONLY = new Set(['wholesale_mixed']);

const ALGORITHMS: [string, AlgorithmSpec | 'dbscan'][] = [
	['k-means', DEFAULT_ALGORITHMS.kmeans],
	['mini-batch k-means', DEFAULT_ALGORITHMS.minibatch],
	['Ward', { name: 'hierarchical', linkage: 'ward' }],
	['complete linkage', { name: 'hierarchical', linkage: 'complete' }],
	['average linkage', { name: 'hierarchical', linkage: 'average' }],
	['single linkage', { name: 'hierarchical', linkage: 'single' }],
	['DBSCAN', 'dbscan'],
	['GMM full', { ...DEFAULT_ALGORITHMS.gmm, covariance: 'full' }],
	['GMM diag', { ...DEFAULT_ALGORITHMS.gmm, covariance: 'diag' }],
	['GMM spherical', { ...DEFAULT_ALGORITHMS.gmm, covariance: 'spherical' }],
	['GMM tied', { ...DEFAULT_ALGORITHMS.gmm, covariance: 'tied' }],
	['HDBSCAN', { ...DEFAULT_ALGORITHMS.hdbscan }],
	['HDBSCAN leaf, min samples 3', { ...DEFAULT_ALGORITHMS.hdbscan, minSamples: 3, selection: 'leaf' }],
	['PAM', DEFAULT_ALGORITHMS.pam],
	['k-prototypes', DEFAULT_ALGORITHMS.kprototypes]
];
const REFIT_FLOOR: Record<string, number> = { minibatch: 0.95, gmm: 0.95, pam: 0.99, kprototypes: 0.99 };

/** The same partition, row for row: segment numbers may differ, but noise (-1) and rows left out (-2) may not. */
function samePartition(a: Int32Array, b: Int32Array): boolean {
	if (a.length !== b.length) return false;
	const ab = new Map<number, number>(), ba = new Map<number, number>();
	for (let i = 0; i < a.length; i++) {
		if ((a[i] < 0 || b[i] < 0) && a[i] !== b[i]) return false;
		if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
		ab.set(a[i], b[i]);
		ba.set(b[i], a[i]);
	}
	return true;
}
/** Written into the script in numpy (scikit-learn 1.2 has none of them): reproduced exactly from the fitted model. */
const EXACT = new Set(['hdbscan', 'pam', 'kprototypes']);

describe.skipIf(missing !== null)('the scikit-learn script reproduces the labels of every algorithm (ARI ≥ 0.99)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'segment-lab-repro-'));
	it.each(DATASETS)('%s', (name, path, k) => {
		const table = parseCsv(readFileSync(path, 'utf8'), `${name}.csv`);
		const base: Recipe = { ...defaultRecipe(fingerprint(table), profileTable(table)), kRange: [k, k], k };
		base.features = table.columns.map((c) => c.name).filter((c) => c !== 'target');
		const jobs: { label: string; script: string; out: string; ours: Int32Array; refit?: number; exact?: boolean }[] = [];
		for (const [label, spec] of ALGORITHMS) {
			if (MIXED_ONLY.has(name) && (spec === 'dbscan' || (spec.name !== 'pam' && spec.name !== 'kprototypes'))) continue;
			let algorithm: AlgorithmSpec;
			if (spec === 'dbscan') {
				const { matrix } = prepareRun(table, base);
				algorithm = { name: 'dbscan', eps: Number(suggestEps(kDistance(matrix.data, matrix.rows, matrix.cols, 5)).toPrecision(3)), minPts: 5 };
			} else algorithm = spec;
			const recipe: Recipe = { ...base, algorithm, ...(algorithm.name === 'dbscan' || algorithm.name === 'hdbscan' ? { k: null } : {}) };
			const result = analyse(table, recipe);
			const summary = result.perK[0];
			// The mixed dataset really is mixed: Channel and Region reach PAM and k-prototypes as categories.
			if (MIXED_ONLY.has(name)) expect(result.fitted.perFeature.filter((f) => f.encoding === 'categorical').map((f) => f.name)).toEqual(['Channel', 'Region']);
			if (algorithm.name === 'hdbscan') expect(summary.k, `${name}, ${label}: segments`).toBeGreaterThanOrEqual(2);
			const script = join(dir, `${name}-${jobs.length}.py`);
			writeFileSync(script, sklearnScript(recipe, result.fitted, summary.k, fittedStart(summary)));
			const ours = new Int32Array(table.rowCount).fill(-2);
			result.rowIndex.forEach((row, r) => (ours[row] = result.labels[0][r]));
			jobs.push({ label, script, out: join(dir, `${name}-${jobs.length}.csv`), ours, exact: EXACT.has(algorithm.name) });
			const floor = REFIT_FLOOR[algorithm.name];
			if (floor) jobs.push({ label: `${label} --refit`, script, out: join(dir, `${name}-${jobs.length}.csv`), ours, refit: floor, exact: EXACT.has(algorithm.name) });
		}
		// One Python process runs every script (importing scikit-learn once).
		const runner = `import runpy, sys\nfor script, out, refit in ${JSON.stringify(jobs.map((j) => [j.script, j.out, j.refit ? 1 : 0]))}:\n    sys.argv = [script, ${JSON.stringify(path)}, out] + (["--refit"] if refit else [])\n    runpy.run_path(script, run_name="__main__")\n`;
		execFileSync(PYTHON, ['-c', runner], { stdio: 'pipe', timeout: 300_000 });
		const aris = jobs.map((j) => {
			const lines = readFileSync(j.out, 'utf8').trimEnd().split('\n');
			const seg = Int32Array.from(lines.slice(1), (l) => {
				const v = l.slice(l.lastIndexOf(',') + 1);
				return v === '' ? -2 : Number(v);
			});
			if (j.exact) expect(samePartition(seg, j.ours), `${name}, ${j.label}: the page's partition exactly`).toBe(true);
			return { label: j.label, floor: j.refit ?? 0.99, ari: adjustedRandIndex(seg, j.ours) };
		});
		console.log(`${name}: ${aris.map((a) => `${a.label} ${a.ari.toFixed(4)}`).join(', ')}`);
		for (const a of aris) expect(a.ari, `${name}, ${a.label}`).toBeGreaterThanOrEqual(a.floor);
	});
});

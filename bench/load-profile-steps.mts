/**
 * The journey's steps other than the sweep, in Node, on the journey's 1,000,000-row file (bench/journey-data.ts):
 * load, profile (describeTable), the default preparation (prepare, median of 3) and the results CSV's text (every
 * chunk of resultsCsvChunks hashed, median of 3; segments and a distance column made up from the matrix), with a
 * hash of the prepared matrix and of the file so two versions can be checked to give the same bytes.
 *   node --import tsx bench/load-profile-steps.mts [SOURCE_ROOT]
 * SOURCE_ROOT (default: this checkout) is a copy of the repository at another commit (`git archive`), to time a
 * before and an after back to back; one JSON line per run.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { dataDir } from './engine-bench-util';
import { writeCustomers } from './journey-data';

const root = resolve(process.argv[2] ?? '.');
const file = `${dataDir}/journey-1000000.csv`;
if (!existsSync(file)) await writeCustomers(file, 1_000_000);
const { fileSource } = await import(root + '/src/cli/file-source.ts');
const { loadSource } = await import(root + '/src/lib/engine/data/load.ts');
const { describeTable } = await import(root + '/src/lib/engine/data/describe.ts');
const { fingerprint } = await import(root + '/src/lib/engine/data/fingerprint.ts');
const { recipeForTable } = await import(root + '/src/lib/engine/recipe-for-table.ts');
const { prepare } = await import(root + '/src/lib/engine/prep/prepare.ts');
const { resultsCsvChunks } = await import(root + '/src/lib/engine/export/csv.ts');

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
let t = performance.now();
const table = await loadSource(fileSource(file), 'customers.csv');
const load = performance.now() - t;
t = performance.now();
const { profiles } = describeTable(table);
const profile = performance.now() - t;
const recipe = recipeForTable(fingerprint(table), profiles);
const prep: number[] = [];
let m = prepare(table, recipe);
for (let i = 0; i < 3; i++) {
	t = performance.now();
	m = prepare(table, recipe);
	prep.push(performance.now() - t);
}
const matrix = createHash('sha256').update(new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength)).digest('hex').slice(0, 12);
const labels = new Int32Array(m.rows);
const distance = new Float64Array(m.rows);
for (let r = 0; r < m.rows; r++) {
	labels[r] = (Math.abs(m.data[r * m.cols]) * 997) % 6 | 0;
	distance[r] = Math.abs(m.data[r * m.cols + 1]);
}
const names = ['Big spenders', 'Lapsed', 'New, web', 'Loyal', 'Bargain', 'Quiet'];
const csv: number[] = [];
let csvHash = '';
for (let i = 0; i < 3; i++) {
	t = performance.now();
	const h = createHash('sha256');
	for (const c of resultsCsvChunks(table, { rowIndex: m.rowIndex, status: m.status, labels, names, extra: [{ name: 'distance_to_centre', values: distance }] })) h.update(c);
	csv.push(performance.now() - t);
	csvHash = h.digest('hex').slice(0, 12);
}
console.log(JSON.stringify({ root, load: Math.round(load), profile: Math.round(profile), prep: Math.round(median(prep)), csv: Math.round(median(csv)), matrix, file: csvHash }));

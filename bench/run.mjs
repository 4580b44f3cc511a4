// Runner behind `npm run bench`: runs every bench/*.bench.ts with tsx, one after another, and streams output.
// Usage: node bench/run.mjs [name-filter]   (e.g. `npm run bench -- kmeans`)
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
	.filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
	.sort();
if (files.length === 0) {
	console.log(`No bench/*.bench.ts files${filter ? ` matching "${filter}"` : ''}.`);
	process.exit(0);
}
let failed = 0;
for (const f of files) {
	console.log(`\n=== ${f} ===`);
	const t0 = Date.now();
	const r = spawnSync('npx', ['tsx', join(here, f)], { stdio: 'inherit', cwd: join(here, '..') });
	console.log(`=== ${f}: ${r.status === 0 ? 'done' : `exit ${r.status}`} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
	if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

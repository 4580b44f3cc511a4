/**
 * The default k-means sweep in the page: 100,000 × 8 (bench/browser-sweep.ts's blobs CSV) through the built site
 * with every setting left as the page sets it — k = 2..10, k-means with the default restarts
 * (src/lib/engine/cluster/kmeans-restarts.ts: 10 per k at 800,000 values) and the Hartigan refinement, the default
 * metrics — timed from Run until the last k is in. Acceptance: under 10 s on this 2-core machine.
 * Needs build/ (`npm run build`). Run: npx tsx bench/sweep.bench.ts   (or npm run bench -- sweep)
 */
import { loadavg } from 'node:os';
import { timeSweep } from './browser-sweep';
import { gotoStep } from '../tests/e2e/harness';

console.log(`load average (1, 5, 15 min) at start: ${loadavg().map((v) => v.toFixed(2)).join(', ')} (2 cores)`);
let settings = '';
const { ms, head, cores } = await timeSweep(async (page) => {
	await gotoStep(page, 'Cluster');
	const v = (label: string) => page.getByLabel(label, { exact: true }).inputValue();
	settings = `k = ${await v('Smallest k')}..${await v('Largest k')}, ${await v('Restarts')} restarts`;
});
console.log(`default sweep, 100,000 × 8 (${settings}; browser, ${cores} cores, ${Math.max(1, cores - 1)} workers): ${(ms / 1000).toFixed(1)} s (target < 10 s); ${head}`);
console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);

// `npm start`: serves the built static site and prints its address.
import { existsSync } from 'node:fs';
import { startStaticServer } from './static-server.mjs';

const root = new URL('../build', import.meta.url).pathname;
if (!existsSync(root)) {
	console.error('No build/ folder: run `npm run build` first (npm start does it for you).');
	process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
// Cross-origin isolation lets t-SNE share memory with a second thread; every asset is same-origin, so nothing is blocked.
const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const { url } = await startStaticServer(root, port, isolation);
console.log(`Segment Lab is running at ${url}`);
console.log('Open it in a browser and press "Try the demo data". Press Ctrl+C to stop.');

// A small static file server for the built site (build/): used by `npm start` and by the end-to-end tests.
// Module worker scripts need a JavaScript MIME type, which is why this is not a plain file:// open.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.csv': 'text/csv; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm',
	'.webmanifest': 'application/manifest+json'
};

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port).
 * @param {string} root
 * @param {number} [port]
 * @param {Record<string, string>} [headers] extra response headers (e.g. COOP/COEP for a cross-origin-isolated page)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startStaticServer(root, port = 0, headers = {}) {
	const base = resolve(root);
	const server = createServer(async (req, res) => {
		try {
			const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
			let file = normalize(join(base, path));
			if (!file.startsWith(base)) {
				res.writeHead(403).end();
				return;
			}
			let info = await stat(file).catch(() => null);
			if (info?.isDirectory()) {
				file = join(file, 'index.html');
				info = await stat(file).catch(() => null);
			}
			if (!info && !extname(file)) {
				file = `${file}.html`;
				info = await stat(file).catch(() => null);
			}
			if (!info) {
				res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
				return;
			}
			const body = await readFile(file);
			res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...headers });
			res.end(body);
		} catch (err) {
			res.writeHead(500).end(String(err));
		}
	});
	await /** @type {Promise<void>} */ (new Promise((ok) => server.listen(port, '127.0.0.1', () => ok())));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}/`,
		close: () =>
			/** @type {Promise<void>} */ (
				new Promise((ok) => {
					server.close(() => ok());
					// Kept-alive connections would hold the server open (and keep answering) until they time out.
					server.closeAllConnections();
				})
			)
	};
}

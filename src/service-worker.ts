/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Makes the page work offline once it has been opened: every file of this build (the app, its workers, the demo
 * data, the prerendered pages) is copied into a cache when the service worker installs, and served from there.
 * Hashed build files never change, so they come from the cache first; pages and the other static files are asked
 * of the server first (so a new deployment shows) and fall back to the cache when there is no network. Only this
 * site's own GET requests are touched, nothing is ever sent anywhere, and the user's files never pass through
 * here (they are read from the disk as Blobs, not fetched).
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `segment-lab-${version}`;
const IMMUTABLE = new Set(build);
const ASSETS = [...build, ...files, ...prerendered];
const KNOWN = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			// Serve this page's later requests (workers, lazily loaded code) too, not only the next page load's.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	event.respondWith(respond(request, url));
});

async function respond(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	if (IMMUTABLE.has(url.pathname)) {
		const hit = await cache.match(url.pathname);
		if (hit) return hit;
	}
	try {
		const response = await fetch(request);
		// A newer copy of one of this build's files replaces the cached one; nothing else is stored.
		if (response.ok && KNOWN.has(url.pathname)) await cache.put(url.pathname, response.clone());
		return response;
	} catch (err) {
		const hit = (await cache.match(url.pathname)) ?? (request.mode === 'navigate' ? await cache.match(new URL('./', sw.location.href).pathname) : undefined);
		if (hit) return hit;
		throw err;
	}
}

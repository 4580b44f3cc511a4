/**
 * Runs the engine's loader in a Chromium worker on the bench file: bundles bench/parse/worker-entry.ts with
 * esbuild, serves it with a one-line page on 127.0.0.1, and samples the renderer process's RSS from /proc (the
 * worker lives in it) while each run goes; the peak above the pre-load RSS is reported.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Processes descended from this one whose command line says they are renderers. */
function rendererRss(): number {
	const parent = new Map<number, number>();
	const cmd = new Map<number, string>();
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			parent.set(+d, +stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			cmd.set(+d, readFileSync(`/proc/${d}/cmdline`, 'utf8'));
		} catch {
			// the process ended while we looked
		}
	}
	const mine = (pid: number): boolean => {
		for (let p = pid, k = 0; p > 1 && k < 20; p = parent.get(p) ?? 1, k++) if (p === process.pid) return true;
		return false;
	};
	let rss = 0;
	for (const [pid, c] of cmd) {
		if (!c.includes('--type=renderer') || !mine(pid)) continue;
		try {
			const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (m) rss += +m[1] * 1024;
		} catch {
			// ended
		}
	}
	return rss;
}

export async function chromiumParse(file: string): Promise<{ version: string; ms: number[]; peakMB: number }> {
	const bundle = await build({ entryPoints: [join('bench', 'parse', 'worker-entry.ts')], bundle: true, format: 'esm', write: false, platform: 'browser', target: 'es2022' });
	const js = bundle.outputFiles[0].text;
	const html = '<!doctype html><meta charset="utf-8"><title>parse bench</title><input type="file" aria-label="file">';
	const server = createServer((req, res) => {
		if (req.url === '/worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
		else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
	try {
		const ms: number[] = [];
		let peak = 0;
		for (let run = 0; run < 3; run++) {
			// A fresh page per run so each starts from the same baseline.
			const page = await browser.newPage();
			await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
			await page.getByLabel('file').setInputFiles(file);
			await page.evaluate(() => {
				const w = new Worker('/worker.js', { type: 'module' });
				(window as unknown as { w: Worker }).w = w;
				return new Promise((r) => setTimeout(r, 300));
			});
			const base = rendererRss();
			let top = base;
			const timer = setInterval(() => (top = Math.max(top, rendererRss())), 10);
			const out = await page.evaluate(
				() =>
					new Promise<{ ms?: number; rows?: number; error?: string }>((resolve) => {
						const w = (window as unknown as { w: Worker }).w;
						w.onmessage = (e) => resolve(e.data);
						w.postMessage((document.querySelector('input') as HTMLInputElement).files![0]);
					})
			);
			clearInterval(timer);
			top = Math.max(top, rendererRss());
			if (out.error || out.rows !== 1_000_000) throw new Error(`worker said ${JSON.stringify(out)}`);
			ms.push(out.ms!);
			if (run === 0) peak = top - base;
			await page.close();
		}
		return { version: browser.version(), ms, peakMB: peak / 1e6 };
	} finally {
		await browser.close();
		server.close();
	}
}

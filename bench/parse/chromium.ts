/**
 * Runs the engine's loader in a Chromium worker on the bench file: bundles bench/parse/worker-entry.ts (and the
 * reader worker it starts) with esbuild, serves them with a one-line page on 127.0.0.1, and reads the peak memory
 * of the renderer process (the workers live in it) from the kernel: its high-water mark (VmHWM) is reset to the
 * current RSS before each run (writing 5 to /proc/PID/clear_refs) and read after it, so nothing polls /proc
 * while the parse runs (polling every 10 ms had cost this 2-core machine a share of a core during the run).
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launchChromium } from '../../tests/e2e/harness';

/** Processes descended from this one whose command line says they are renderers. */
function renderers(): number[] {
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
	return [...cmd].filter(([pid, c]) => c.includes('--type=renderer') && mine(pid)).map(([pid]) => pid);
}

/** A process's resident and peak resident memory in bytes (0 once it has ended). */
function memory(pid: number): { rss: number; hwm: number } {
	try {
		const s = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key: string) => +(new RegExp(`${key}:\\s+(\\d+) kB`).exec(s)?.[1] ?? 0) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return { rss: 0, hwm: 0 };
	}
}

/** Resets the peak to the current RSS (Linux: clear_refs 5); false where that is not allowed. */
function resetPeak(pid: number): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** `entry`: the worker script under bench/parse/ (the journey's load + profile: journey-worker-entry.ts); `runs` of it. */
export async function chromiumParse(file: string, entry = 'worker-entry.ts', runs = 3): Promise<{ version: string; ms: number[]; peakMB: number; phases: Record<string, number>[] }> {
	const bundle = await build({ entryPoints: [join('bench', 'parse', entry)], bundle: true, format: 'esm', write: false, platform: 'browser', target: 'es2022' });
	const js = bundle.outputFiles[0].text;
	// The loader starts its reader worker from new URL('./file-reader.worker.ts', import.meta.url): served here.
	const reader = await build({ entryPoints: [join('src', 'lib', 'workers', 'file-reader.worker.ts')], bundle: true, format: 'esm', write: false, platform: 'browser', target: 'es2022' });
	const readerJs = reader.outputFiles[0].text;
	const html = '<!doctype html><meta charset="utf-8"><title>parse bench</title><input type="file" aria-label="file">';
	const server = createServer((req, res) => {
		if (req.url === '/worker.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
		else if (req.url === '/file-reader.worker.ts') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readerJs);
		else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const browser = await launchChromium();
	try {
		const ms: number[] = [];
		const phases: Record<string, number>[] = [];
		let peak = 0;
		for (let run = 0; run < runs; run++) {
			// A fresh page per run so each starts from the same baseline.
			const page = await browser.newPage();
			await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
			await page.getByLabel('file').setInputFiles(file);
			await page.evaluate(() => {
				const w = new Worker('/worker.js', { type: 'module' });
				(window as unknown as { w: Worker }).w = w;
				return new Promise((r) => setTimeout(r, 300));
			});
			const pids = renderers();
			if (!pids.every(resetPeak)) throw new Error('cannot reset the renderer peak memory (needs write access to /proc/PID/clear_refs)');
			const base = pids.reduce((t, p) => t + memory(p).rss, 0);
			const out = await page.evaluate(
				() =>
					new Promise<{ ms?: number; rows?: number; error?: string; phases?: Record<string, number> }>((resolve) => {
						const w = (window as unknown as { w: Worker }).w;
						w.onmessage = (e) => resolve(e.data);
						w.postMessage((document.querySelector('input') as HTMLInputElement).files![0]);
					})
			);
			const top = pids.reduce((t, p) => t + memory(p).hwm, 0);
			if (out.error || out.rows !== 1_000_000) throw new Error(`worker said ${JSON.stringify(out)}`);
			ms.push(out.ms!);
			if (out.phases) phases.push(out.phases);
			if (run === 0) peak = top - base;
			await page.close();
		}
		return { version: browser.version(), ms, peakMB: peak / 1e6, phases };
	} finally {
		await browser.close();
		server.close();
	}
}

/**
 * The journey bench's memory account, per step. Two views of the same page:
 * - the resident memory (RSS) of Chromium's renderer process — the page and all its workers are threads of it —
 *   sampled every 100 ms from /proc into a time series, so each step's peak and its level at the end can be read
 *   off the step's time window;
 * - `performance.measureUserAgentSpecificMemory()` (the page is cross-origin isolated, so it is available) at each
 *   step's end: the JavaScript heaps and ArrayBuffers (typed arrays, WebAssembly memories, SharedArrayBuffers) of
 *   the page and of each of its workers, by scope. Chromium is started with `ForceEagerMeasureMemory`, so it measures
 *   at once (after a full garbage collection) instead of waiting up to 20 s for one: the RSS just after it is what the
 *   step left alive, the peak before it what the step needed while it ran.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Chromium flags for measureUserAgentSpecificMemory to answer at once. */
export const MEMORY_FLAGS = ['--enable-blink-features=ForceEagerMeasureMemory'];

/**
 * Resident memory (bytes) of this process's Chromium descendants: renderer processes (summed, and each by pid), and
 * all of them. Headless Chromium runs renderers of its own beside the page's (about 250 MB together here).
 */
export function chromiumRss(): { renderer: number; all: number; renderers: Map<number, number> } {
	const children = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const list = children.get(ppid) ?? [];
			list.push(Number(name));
			children.set(ppid, list);
		} catch {
			// The process ended while being read.
		}
	}
	let renderer = 0, all = 0;
	const renderers = new Map<number, number>();
	const stack = [...(children.get(process.pid) ?? [])];
	while (stack.length) {
		const pid = stack.pop()!;
		stack.push(...(children.get(pid) ?? []));
		try {
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (!cmd.includes('chrom')) continue;
			const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
			all += rss;
			if (cmd.includes('--type=renderer')) {
				renderer += rss;
				renderers.set(pid, rss);
			}
		} catch {
			// Gone.
		}
	}
	return { renderer, all, renderers };
}

/**
 * The renderers' RSS every 100 ms, with wall-clock times (ms since the epoch). The page's own renderer is the one
 * that holds the most at the end (the file's); windows are read for it.
 */
export class RssSeries {
	readonly samples: [number, Map<number, number>][] = [];
	readonly peak = { renderer: 0, all: 0 };
	private timer: ReturnType<typeof setInterval>;
	constructor(every = 100) {
		this.timer = setInterval(() => this.sample(), every);
	}
	sample(): number {
		const m = chromiumRss();
		this.peak.renderer = Math.max(this.peak.renderer, m.renderer);
		this.peak.all = Math.max(this.peak.all, m.all);
		this.samples.push([Date.now(), m.renderers]);
		return m.renderer;
	}
	stop(): void {
		clearInterval(this.timer);
	}
	/** The page's renderer: the largest at the last sample. */
	pagePid(): number {
		const last = this.samples[this.samples.length - 1]?.[1] ?? new Map<number, number>();
		return [...last].reduce((a, b) => (b[1] > a[1] ? b : a), [-1, -1])[0];
	}
	/** The page renderer's RSS at the first sample (before the file). */
	first(): number {
		return this.samples[0]?.[1].get(this.pagePid()) ?? 0;
	}
	/**
	 * The page renderer's highest sample in [from, to], its last one at or before `from` (what the step started
	 * from) and at or before `to` (epoch ms).
	 */
	window(from: number, to: number): { start: number; peak: number; end: number } {
		const pid = this.pagePid();
		let peak = 0, end = 0, start = 0;
		for (const [at, all] of this.samples) {
			const rss = all.get(pid) ?? 0;
			if (at > to) break;
			end = rss;
			if (at <= from) start = rss;
			if (at >= from) peak = Math.max(peak, rss);
		}
		return { start, peak: Math.max(peak, end), end };
	}

	/** The page renderer's samples as "ms-since-first MB" lines, with labelled marks (epoch ms) between them. */
	timeline(marks: [string, number][]): string {
		const pid = this.pagePid();
		const t0 = this.samples[0]?.[0] ?? 0;
		const rows: [number, string][] = this.samples.map(([at, all]) => [at, `${at - t0} ${((all.get(pid) ?? 0) / 2 ** 20).toFixed(0)}`]);
		for (const [name, at] of marks) rows.push([at, `# ${at - t0} ${name}`]);
		return rows.sort((a, b) => a[0] - b[0]).map(([, line]) => line).join('\n') + '\n';
	}
}

/** One measureUserAgentSpecificMemory() reading: the total and the bytes per scope (Window, each worker by name). */
export interface UaMemory {
	total: number;
	byScope: [string, number][];
	/** How long the measurement took (ms). */
	ms: number;
}

/** Measures the page's and its workers' JS heaps and ArrayBuffers; null where the API is unavailable. */
export async function uaMemory(page: Page): Promise<UaMemory | null> {
	return page.evaluate(async () => {
		const perf = performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: { bytes: number; attribution: { scope: string; url: string }[] }[] }> };
		if (!perf.measureUserAgentSpecificMemory || !crossOriginIsolated) return null;
		const t = performance.now();
		const m = await perf.measureUserAgentSpecificMemory();
		const by = new Map<string, number>();
		for (const b of m.breakdown) {
			if (!b.bytes) continue;
			const key = b.attribution.map((a) => (a.scope === 'Window' ? 'page' : (a.url.split('/').pop() ?? a.scope).replace(/[-.][\w-]{6,}\.js$/, '').replace(/\.js$/, ''))).join('+') || 'shared';
			by.set(key, (by.get(key) ?? 0) + b.bytes);
		}
		return { total: m.bytes, byScope: [...by].sort((a, b) => b[1] - a[1]), ms: performance.now() - t };
	});
}

export interface StepMemory {
	step: string;
	/** Renderer RSS: at the step's start, the highest sample during the step, and at its end. */
	start?: number;
	peak: number;
	end: number;
	/** measureUserAgentSpecificMemory at the end of the user action the step belongs to (null inside a run). */
	ua: UaMemory | null;
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

/** The per-step memory lines, against the file size and the page before the file. */
export function memoryLines(steps: StepMemory[], fileBytes: number, baseline: number, baselineUa: UaMemory | null): string[] {
	const lines = [`Memory per step (the page's renderer process — page and workers — RSS: peak during the step, at its start and end; JS heaps + ArrayBuffers of the page and workers at the end of the action), file ${mb(fileBytes)}, page before the file ${mb(baseline)} RSS${baselineUa ? `, ${mb(baselineUa.total)} heaps` : ''}:`];
	const top = steps.reduce((a, b) => (b.peak > a.peak ? b : a), steps[0]);
	for (const m of steps) {
		const ua = m.ua ? `; heaps ${mb(m.ua.total)} (${m.ua.byScope.slice(0, 5).map(([k, b]) => `${k} ${mb(b)}`).join(', ')}; measured in ${(m.ua.ms / 1000).toFixed(1)} s)` : '';
		lines.push(`${m === top ? '* ' : '  '}${m.step.padEnd(16)} peak ${mb(m.peak).padStart(7)} (${(m.peak / fileBytes).toFixed(1)}×, +${mb(m.peak - baseline)}), ${m.start !== undefined ? `start ${mb(m.start).padStart(7)}, ` : ''}end ${mb(m.end).padStart(7)}${ua}`);
	}
	return lines;
}

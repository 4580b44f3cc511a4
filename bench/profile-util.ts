/**
 * Main-thread CPU profile around a piece of browser work (Chromium DevTools protocol): every stretch of busy
 * samples longer than `minMs` with the functions that took the most of it (inclusive time), to find long tasks.
 * Used by bench/longtasks.bench.ts when LONGTASKS_PROFILE=1.
 */
import type { Page } from 'playwright-core';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

export async function profileWhile(page: Page, work: () => Promise<void>, minMs = 50): Promise<string[]> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
	await work();
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
	await cdp.detach();
	return busyStretches(profile, minMs);
}

function busyStretches(p: Profile, minMs: number): string[] {
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const label = (n: Node) => {
		const f = n.callFrame;
		return `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
	};
	const out: string[] = [];
	let t = 0, start = -1, counts = new Map<string, number>(), self = new Map<string, number>(), last = 0;
	const flush = (end: number) => {
		if (start >= 0 && end - start >= minMs * 1000) {
			const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40);
			const topSelf = [...self].sort((a, b) => b[1] - a[1]).slice(0, 8);
			out.push(`busy ${((end - start) / 1000).toFixed(0)} ms: ` + top.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(' | '));
			out.push(`  self: ` + topSelf.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(' | '));
		}
		start = -1;
		counts = new Map();
		self = new Map();
	};
	for (let i = 0; i < p.samples.length; i++) {
		t += p.timeDeltas[i];
		const node = byId.get(p.samples[i])!;
		const name = node.callFrame.functionName;
		const dt = t - last;
		last = t;
		if (name === '(idle)') { flush(t); continue; }
		if (start < 0) start = t;
		self.set(label(node), (self.get(label(node)) ?? 0) + dt);
		const seen = new Set<string>();
		for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
			const l = label(byId.get(id)!);
			if (!seen.has(l)) { seen.add(l); counts.set(l, (counts.get(l) ?? 0) + dt); }
		}
	}
	flush(t);
	return out;
}

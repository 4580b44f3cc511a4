import { describe, expect, it } from 'vitest';
import { cancellableBlob } from './cancellable-blob';
import { cancelJob } from './job-control';

/** Chunks that each take about `ms` of busy work. */
function* slow(count: number, ms: number, seen: { n: number }) {
	for (let i = 0; i < count; i++) {
		const t = performance.now();
		while (performance.now() - t < ms);
		seen.n++;
		yield `${i}\n`;
	}
}

describe('cancellableBlob', () => {
	it('writes every chunk in order, reporting progress', async () => {
		const seen = { n: 0 }, fractions: number[] = [];
		const blob = await cancellableBlob(slow(40, 2, seen), 'text/csv', { job: 1, stage: 'Writing', fraction: () => seen.n / 40, onProgress: (p) => fractions.push(p.fraction) });
		expect(await blob.text()).toBe(Array.from({ length: 40 }, (_, i) => `${i}\n`).join(''));
		expect(fractions[0]).toBe(0);
		expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1])).toBe(true);
	});

	it('stops at the next checkpoint once the job is cancelled, without reading further', async () => {
		const seen = { n: 0 };
		const job = cancellableBlob(slow(1000, 2, seen), 'text/csv', { job: 2, stage: 'Writing', fraction: () => 0 });
		const t = performance.now();
		// Sent while the writer runs: it arrives between two slices.
		setTimeout(() => cancelJob(2), 60);
		await expect(job).rejects.toMatchObject({ code: 'cancelled' });
		expect(seen.n).toBeLessThan(1000);
		// Slices of about 25 ms: stopped well within 200 ms of the cancel.
		expect(performance.now() - t).toBeLessThan(60 + 200);
	});

	it('ignores a cancel for another job', async () => {
		cancelJob(99);
		const seen = { n: 0 };
		const blob = await cancellableBlob(slow(30, 2, seen), 'text/csv', { job: 3, stage: 'Writing', fraction: () => 0 });
		expect(seen.n).toBe(30);
		expect(blob.size).toBeGreaterThan(0);
	});
});

/**
 * The cancels job-control.ts holds stay bounded: a cancel that arrives after its job ended is not kept (every
 * one of them used to stay for the worker's lifetime), one asked before its job started still stops it, and one
 * for a job overtaken by a newer job is forgotten. Job ids rise through the file, as the page's do.
 */
import { describe, expect, it } from 'vitest';
import { cancelJob, heldCancels, jobControl } from './job-control';

/** A job's next checkpoint (no slice time: it yields and checks at once). */
async function stops(ctl: ReturnType<typeof jobControl>): Promise<boolean> {
	try {
		await ctl.checkpoint();
		return false;
	} catch (err) {
		expect(err).toMatchObject({ code: 'cancelled' });
		return true;
	}
}

describe('job-control: the cancels it holds', () => {
	it('keeps none of 10,000 cancels that arrive after their jobs ended', async () => {
		for (let id = 1; id <= 10_000; id++) {
			const ctl = jobControl(id, 0);
			await ctl.checkpoint();
			ctl.done();
			cancelJob(id);
		}
		expect(heldCancels()).toBe(0);
		// The last of them, late as it was, does not stop anything either.
		const next = jobControl(10_001, 0);
		expect(await stops(next)).toBe(false);
		next.done();
	});

	it('stops a running job at its next checkpoint and then holds nothing', async () => {
		const ctl = jobControl(20_000, 0);
		expect(await stops(ctl)).toBe(false);
		cancelJob(20_000);
		expect(heldCancels()).toBe(1);
		expect(await stops(ctl)).toBe(true);
		ctl.done();
		expect(heldCancels()).toBe(0);
	});

	it('keeps a cancel asked before its job arrived, and it stops the job when it starts', async () => {
		cancelJob(30_000);
		expect(heldCancels()).toBe(1);
		const ctl = jobControl(30_000, 0);
		expect(await stops(ctl)).toBe(true);
		ctl.done();
		expect(heldCancels()).toBe(0);
	});

	it('stops an older job still running after a newer one started, and leaves the newer one alone', async () => {
		const older = jobControl(40_000, 0);
		const newer = jobControl(40_001, 0);
		cancelJob(40_000);
		expect(await stops(newer)).toBe(false);
		expect(await stops(older)).toBe(true);
		older.done();
		newer.done();
		expect(heldCancels()).toBe(0);
	});

	it('forgets a cancel for a job that never started once a newer job starts', async () => {
		cancelJob(50_000);
		cancelJob(50_002);
		expect(heldCancels()).toBe(2);
		const ctl = jobControl(50_001, 0);
		// 50,000 can no longer start; 50,002 still can.
		expect(heldCancels()).toBe(1);
		expect(await stops(ctl)).toBe(false);
		ctl.done();
		const last = jobControl(50_002, 0);
		expect(await stops(last)).toBe(true);
		last.done();
		expect(heldCancels()).toBe(0);
	});

	it('a call without an id is never stopped here', async () => {
		const ctl = jobControl(undefined, 0);
		expect(await ctl.checkpoint()).toBe(false);
		ctl.done();
		expect(heldCancels()).toBe(0);
	});
});

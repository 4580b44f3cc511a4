/**
 * No engine call waits forever on a worker that can no longer answer: a worker that crashes ('error'), sends an
 * answer the page cannot read ('messageerror') or is terminated by someone else (another job's Cancel, a sweep's
 * clean-up) ends every call still waiting on it, with a message the page shows, and the next call starts a fresh
 * worker. The workers here are fakes that speak Comlink's wire format; no test depends on timing: a hang shows as
 * the test's own time-out.
 */
import { describe, expect, it } from 'vitest';
import type { Recipe } from '../engine/recipe';
import { EngineCallError, EngineClient } from './pool';

interface Posted {
	id?: string;
	type: string;
	path?: string[];
}

/** A worker that records what it is sent and answers only when told to (or, with `answer`, at once). */
class FakeWorker extends EventTarget {
	posted: Posted[] = [];
	terminated = false;
	/** What the worker answers a call with; none: it never answers (busy, or dead without a word). */
	constructor(public answer?: (msg: Posted) => unknown) {
		super();
	}
	postMessage(msg: Posted): void {
		this.posted.push(msg);
		if (this.answer && msg.id && msg.type === 'APPLY') {
			const value = this.answer(msg);
			queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: { id: msg.id, type: 'RAW', value } })));
		}
	}
	terminate(): void {
		this.terminated = true;
	}
	/** The worker crashes (an error outside any call, or failing to start). */
	crash(message: string): void {
		this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
	}
}

function clientWith(workers: FakeWorker[]): EngineClient {
	let i = 0;
	return new EngineClient(() => workers[i++] as unknown as Worker);
}

const recipe = {} as Recipe;
const load = { name: 'a.csv', blob: new Blob(['a\n1\n']) };
const summary = { rows: 1 };

async function settled<T>(p: Promise<T>): Promise<EngineCallError> {
	try {
		await p;
	} catch (err) {
		expect(err).toBeInstanceOf(EngineCallError);
		return err as EngineCallError;
	}
	throw new Error('the call resolved');
}

describe('engine calls on a worker that can no longer answer', () => {
	it('fail with a clear message when the worker crashes, and the next call runs on a fresh worker', async () => {
		const dead = new FakeWorker();
		const fresh = new FakeWorker((m) => (m.path?.[0] === 'load' ? { ok: true, value: { ready: summary } } : { ok: true, value: 'prepared' }));
		const client = clientWith([dead, fresh]);
		const loading = client.load(load);
		await Promise.resolve();
		expect(dead.posted.some((m) => m.path?.[0] === 'load')).toBe(true);
		dead.crash('Out of memory');
		const err = await settled(loading);
		expect(err.info.code).toBe('internal');
		expect(err.message).toBe('The engine stopped unexpectedly: Out of memory.');
		expect(err.info.hint).toMatch(/again/);
		expect(dead.terminated).toBe(true);
		// Rerun: a fresh worker reads the file and answers.
		await expect(client.load(load)).resolves.toEqual({ ready: summary });
		await expect(client.runBase(recipe)).resolves.toBe('prepared');
	});

	it('fail when the worker sends an answer the page cannot read', async () => {
		const w = new FakeWorker();
		const client = clientWith([w]);
		const loading = client.load(load);
		await Promise.resolve();
		w.dispatchEvent(new MessageEvent('messageerror', { data: null }));
		const err = await settled(loading);
		expect(err.info.code).toBe('internal');
		expect(err.message).toBe('The engine sent an answer the page could not read.');
		expect(w.terminated).toBe(true);
	});

	it("end as cancelled when another job's Cancel terminates the worker they wait on", async () => {
		const w = new FakeWorker(() => ({ ok: true, value: { ready: summary } }));
		const client = clientWith([w]);
		await client.load(load);
		// A background job (the Map's input) and a run share the worker, which answers neither.
		w.answer = undefined;
		const background = client.projectionInput(recipe);
		const controller = new AbortController();
		const run = client.runBase(recipe, { signal: controller.signal });
		controller.abort();
		expect((await settled(run)).info.code).toBe('cancelled');
		// Before, this call waited forever on the terminated worker.
		expect((await settled(background)).info.code).toBe('cancelled');
		expect(w.terminated).toBe(true);
	});

	it('end as cancelled when the client is terminated directly (a sweep cleaning up, a helper following new data)', async () => {
		const w = new FakeWorker(() => ({ ok: true, value: { ready: summary } }));
		const client = clientWith([w]);
		await client.load(load);
		w.answer = undefined;
		const pending = client.preview(recipe, 'a');
		client.terminate();
		expect((await settled(pending)).info.code).toBe('cancelled');
	});
});

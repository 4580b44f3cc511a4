/**
 * The projection worker: t-SNE and UMAP off the main thread, streaming positions. One embedding at a time; the
 * loop runs in slices of about 40 ms and yields to the event loop between them, so `pause`/`resume` messages
 * get through; cancel is the pool's terminate-and-respawn (projection-client.ts). Frames are fresh
 * Float32Arrays, transferred, every ~100 ms of work (the page redraws them).
 */
import * as Comlink from 'comlink';
import { EngineError, toErrorInfo, type ErrorInfo } from '../engine/errors';
import { Rng } from '../engine/random';
import { EMBED_MAX_ROWS, stratifiedSample } from '../engine/project/stratified-sample';
import { tsneSteps, type TsneOptions } from '../engine/project/tsne';
import { SharedRepulsion, sharedTsneMemory } from '../engine/project/tsne-shared';
import { umapSteps, type UmapOptions } from '../engine/project/umap';

export interface EmbedRequest {
	method: 'tsne' | 'umap';
	data: Float64Array;
	rows: number;
	cols: number;
	seed: number;
	/** Segment of each row, to stratify the sample (null: a simple random sample). */
	strata: Int32Array | null;
	maxRows?: number;
	tsne?: TsneOptions;
	umap?: UmapOptions;
}

export interface EmbedFrame {
	iteration: number;
	nIter: number;
	/** Positions of the embedded rows, n × 2. */
	Y: Float32Array;
	phase: string;
	/** The sampled rows, on the first frame of a sampled run (so frames can be drawn before the end). */
	sample?: Int32Array;
}

export interface EmbedResult {
	/** Rows (indices into the request's rows) that were embedded, or null when all were. */
	sample: Int32Array | null;
	/** Screen positions (Float32) and the same positions in full double precision, for the results file. */
	Y: Float32Array;
	exact: Float64Array;
	iterations: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

let paused = false;
let wake: (() => void) | null = null;

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

function toF32(Y: Float64Array): Float32Array {
	const out = new Float32Array(Y.length);
	for (let i = 0; i < Y.length; i++) out[i] = Y[i];
	return out;
}

/**
 * A second thread for t-SNE's repulsion when shared memory is available (a cross-origin-isolated page: served
 * with COOP/COEP headers); null otherwise, and for small inputs where it would not pay. Same positions either way.
 */
async function startHelper(n: number): Promise<{ shared: SharedRepulsion; close(): void } | null> {
	if (n < 2000 || typeof SharedArrayBuffer === 'undefined' || !(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) return null;
	try {
		const mem = sharedTsneMemory(n);
		const worker = new Worker(new URL('./tsne-helper.worker.ts', import.meta.url), { type: 'module', name: 'segment-lab-tsne-helper' });
		await new Promise<void>((resolve, reject) => {
			worker.onmessage = () => resolve();
			worker.onerror = (e) => reject(e);
			worker.postMessage({ buffer: mem.buffer, n });
		});
		const shared = new SharedRepulsion(mem);
		return {
			shared,
			close() {
				shared.stop();
				worker.terminate();
			}
		};
	} catch {
		return null;
	}
}

/** Pulls a step generator to the end in ~40 ms slices, showing a frame at most every 100 ms; honours pause. */
async function drive<F extends { iteration: number }>(gen: Generator<F, Float64Array>, show: (f: F) => void): Promise<{ Y: Float64Array; iterations: number }> {
	let last = -Infinity, iterations = 0;
	let sliceStart = performance.now();
	let r = gen.next();
	while (!r.done) {
		const f = r.value;
		iterations = f.iteration;
		const now = performance.now();
		if (f.iteration === 0 || now - last > 100) {
			show(f);
			last = now;
		}
		if (now - sliceStart > 40 || paused) {
			await tick();
			while (paused) await new Promise<void>((res) => (wake = res));
			sliceStart = performance.now();
		}
		r = gen.next();
	}
	return { Y: r.value, iterations };
}

const api = {
	async embed(req: EmbedRequest, onFrame?: (f: EmbedFrame) => void): Promise<Result<EmbedResult>> {
		try {
			const { rows, cols } = req;
			const limit = req.maxRows ?? EMBED_MAX_ROWS;
			let data = req.data, n = rows, sample: Int32Array | null = null;
			if (rows > limit) {
				sample = stratifiedSample(req.strata, rows, limit, new Rng(req.seed ^ 0x5a5a));
				n = sample.length;
				data = new Float64Array(n * cols);
				for (let t = 0; t < n; t++) data.set(req.data.subarray(sample[t] * cols, (sample[t] + 1) * cols), t * cols);
			}
			paused = false;
			let sampleSent = false;
			const send = (iteration: number, nIter: number, Y: Float64Array, phase: string) => {
				if (!onFrame) return;
				const f: EmbedFrame = { iteration, nIter, Y: toF32(Y), phase };
				if (sample && !sampleSent) {
					f.sample = sample.slice();
					sampleSent = true;
				}
				onFrame(Comlink.transfer(f, [f.Y.buffer, ...(f.sample ? [f.sample.buffer] : [])] as ArrayBuffer[]));
			};
			let run: { Y: Float64Array; iterations: number };
			if (req.method === 'tsne') {
				const helper = await startHelper(n);
				try {
					const gen = tsneSteps(data, n, cols, req.tsne ?? {}, { seed: req.seed, shared: helper?.shared });
					const threads = helper ? ', 2 threads' : '';
					run = await drive(gen, (f) => send(f.iteration, f.nIter, f.Y, (f.exaggerating ? 'early exaggeration' : 'settling') + threads));
					run.Y = run.Y.slice();
				} finally {
					helper?.close();
				}
			} else if (req.method === 'umap') {
				const gen = umapSteps(data, n, cols, req.umap ?? {}, { seed: req.seed });
				run = await drive(gen, (f) => send(f.iteration, f.nIter, f.read(), 'optimising'));
			} else {
				throw new EngineError('bad-parameter', `Unknown projection method "${String(req.method)}".`, 'Choose PCA, t-SNE or UMAP.');
			}
			const { Y, iterations } = run;
			const value: EmbedResult = { sample, Y: toF32(Y), exact: Y, iterations };
			const out: Result<EmbedResult> = { ok: true, value };
			return Comlink.transfer(out, [value.Y.buffer, value.exact.buffer, ...(sample ? [sample.buffer] : [])] as ArrayBuffer[]);
		} catch (err) {
			return { ok: false, error: toErrorInfo(err) };
		}
	},

	pause(): void {
		paused = true;
	},

	resume(): void {
		paused = false;
		wake?.();
		wake = null;
	}
};

export type ProjectionApi = typeof api;
export default api;
